// "Where the time went": the critical path of one request through its spans, and the share of
// tail boot time each resource accounts for.
//
// Per request, the spans (clipped to [t_submit, t_active]) form a DAG in Boost.Graph:
//  - `after` edges (a causal predecessor ends before the span starts);
//  - containment edges, parent -> child;
//  - where a nested span has no `after`, an inferred edge from the sibling that ended last no
//    later than it started; a top-level span also follows every top-level span that ended
//    before it started (so cinder's volume creation can lead to nova's attach);
//  - every descendant of a span inherits that span's sequential successors, so a path can go
//    down into a phase's children and continue with the next phase.
// Each node weighs its exclusive time (duration minus the union of its children's intervals),
// so a phase and its children are never counted twice; sleeps of poll loops (resource "poll:...")
// weigh 1/1000 of it when choosing the path, since they wait for work done elsewhere. The
// longest path (topological order) is the critical path; each step's time is attributed to its
// category: the span's resource ("disk:lvm-1", "queue:max_concurrent_builds"), or, when it
// has none, "<kind>:<span name>" ("phase:spawn"). Elapsed time on no step is "(untracked)".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/runtime/run_result.hpp"

namespace bfv::reports {

struct PathStep {
  uint32_t span = 0;
  double seconds = 0;        // exclusive time counted on the path
  std::string category;      // "disk:lvm-1", "phase:spawn", ...
  std::string label;         // what kind of wait: Io | Comm | Exec | Wait | Rpc | Phase | Activity
};

// Critical path of the given spans (ids into log.spans()) within [t_begin, t_end], in time order.
std::vector<PathStep> critical_path(const EventLog& log, const std::vector<uint32_t>& spans,
                                    double t_begin, double t_end);

std::string span_category(const EventLog& log, const Span& s);
std::string span_label(const EventLog& log, const Span& s);

struct Attribution {
  std::string category;
  std::string label;
  double seconds = 0;        // summed over the requests considered
  double share = 0;          // seconds / summed boot time of those requests
};

struct WhereTimeWent {
  double p95 = 0;                      // boot-time p95 (Rally percentile), seconds
  int requests = 0;                    // requests at or above it
  double boot_seconds = 0;             // their summed boot time
  std::vector<Attribution> tail;       // over those requests, largest first
  std::vector<Attribution> all;        // over every ACTIVE request, largest first
  int all_requests = 0;
  double all_boot_seconds = 0;
};

// spans_of: span ids per request; boot: t_active - t_submit for requests that became ACTIVE.
WhereTimeWent where_time_went(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                              const std::vector<std::optional<double>>& boot);

// "62.0% of p95 boot time is waiting for disk:lvm-1 (Io)" lines, at most `max_lines`.
std::vector<std::string> where_lines(const WhereTimeWent& w, std::size_t max_lines);

}  // namespace bfv::reports

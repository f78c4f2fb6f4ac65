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
// has none, "<kind>:<span name>" ("phase:spawn"). Elapsed time between the path's steps (a poll
// loop's sleep that outlasted the work it waited for, an RPC in transit) goes to the innermost span
// of the request covering it, non-Phase spans first; only time no span covers is "(untracked)".
//
// Resources group into classes by name (resource_class): every "@host" suffix and every run of
// digits becomes "*", so "service:libvirt@r-01-cmp003" is one of "service:libvirt@*" and
// "disk:lvm-7-vg" one of "disk:lvm-*-vg". The rule knows no prefixes: "queue:<service>",
// "pool:..." or any new resource kind groups the same way.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/run_result.hpp"

namespace bfv::reports {

struct PathStep {
  uint32_t span = 0;
  double seconds = 0;    // exclusive time counted on the path
  std::string category;  // "disk:lvm-1", "phase:spawn", ...
  std::string label;     // what kind of wait: Io | Comm | Exec | Wait | Rpc | Phase | Activity
};

// Critical path of the given spans (ids into log.spans()) within [t_begin, t_end], in time order.
std::vector<PathStep> critical_path(const EventLog& log, const std::vector<uint32_t>& spans, double t_begin,
                                    double t_end);

std::string span_category(const EventLog& log, const Span& s);
std::string span_label(const EventLog& log, const Span& s);

struct Attribution {
  std::string category;
  std::string label;
  double seconds = 0;  // summed over the requests considered
  double share = 0;    // seconds / summed boot time of those requests
};

// "disk:lvm-7-vg" -> "disk:lvm-*-vg"; "lock:compute_resources@cmp-3" -> "lock:compute_resources@*";
// "phase:spawn" and "(untracked)" stay as they are.
std::string resource_class(const std::string& category);

// One resource class's share: the sum over its instances, and the instance that took the most.
struct ClassAttribution {
  std::string cls;
  std::string label;
  double seconds = 0;
  double share = 0;
  int instances = 0;  // distinct instances on the sampled paths
  std::string worst;  // the instance with the most seconds
  double worst_seconds = 0;
  double worst_share = 0;
};
std::vector<ClassAttribution> by_class(const std::vector<Attribution>& attributions);

struct WhereTimeWent {
  double p95 = 0;                 // boot-time p95 (Rally percentile), seconds
  int requests = 0;               // requests at or above it
  double boot_seconds = 0;        // their summed boot time
  std::vector<Attribution> tail;  // over those requests, largest first
  std::vector<Attribution> all;   // over every ACTIVE request, largest first
  int all_requests = 0;
  double all_boot_seconds = 0;
  std::vector<ClassAttribution> tail_classes, all_classes;  // the same, by resource class
  // Requests that did not become ACTIVE: critical path over [t_submit, when they stopped], by class.
  int failed_requests = 0;
  double failed_seconds = 0;
  std::vector<ClassAttribution> failed_classes;
};

// spans_of: span ids per request; boot: t_active - t_submit for requests that became ACTIVE.
// t_done: when each request stopped being in flight (for the failed ones).
WhereTimeWent where_time_went(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                              const std::vector<std::optional<double>>& boot, const std::vector<double>& t_done = {});

// "62.0% of p95 boot time is waiting for disk:lvm-* (Io; 3 instances, worst disk:lvm-2 30.1%)" lines, by class,
// at most `max_lines`.
std::vector<std::string> where_lines(const WhereTimeWent& w, std::size_t max_lines);

}  // namespace bfv::reports

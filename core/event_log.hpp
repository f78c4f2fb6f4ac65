// The one event log a run records. Services append to it; report writers read it.
// Data flows one way: actors never read it back, reports never reach into actors.
//
// Times are simulated seconds since the start of the run. Strings are interned once
// (tracks, names, resources) so that a 100k-request run stays small and cheap to write.
#pragma once
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "core/spill_log.hpp"

namespace bfv {

// What a span represents.
//  Phase    — a named step of a request as an operator reads it ("api", "schedule",
//             "volume_create", "volume_wait", "attach", "spawn", ...). report.json's
//             per-request `phases` are built from these.
//  Activity — a SimGrid activity inside a phase: a Comm over links, an Io on a disk,
//             an Exec on a CPU. `resource` names what it used.
//  Wait     — time spent queued for a concurrency slot or lock, or sleeping in a poll loop.
//  Rpc      — a control message or HTTP call (latency only).
enum class SpanKind : uint8_t { Phase, Activity, Wait, Rpc };

inline const char* span_kind_name(SpanKind k) {
  switch (k) {
    case SpanKind::Phase: return "phase";
    case SpanKind::Activity: return "activity";
    case SpanKind::Wait: return "wait";
    case SpanKind::Rpc: return "rpc";
  }
  return "span";
}

struct Span {
  uint32_t id = 0;
  int32_t request = -1;   // index into RunResult::requests, -1 = not tied to one request
  uint32_t track = 0;     // index into EventLog::tracks(): the service instance ("nova-compute@cmp-r01-001")
  uint32_t name = 0;      // index into EventLog::names(): phase or activity name
  uint32_t resource = 0;  // index into EventLog::names(): what the time was spent on
                          // ("link:tor-r01", "disk:lvm-1", "cpu:cinder-vol-1", "queue:max_concurrent_builds",
                          //  "poll:block_device_allocate_retries_interval", "service:nova-api"); 0 = ""
  SpanKind kind = SpanKind::Phase;
  bool ok = true;       // false when the step failed (fault, timeout, error status)
  bool open = true;     // begun and not yet ended (end_after closes these at the cut)
  double start = 0;     // simulated seconds
  double end = 0;       // simulated seconds, >= start
  int32_t parent = -1;  // enclosing Phase span id, -1 = top level
  int32_t after = -1;   // causal predecessor span id (must end before this starts), -1 = none
};

// An arrow between two tracks (RPC cast/call, HTTP request), for the trace view.
struct FlowArrow {
  int32_t request = -1;
  uint32_t name = 0;  // e.g. "rpc:build_and_run_instance"
  uint32_t track_from = 0;
  uint32_t track_to = 0;
  double t_from = 0;
  double t_to = 0;
};

// A utilization sample of a shared resource (link, disk, host CPU) in [0, 1], or a queue length.
struct Sample {
  double t = 0;
  uint32_t resource = 0;  // index into names
  double value = 0;
};

// Hash for std::string keys that also finds string_views and literals without building a string.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class EventLog {
 public:
  EventLog() { intern(""); }
  ~EventLog() {
    for (int fd : fds_) ::close(fd);
  }
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;
  EventLog(EventLog&& o) noexcept
      : spans_(std::move(o.spans_)),
        arrows_(std::move(o.arrows_)),
        samples_(std::move(o.samples_)),
        fds_(std::exchange(o.fds_, {})),
        names_(std::move(o.names_)),
        tracks_(std::move(o.tracks_)),
        index_(std::move(o.index_)),
        track_index_(std::move(o.track_index_)),
        polls_(std::move(o.polls_)) {}
  EventLog& operator=(EventLog&&) = delete;

  // Spans, arrows and samples go to three unlinked temporary files in `dir` from now on, and leave
  // resident memory as the run goes (core/spill_log.hpp). Call before the first event.
  void spill_to(const std::filesystem::path& dir) {
    int fds[3];
    for (int& fd : fds) {
      std::string tmpl = (dir / ".bfvsim-spill-XXXXXX").string();
      fd = ::mkstemp(tmpl.data());
      if (fd < 0)
        throw std::runtime_error("cannot create a spill file in " + dir.string() + ": check that it is writable");
      ::unlink(tmpl.c_str());  // removed when the run ends, however it ends
      fds_.push_back(fd);
    }
    spans_.spill_to(fds[0]);
    arrows_.spill_to(fds[1]);
    samples_.spill_to(fds[2]);
  }
  bool spilled() const { return spans_.spilled(); }
  // Drops the resident pages of the spilled tables (the reports call it while they read; no-op in memory).
  void release() const {
    spans_.release(true);
    arrows_.release(true);
    samples_.release(true);
  }

  // Looked up by string_view: interning a literal or a prebuilt name allocates nothing.
  uint32_t intern(std::string_view s) {
    if (auto it = index_.find(s); it != index_.end()) return it->second;
    auto id = static_cast<uint32_t>(names_.size());
    names_.emplace_back(s);
    index_.emplace(std::string(s), id);
    return id;
  }
  uint32_t track(const std::string& s) {
    auto [it, inserted] = track_index_.try_emplace(s, static_cast<uint32_t>(tracks_.size()));
    if (inserted) tracks_.push_back(s);
    return it->second;
  }

  // Opens a span at `start`; close it with end_span(). Returns its id.
  uint32_t begin_span(int32_t request, uint32_t track, uint32_t name, SpanKind kind, double start, int32_t parent = -1,
                      int32_t after = -1, uint32_t resource = 0) {
    Span s;
    s.id = static_cast<uint32_t>(spans_.size());
    s.request = request;
    s.track = track;
    s.name = name;
    s.kind = kind;
    s.start = s.end = start;
    s.parent = parent;
    s.after = after;
    s.resource = resource;
    spans_.push_back(s);
    return s.id;
  }
  void end_span(uint32_t id, double end, bool ok = true) {
    spans_[id].end = end;
    spans_[id].ok = ok;
    spans_[id].open = false;
    spans_.touched(id);
  }
  void set_resource(uint32_t id, uint32_t resource) {
    spans_[id].resource = resource;
    spans_.touched(id);
  }
  void set_after(uint32_t id, int32_t after) {
    spans_[id].after = after;
    spans_.touched(id);
  }
  void arrow(const FlowArrow& a) { arrows_.push_back(a); }
  // A wait made of polls: `span` encloses `polls` polls (each its GET and its sleep, as child spans).
  // trace.json shows the wait as one span carrying the count; the polls with --trace-polls.
  void set_polls(uint32_t span, uint32_t polls) { polls_[span] = polls; }
  uint32_t polls(uint32_t span) const {
    auto it = polls_.find(span);
    return it == polls_.end() ? 0 : it->second;
  }
  bool has_polls() const { return !polls_.empty(); }
  // The poll counts as a table indexed by span id (0: not a wait made of polls), for readers that
  // ask for every span: one pass, whose result does not depend on the hash order.
  std::vector<uint32_t> polls_by_span(std::size_t n) const {
    std::vector<uint32_t> v(n, 0);
    for (const auto& [span, count] : polls_)
      if (span < n) v[span] = count;
    return v;
  }
  void sample(const Sample& s) { samples_.push_back(s); }

  const SpillLog<Span>& spans() const { return spans_; }
  const SpillLog<FlowArrow>& arrows() const { return arrows_; }
  const SpillLog<Sample>& samples() const { return samples_; }
  const std::vector<std::string>& names() const { return names_; }
  const std::vector<std::string>& tracks() const { return tracks_; }
  const std::string& name(uint32_t i) const { return names_[i]; }

 private:
  // chunked, not vectors: a 100k storm logs ~3M spans, and a vector's doubling would hold up to twice
  // that (and three times while it reallocates) at the run's memory peak; spilled to files above
  // a size (EventLog::spill_to).
  SpillLog<Span> spans_;
  SpillLog<FlowArrow> arrows_;
  SpillLog<Sample> samples_;
  std::vector<int> fds_;
  std::vector<std::string> names_;
  std::vector<std::string> tracks_;
  // lookup only; ids are assigned in first-use order, so output never depends on hash order
  std::unordered_map<std::string, uint32_t, StringViewHash, std::equal_to<>> index_;
  std::unordered_map<std::string, uint32_t> track_index_;
  std::unordered_map<uint32_t, uint32_t> polls_;  // looked up, or copied into a table by span id
};

}  // namespace bfv

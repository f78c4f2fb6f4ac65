// trace.json in Chrome Trace Event format, for Perfetto (ui.perfetto.dev) and chrome://tracing.
//  - one process per service kind (the track name before '@': "nova-compute@cmp-1" -> "nova-compute"),
//    one thread per service instance (EventLog::tracks), named with "M" metadata events;
//  - spans as "X" complete events, times in microseconds from integer nanoseconds (decimals only
//    when needed), so a child's [ts, ts+dur] never pokes out of its parent's by rounding;
//  - a service instance runs many requests at once, and overlapping slices that do not nest
//    break the viewers; such spans go to extra lanes of the instance ("nova-compute@cmp-1 #2"),
//    chosen greedily (lowest free lane; a child stays in its parent's lane when it fits);
//  - RPC arrows as flow events "s"/"f" (ids from 1, "f" bound to the enclosing slice);
//  - events sorted by (ts, pid, tid, longer first, span id): deterministic and monotonic per track.
#include <algorithm>
#include <cmath>
#include <map>
#include <queue>
#include <set>
#include <tuple>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "reports/writers.hpp"

namespace bfv::reports {
namespace {

std::string quote(const std::string& s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

int64_t ns(double seconds) { return std::llround(seconds * 1e9); }

struct Event {
  int64_t ts;
  int pid, tid;
  int cls;       // 0 = slice, 1 = flow start, 2 = flow end
  int64_t dur;   // slices: longer first
  uint32_t ref;  // span id or arrow index
};

}  // namespace

void trace_json(const RunResult& r, fmt::memory_buffer& buf, const std::function<void(std::string_view)>& spill,
                bool polls, std::size_t detail) {
  const auto& log = r.log;
  const auto& spans = log.spans();
  const auto& tracks = log.tracks();
  const std::size_t nt = tracks.size();

  // Big runs: every Phase span, but the fine-grained spans (activities, waits, RPCs) and the arrows
  // of at most `detail` requests (every k-th, deterministic; 0: all). A 10,000-request storm
  // otherwise gives ~550,000 events (78 MB) that cost 20% of the run to write and that Perfetto
  // renders slowly; phases of every request stay.
  const std::size_t nreq = r.requests.size();
  const std::size_t stride = detail > 0 && nreq > detail ? (nreq + detail - 1) / detail : 1;
  auto detailed = [&](int32_t request) { return request < 0 || static_cast<std::size_t>(request) % stride == 0; };
  // A wait made of polls is one span carrying its poll count (args.polls); its polls (each GET with
  // the server's span and arrow, each sleep) only with --trace-polls. A 3 s poll loop otherwise
  // writes 3 spans and an arrow per poll: 95% of a long-polling storm's wall time went to them.
  const bool fold_polls = !polls && log.has_polls();
  const std::vector<uint32_t> npolls = fold_polls ? log.polls_by_span(spans.size()) : std::vector<uint32_t>{};
  std::vector<char> in_poll;  // span is part of a poll (a descendant of a poll wait)
  std::vector<std::tuple<int32_t, uint32_t, double>> poll_starts;  // (request, track, start) of each poll's first span
  if (fold_polls) {
    in_poll.assign(spans.size(), 0);
    for (const auto& s : spans) {
      if (s.parent < 0 || static_cast<std::size_t>(s.parent) >= spans.size()) continue;
      const bool direct = npolls[s.parent] > 0;
      if (direct || in_poll[s.parent]) in_poll[s.id] = 1;
      // (only where an arrow can be kept: the detailed requests)
      if (direct && detailed(s.request)) poll_starts.emplace_back(s.request, s.track, s.start);
    }
    std::sort(poll_starts.begin(), poll_starts.end());
  }
  auto keep = [&](const Span& s) {
    return (s.kind == SpanKind::Phase || detailed(s.request)) && !(fold_polls && in_poll[s.id]);
  };
  // An arrow that leaves from a hidden poll's span (its GET): left out with it.
  auto keep_arrow = [&](const FlowArrow& ar) {
    return detailed(ar.request) &&
           !(fold_polls && std::binary_search(poll_starts.begin(), poll_starts.end(),
                                              std::make_tuple(ar.request, ar.track_from, ar.t_from)));
  };

  // Lanes per track.
  std::vector<std::vector<uint32_t>> on_track(nt);
  for (const auto& s : spans)
    if (s.track < nt && keep(s)) on_track[s.track].push_back(s.id);
  std::vector<int> lane_of(spans.size(), 0);
  std::vector<int> lanes(nt, 1);
  for (std::size_t t = 0; t < nt; ++t) {
    auto& ids = on_track[t];
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      if (spans[a].start != spans[b].start) return spans[a].start < spans[b].start;
      if (spans[a].end != spans[b].end) return spans[a].end > spans[b].end;
      return a < b;
    });
    std::vector<std::vector<uint32_t>> stack;  // open spans per lane, outermost first
    using Busy = std::pair<double, int>;       // (outermost end, lane)
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    std::set<int> free_lanes;
    for (uint32_t id : ids) {
      const Span& s = spans[id];
      int lane = -1;
      if (s.parent >= 0 && static_cast<std::size_t>(s.parent) < spans.size() && spans[s.parent].track == t) {
        auto& st = stack[lane_of[s.parent]];
        while (!st.empty() && spans[st.back()].end <= s.start && spans[st.back()].end < s.end && st.size() > 1)
          st.pop_back();
        if (!st.empty() && spans[st.back()].end >= s.end && spans[st.back()].start <= s.start &&
            spans[st.front()].end > s.start) {
          lane = lane_of[s.parent];
          st.push_back(id);
        }
      }
      if (lane < 0) {
        while (!busy.empty() && busy.top().first <= s.start) {
          free_lanes.insert(busy.top().second);
          busy.pop();
        }
        if (!free_lanes.empty()) {
          lane = *free_lanes.begin();
          free_lanes.erase(free_lanes.begin());
        } else {
          lane = static_cast<int>(stack.size());
          stack.emplace_back();
        }
        stack[lane].assign(1, id);
        busy.emplace(s.end, lane);
      }
      lane_of[id] = lane;
    }
    lanes[t] = std::max<int>(1, static_cast<int>(stack.size()));
  }

  // Processes by service kind (sorted), threads by (kind, track name, lane).
  std::map<std::string, int> pid_of_kind;
  auto kind_of = [&](const std::string& track) { return track.substr(0, track.find('@')); };
  for (const auto& tr : tracks) pid_of_kind.emplace(kind_of(tr), 0);
  {  // pids (and sort indices) in flow order: nova-api first, glance-api last, others after by name
    std::vector<std::string> kinds;
    for (const auto& [k, _] : pid_of_kind) kinds.push_back(k);
    std::stable_sort(kinds.begin(), kinds.end(),
                     [](const std::string& a, const std::string& b) { return service_rank(a) < service_rank(b); });
    int next_pid = 1;
    for (const auto& k : kinds) pid_of_kind[k] = next_pid++;
  }
  std::vector<std::size_t> track_order(nt);
  for (std::size_t t = 0; t < nt; ++t) track_order[t] = t;
  std::sort(track_order.begin(), track_order.end(), [&](std::size_t a, std::size_t b) {
    auto ka = pid_of_kind[kind_of(tracks[a])], kb = pid_of_kind[kind_of(tracks[b])];
    return ka != kb ? ka < kb : tracks[a] < tracks[b];
  });
  std::vector<int> first_tid(nt, 0);
  buf.clear();
  constexpr std::size_t kSpillAt = TextSink::kSpillBytes;
  if (spill)
    buf.reserve(kSpillAt + 4096);
  else
    buf.reserve(spans.size() * 190 + log.arrows().size() * 240 + 4096);  // ~170 bytes per slice: no regrowth
  auto it = fmt::appender(buf);
  auto put = [&](const std::string& str) { buf.append(str.data(), str.data() + str.size()); };
  put("{\"displayTimeUnit\":\"ms\",\"otherData\":{");
  fmt::format_to(it, "\"scenario\":{},\"seed\":{},\"version\":{}}},\n\"traceEvents\":[\n", quote(r.scenario), r.seed,
                 quote(r.version));
  bool first = true;
  auto emit = [&](const std::string& e) {
    if (!first) put(",\n");
    first = false;
    put(e);
  };
  for (const auto& [k, pid] : pid_of_kind) {
    emit(fmt::format(R"({{"name":"process_name","ph":"M","ts":0,"pid":{},"tid":0,"args":{{"name":{}}}}})", pid,
                     quote(k)));
    emit(fmt::format(R"({{"name":"process_sort_index","ph":"M","ts":0,"pid":{},"tid":0,"args":{{"sort_index":{}}}}})",
                     pid, pid));
  }
  int tid = 1;
  for (std::size_t t : track_order) {
    first_tid[t] = tid;
    int pid = pid_of_kind[kind_of(tracks[t])];
    for (int l = 0; l < lanes[t]; ++l, ++tid) {
      std::string name = l == 0 ? tracks[t] : fmt::format("{} #{}", tracks[t], l + 1);
      emit(fmt::format(R"({{"name":"thread_name","ph":"M","ts":0,"pid":{},"tid":{},"args":{{"name":{}}}}})", pid, tid,
                       quote(name)));
      emit(fmt::format(R"({{"name":"thread_sort_index","ph":"M","ts":0,"pid":{},"tid":{},"args":{{"sort_index":{}}}}})",
                       pid, tid, tid));
    }
  }

  std::vector<int> pid_of_track(nt);
  for (std::size_t t = 0; t < nt; ++t) pid_of_track[t] = pid_of_kind[kind_of(tracks[t])];
  std::vector<Event> events;
  events.reserve(spans.size() + 2 * log.arrows().size());
  for (const auto& s : spans) {
    if (s.track >= nt || !keep(s)) continue;
    int64_t a = ns(s.start), b = std::max(a, ns(s.end));
    events.push_back(Event{a, pid_of_track[s.track], first_tid[s.track] + lane_of[s.id], 0, b - a, s.id});
  }
  // An arrow end sits in the lane of the innermost span of its request enclosing it, else lane 0.
  const auto& arrows = log.arrows();
  std::vector<std::tuple<uint32_t, int32_t, uint32_t>> by_track_request;  // (track, request, span), sorted
  if (!arrows.empty()) {  // only the (track, request) pairs some arrow ends on
    std::vector<std::pair<uint32_t, int32_t>> wanted;
    for (const auto& ar : arrows) {
      if (!keep_arrow(ar)) continue;
      wanted.emplace_back(ar.track_from, ar.request);
      wanted.emplace_back(ar.track_to, ar.request);
    }
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    for (const auto& s : spans)
      if (keep(s) && std::binary_search(wanted.begin(), wanted.end(), std::make_pair(s.track, s.request)))
        by_track_request.emplace_back(s.track, s.request, s.id);
    std::sort(by_track_request.begin(), by_track_request.end());
  }
  auto lane_at = [&](uint32_t track, int32_t request, double t) {
    auto lo = std::lower_bound(by_track_request.begin(), by_track_request.end(), std::make_tuple(track, request, 0u));
    int lane = 0;
    double best = -1;
    for (auto it = lo; it != by_track_request.end() && std::get<0>(*it) == track && std::get<1>(*it) == request; ++it) {
      const Span& s = spans[std::get<2>(*it)];
      if (s.start <= t && t <= s.end && s.start > best) {
        best = s.start;
        lane = lane_of[s.id];
      }
    }
    return lane;
  };
  for (uint32_t i = 0; i < arrows.size(); ++i) {
    const auto& ar = arrows[i];
    if (ar.track_from >= nt || ar.track_to >= nt || !keep_arrow(ar)) continue;
    events.push_back(Event{ns(ar.t_from), pid_of_track[ar.track_from],
                           first_tid[ar.track_from] + lane_at(ar.track_from, ar.request, ar.t_from), 1, 0, i});
    events.push_back(Event{std::max(ns(ar.t_to), ns(ar.t_from)), pid_of_track[ar.track_to],
                           first_tid[ar.track_to] + lane_at(ar.track_to, ar.request, ar.t_to), 2, 0, i});
  }
  std::sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
    if (x.ts != y.ts) return x.ts < y.ts;
    if (x.pid != y.pid) return x.pid < y.pid;
    if (x.tid != y.tid) return x.tid < y.tid;
    if (x.cls != y.cls) return x.cls < y.cls;
    if (x.dur != y.dur) return x.dur > y.dur;
    return x.ref < y.ref;
  });

  // Quote every string once; write straight into the output buffer.
  std::vector<std::string> qname(log.names().size());
  for (std::size_t k = 0; k < qname.size(); ++k) qname[k] = quote(log.names()[k]);
  std::vector<std::string> qreq(r.requests.size());
  for (std::size_t k = 0; k < qreq.size(); ++k) qreq[k] = quote(r.requests[k].name);
  auto put_us = [&](int64_t t_ns) {  // whole microseconds without decimals
    if (t_ns % 1000 == 0)
      fmt::format_to(it, FMT_COMPILE("{}"), t_ns / 1000);
    else
      fmt::format_to(it, FMT_COMPILE("{}.{:03}"), t_ns / 1000, t_ns % 1000);
  };
  for (const auto& e : events) {
    if (spill && buf.size() >= kSpillAt) {
      spill(std::string_view(buf.data(), buf.size()));
      buf.clear();
    }
    if (!first) put(",\n");
    first = false;
    if (e.cls == 0) {
      const Span& s = spans[e.ref];
      fmt::format_to(it, FMT_COMPILE("{{\"name\":{},\"cat\":\"{}\",\"ph\":\"X\",\"ts\":"), qname[s.name],
                     span_kind_name(s.kind));
      put_us(e.ts);
      fmt::format_to(it, FMT_COMPILE(",\"dur\":"));
      put_us(e.dur);
      fmt::format_to(it, FMT_COMPILE(",\"pid\":{},\"tid\":{},\"args\":{{\"span\":{}"), e.pid, e.tid, s.id);
      if (s.request >= 0 && static_cast<std::size_t>(s.request) < r.requests.size()) {
        fmt::format_to(it, FMT_COMPILE(",\"request\":{}"), s.request);
        // The request's name only on its phases (what one clicks on), to keep the file small.
        if (s.kind == SpanKind::Phase) fmt::format_to(it, FMT_COMPILE(",\"request_name\":{}"), qreq[s.request]);
      }
      if (s.resource) fmt::format_to(it, FMT_COMPILE(",\"resource\":{}"), qname[s.resource]);
      if (fold_polls)
        if (uint32_t n = npolls[s.id]) fmt::format_to(it, FMT_COMPILE(",\"polls\":{}"), n);
      fmt::format_to(it, FMT_COMPILE("{}}}}}"), s.ok ? "" : ",\"ok\":false");
    } else {
      const auto& ar = arrows[e.ref];
      fmt::format_to(it, FMT_COMPILE("{{\"name\":{},\"cat\":\"flow\",\"ph\":\"{}\",{}\"id\":{},\"ts\":"),
                     qname[ar.name], e.cls == 1 ? "s" : "f", e.cls == 2 ? "\"bp\":\"e\"," : "", e.ref + 1);
      put_us(e.ts);
      fmt::format_to(it, FMT_COMPILE(",\"pid\":{},\"tid\":{}}}"), e.pid, e.tid);
    }
  }
  put("\n]}\n");
  if (spill) {
    spill(std::string_view(buf.data(), buf.size()));
    buf.clear();
  }
}

std::string trace_json(const RunResult& r, bool polls, std::size_t detail) {
  fmt::memory_buffer buf;
  trace_json(r, buf, {}, polls, detail);
  return fmt::to_string(buf);
}

}  // namespace bfv::reports

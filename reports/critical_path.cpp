// Critical path per request and the "where the time went" summary (see critical_path.hpp).
#include "reports/critical_path.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>

#include "reports/analysis.hpp"

namespace bfv::reports {
namespace {

struct Node {
  uint32_t id;
  double start, end;  // clipped
  int parent = -1;    // local index
  int after = -1;     // local index
  double exclusive = 0;
};

// Order used to keep every edge forward (and the graph acyclic whatever the input says):
// earlier start first, then the enclosing (longer) span, then lower id.
bool before(const Node& a, const Node& b) {
  if (a.start != b.start) return a.start < b.start;
  if (a.end != b.end) return a.end > b.end;
  return a.id < b.id;
}

}  // namespace

std::string span_category(const EventLog& log, const Span& s) {
  if (s.resource != 0 && !log.name(s.resource).empty()) return log.name(s.resource);
  return fmt::format("{}:{}", span_kind_name(s.kind), log.name(s.name));
}

std::string span_label(const EventLog& log, const Span& s) {
  switch (s.kind) {
    case SpanKind::Phase: return "Phase";
    case SpanKind::Wait: return "Wait";
    case SpanKind::Rpc: return "Rpc";
    case SpanKind::Activity: break;
  }
  const std::string& res = log.name(s.resource);
  const std::string prefix = res.substr(0, res.find(':'));
  if (prefix == "disk") return "Io";
  if (prefix == "link") return "Comm";
  if (prefix == "cpu") return "Exec";
  return "Activity";
}

namespace {

// Per-node lists reused from one request to the next (a critical path per sampled request: their
// allocations cost as much as the path itself).
struct Scratch {
  std::vector<Node> nodes;
  std::vector<std::pair<uint32_t, int>> local;
  std::vector<std::vector<int>> children, seq_succ, out;
  std::vector<int> top, pred;
  struct Ended {
    std::vector<std::pair<double, int>> pending;  // min-heap by (end, index)
    int best = -1;
  };
  std::vector<Ended> ended;
  std::vector<double> weight, dist;
};
void reset(std::vector<std::vector<int>>& lists, int n) {
  if (lists.size() < static_cast<std::size_t>(n)) lists.resize(n);
  for (int i = 0; i < n; ++i) lists[i].clear();
}

// The critical path as (span, exclusive seconds) steps, in time order; critical_path() names them.
std::vector<std::pair<uint32_t, double>> path_steps(const EventLog& log, const std::vector<uint32_t>& spans,
                                                    double t_begin, double t_end) {
  thread_local Scratch ws;
  const auto& all = log.spans();
  // Clip to the window; order nodes by `before` so local indices follow time.
  auto& nodes = ws.nodes;
  nodes.clear();
  for (uint32_t id : spans) {
    const Span& s = all[id];
    double a = std::max(s.start, t_begin), b = std::min(s.end, t_end);
    if (b < a || s.end < t_begin || s.start > t_end) continue;
    nodes.push_back(Node{id, a, b});
  }
  std::sort(nodes.begin(), nodes.end(), before);
  const int n = static_cast<int>(nodes.size());
  if (n == 0) return {};
  auto& local = ws.local;  // span id -> local index
  local.clear();
  for (int i = 0; i < n; ++i) local.emplace_back(nodes[i].id, i);
  std::sort(local.begin(), local.end());
  auto find = [&](int32_t span_id) -> int {
    if (span_id < 0) return -1;
    auto it = std::lower_bound(local.begin(), local.end(), std::make_pair(uint32_t(span_id), -1));
    return (it != local.end() && it->first == uint32_t(span_id)) ? it->second : -1;
  };
  for (auto& nd : nodes) {
    nd.parent = find(all[nd.id].parent);
    nd.after = find(all[nd.id].after);
  }

  // Exclusive time: own interval minus the union of the children's intervals.
  auto& children = ws.children;
  reset(children, n);
  for (int i = 0; i < n; ++i)
    if (nodes[i].parent >= 0) children[nodes[i].parent].push_back(i);
  for (int i = 0; i < n; ++i) {
    double covered = 0, cur_a = 0, cur_b = -1;
    for (int c : children[i]) {  // already in start order
      double a = std::max(nodes[c].start, nodes[i].start), b = std::min(nodes[c].end, nodes[i].end);
      if (b <= a) continue;
      if (a > cur_b) {
        if (cur_b > cur_a) covered += cur_b - cur_a;
        cur_a = a;
        cur_b = b;
      } else {
        cur_b = std::max(cur_b, b);
      }
    }
    if (cur_b > cur_a) covered += cur_b - cur_a;
    nodes[i].exclusive = std::max(0.0, (nodes[i].end - nodes[i].start) - covered);
  }

  // Sequential successors: `after`; for a nested span without one, the sibling that ended last
  // before it started; for a top-level span, every top-level span that ended before it started
  // (top-level phases run on different services, e.g. cinder's volume creation beside nova's
  // poll loop, and the step that really held the request up may not be the one it names).
  // (A wait made of hundreds of polls must not cost its polls squared: see Ended.)
  auto& top = ws.top;
  top.clear();
  for (int i = 0; i < n; ++i)
    if (nodes[i].parent < 0) top.push_back(i);
  auto& seq_succ = ws.seq_succ;
  reset(seq_succ, n);
  auto& ended = ws.ended;  // per parent: its children seen so far
  if (ended.size() < static_cast<std::size_t>(n)) ended.resize(n);
  for (int i = 0; i < n; ++i) {
    ended[i].pending.clear();
    ended[i].best = -1;
  }
  for (int v = 0; v < n; ++v) {
    int u = nodes[v].after;
    if (u >= 0 && before(nodes[u], nodes[v])) seq_succ[u].push_back(v);
    if (nodes[v].parent < 0) {
      for (int w : top) {
        if (w >= v) break;
        if (w != u && nodes[w].end <= nodes[v].start + 1e-9) seq_succ[w].push_back(v);
      }
    } else if (u < 0) {
      // The sibling that ended last (lowest index on a tie) among those that started earlier and
      // ended by v's start. Starts grow with the index, so that set only grows: siblings wait in a
      // heap by end until v's start passes their end.
      Scratch::Ended& e = ended[nodes[v].parent];
      while (!e.pending.empty() && e.pending.front().first <= nodes[v].start) {
        const int w = e.pending.front().second;
        std::pop_heap(e.pending.begin(), e.pending.end(), std::greater<>{});
        e.pending.pop_back();
        if (e.best < 0 || nodes[w].end > nodes[e.best].end || (nodes[w].end == nodes[e.best].end && w < e.best))
          e.best = w;
      }
      u = e.best;
      if (u >= 0 && before(nodes[u], nodes[v])) seq_succ[u].push_back(v);
    }
    if (nodes[v].parent >= 0) {
      auto& heap = ended[nodes[v].parent].pending;
      heap.emplace_back(nodes[v].end, v);
      std::push_heap(heap.begin(), heap.end(), std::greater<>{});
    }
  }
  // Path selection weight: a poll loop's sleeps wait for work done elsewhere, so they count for
  // almost nothing when choosing the path (they stay on it only when nothing else explains the
  // time); the seconds attributed are still their real exclusive time.
  auto& weight = ws.weight;
  weight.assign(n, 0.0);
  for (int v = 0; v < n; ++v) {
    const std::string& res = log.name(all[nodes[v].id].resource);
    weight[v] = nodes[v].exclusive * (res.rfind("poll:", 0) == 0 ? 1e-3 : 1.0);
  }
  // Every edge goes from a node to a later one in `before` order, i.e. to a higher local index:
  // the index order is a topological order, and the longest path is one pass over it.
  auto& out = ws.out;  // out-edges in insertion order
  reset(out, n);
  for (int v = 0; v < n; ++v) {
    if (nodes[v].parent >= 0 && before(nodes[nodes[v].parent], nodes[v])) out[nodes[v].parent].push_back(v);
    // v and each of its ancestors hand over to their sequential successors.
    for (int a = v, depth = 0; a >= 0 && depth < 64; a = nodes[a].parent, ++depth)
      for (int w : seq_succ[a])
        if (before(nodes[v], nodes[w]) && nodes[v].end <= nodes[w].start + 1e-9) out[v].push_back(w);
  }

  auto& dist = ws.dist;
  dist.assign(weight.begin(), weight.begin() + n);
  auto& pred = ws.pred;
  pred.assign(n, -1);
  for (int u = 0; u < n; ++u) {
    for (int w : out[u]) {
      double cand = dist[u] + weight[w];
      if (cand > dist[w] + 1e-12 || (pred[w] >= 0 && std::abs(cand - dist[w]) <= 1e-12 && u < pred[w])) {
        dist[w] = cand;
        pred[w] = u;
      }
    }
  }
  int best = 0;
  for (int v = 1; v < n; ++v)
    if (dist[v] > dist[best] + 1e-12) best = v;
  std::vector<std::pair<uint32_t, double>> path;
  for (int v = best; v >= 0; v = pred[v])
    if (nodes[v].exclusive > 0) path.emplace_back(nodes[v].id, nodes[v].exclusive);
  std::reverse(path.begin(), path.end());
  return path;
}

// Seconds per (category, label), summed in the order they are found. A span's category and label
// follow from its kind, resource and name ids, so each id triple is named once (formatting the two
// strings and a map lookup by them per step cost most of the analysis).
class CategorySums {
 public:
  explicit CategorySums(const EventLog& log) : log_(log) {}
  void add(const Span& s, double seconds) {
    const bool by_resource = s.resource != 0 && !log_.name(s.resource).empty();
    const uint64_t key = (uint64_t(static_cast<unsigned>(s.kind)) << 33) | (by_resource ? uint64_t(1) << 32 : 0) |
                         (by_resource ? s.resource : s.name);
    auto [it, fresh] = slot_of_.try_emplace(key, 0);
    if (fresh) {
      auto [named, first] = slot_by_name_.try_emplace({span_category(log_, s), span_label(log_, s)}, sums_.size());
      if (first) sums_.push_back(0);
      it->second = named->second;
    }
    sums_[it->second] += seconds;
  }
  void add_named(const std::pair<std::string, std::string>& name, double seconds) {
    auto [named, first] = slot_by_name_.try_emplace(name, sums_.size());
    if (first) sums_.push_back(0);
    sums_[named->second] += seconds;
  }
  // By (category, label), as a std::map of the strings iterates.
  template <class F>
  void each(F f) const {
    for (const auto& [name, slot] : slot_by_name_) f(name, sums_[slot]);
  }

 private:
  const EventLog& log_;
  std::unordered_map<uint64_t, std::size_t> slot_of_;  // looked up only
  std::map<std::pair<std::string, std::string>, std::size_t> slot_by_name_;
  std::vector<double> sums_;
};

}  // namespace

std::vector<PathStep> critical_path(const EventLog& log, const std::vector<uint32_t>& spans, double t_begin,
                                    double t_end) {
  std::vector<PathStep> path;
  for (const auto& [id, seconds] : path_steps(log, spans, t_begin, t_end)) {
    const Span& s = log.spans()[id];
    path.push_back(PathStep{id, seconds, span_category(log, s), span_label(log, s)});
  }
  return path;
}

namespace {

// Time of [t0, t1] covered by no step of `path`, given to the innermost span of the request that
// covers it: a span that is not a Phase first (a poll sleep, an RPC in transit), else a Phase.
void attribute_gaps(const EventLog& log, const std::vector<uint32_t>& spans,
                    const std::vector<std::pair<uint32_t, double>>& path, double t0, double t1, CategorySums& sum,
                    double& gap_total) {
  const auto& all = log.spans();
  std::vector<std::pair<double, double>> cov;
  cov.reserve(path.size());
  for (const auto& st : path) cov.emplace_back(std::max(t0, all[st.first].start), std::min(t1, all[st.first].end));
  std::sort(cov.begin(), cov.end());
  std::vector<std::pair<double, double>> gaps;
  double t = t0;
  for (const auto& [a, b] : cov) {
    if (a > t + 1e-9) gaps.emplace_back(t, a);
    t = std::max(t, b);
  }
  if (t1 > t + 1e-9) gaps.emplace_back(t, t1);
  for (const auto& [ga, gb] : gaps) {
    std::vector<uint32_t> cand;
    std::vector<double> cuts{ga, gb};
    for (uint32_t id : spans) {
      const Span& s = all[id];
      if (s.end <= ga || s.start >= gb) continue;
      cand.push_back(id);
      if (s.start > ga) cuts.push_back(s.start);
      if (s.end < gb) cuts.push_back(s.end);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
      const double a = cuts[k], b = cuts[k + 1], m = (a + b) / 2;
      int best = -1;
      for (uint32_t id : cand) {
        const Span& s = all[id];
        if (s.start > m || s.end < m) continue;
        if (best < 0) {
          best = static_cast<int>(id);
          continue;
        }
        const Span& o = all[static_cast<uint32_t>(best)];
        bool sp = s.kind != SpanKind::Phase, op = o.kind != SpanKind::Phase;
        if (sp != op ? sp : (s.start != o.start ? s.start > o.start : id < o.id)) best = static_cast<int>(id);
      }
      if (best < 0) continue;
      sum.add(all[static_cast<uint32_t>(best)], b - a);
      gap_total += b - a;
    }
  }
}

// Requests `reqs` over [t_submit, end_of(i)]; shares of `total` seconds.
template <class EndOf>
std::vector<Attribution> attribute(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                                   const std::vector<int>& reqs, EndOf end_of, double total) {
  CategorySums sum(r.log);
  double untracked = 0;
  for (int i : reqs) {
    const auto& q = r.requests[i];
    const double t1 = end_of(i);
    auto path = path_steps(r.log, spans_of[i], q.t_submit, t1);
    double on_path = 0;
    for (const auto& [id, seconds] : path) {
      sum.add(r.log.spans()[id], seconds);
      on_path += seconds;
    }
    double gaps = 0;
    attribute_gaps(r.log, spans_of[i], path, q.t_submit, t1, sum, gaps);
    untracked += std::max(0.0, (t1 - q.t_submit) - on_path - gaps);
  }
  if (untracked > 1e-9) sum.add_named({"(untracked)", "gap"}, untracked);
  std::vector<Attribution> out;
  sum.each([&](const std::pair<std::string, std::string>& key, double s) {
    out.push_back(Attribution{key.first, key.second, s, total > 0 ? s / total : 0});
  });
  std::stable_sort(out.begin(), out.end(),
                   [](const Attribution& a, const Attribution& b) { return a.seconds > b.seconds; });
  return out;
}

WhereTimeWent where_active(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                           const std::vector<std::optional<double>>& boot) {
  WhereTimeWent w;
  std::vector<double> sorted;
  std::vector<int> active;
  for (std::size_t i = 0; i < r.requests.size(); ++i)
    if (boot[i]) {
      sorted.push_back(*boot[i]);
      active.push_back(static_cast<int>(i));
    }
  if (sorted.empty()) return w;
  std::sort(sorted.begin(), sorted.end());
  w.p95 = percentile(sorted, 0.95);
  std::vector<int> tail;
  for (int i : active)
    if (*boot[i] >= w.p95 - 1e-12) {
      tail.push_back(i);
      w.boot_seconds += *boot[i];
    }
  w.requests = static_cast<int>(tail.size());
  w.all_requests = static_cast<int>(active.size());
  for (int i : active) w.all_boot_seconds += *boot[i];
  // Shares are computed over at most kMaxPaths requests, evenly sampled in request order
  // (deterministic): a critical path per request of a 10,000-request storm cost 15% of the run.
  // 500 paths put a share's sampling error near 2 points (sqrt(p(1-p)/n) <= 0.022) at a third of
  // the cost of 1,000 (~50 us per path).
  constexpr std::size_t kMaxPaths = 500;
  auto sample = [&](const std::vector<int>& ids, double* seconds) {
    std::vector<int> out;
    std::size_t stride = ids.size() > kMaxPaths ? (ids.size() + kMaxPaths - 1) / kMaxPaths : 1;
    *seconds = 0;
    for (std::size_t k = 0; k < ids.size(); k += stride) {
      out.push_back(ids[k]);
      *seconds += *boot[static_cast<std::size_t>(ids[k])];
    }
    return out;
  };
  double tail_s = 0, all_s = 0;
  auto tail_sample = sample(tail, &tail_s);
  auto all_sample = sample(active, &all_s);
  auto active_end = [&](int i) { return *r.requests[static_cast<std::size_t>(i)].t_active; };
  w.tail = attribute(r, spans_of, tail_sample, active_end, tail_s);
  w.all = attribute(r, spans_of, all_sample, active_end, all_s);
  w.tail_classes = by_class(w.tail);
  w.all_classes = by_class(w.all);
  return w;
}

}  // namespace

WhereTimeWent where_time_went(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                              const std::vector<std::optional<double>>& boot, const std::vector<double>& t_done) {
  WhereTimeWent w = where_active(r, spans_of, boot);
  // Requests that failed (server creates that never became ACTIVE and were not rejected at the API):
  // what held them up before they stopped.
  if (t_done.size() == r.requests.size()) {
    std::vector<int> failed;
    for (std::size_t i = 0; i < r.requests.size(); ++i) {
      const auto& q = r.requests[i];
      if (!boot[i] && q.kind == RequestKind::ServerCreate && q.final_status != FinalStatus::Rejected &&
          q.final_status != FinalStatus::Deleted && !spans_of[i].empty() && t_done[i] > q.t_submit)
        failed.push_back(static_cast<int>(i));
    }
    w.failed_requests = static_cast<int>(failed.size());
    constexpr std::size_t kMaxFailed = 200;
    std::vector<int> pick;
    std::size_t stride = failed.size() > kMaxFailed ? (failed.size() + kMaxFailed - 1) / kMaxFailed : 1;
    double seconds = 0;
    for (std::size_t k = 0; k < failed.size(); k += stride) {
      pick.push_back(failed[k]);
      seconds += t_done[static_cast<std::size_t>(failed[k])] - r.requests[static_cast<std::size_t>(failed[k])].t_submit;
    }
    w.failed_seconds = seconds;
    if (!pick.empty())
      w.failed_classes = by_class(attribute(
          r, spans_of, pick, [&](int i) { return t_done[static_cast<std::size_t>(i)]; }, seconds));
  }
  return w;
}

std::string resource_class(const std::string& c) {
  if (c.empty() || c[0] == '(') return c;
  std::string out;
  out.reserve(c.size());
  const std::size_t colon = c.find(':');
  if (colon == std::string::npos) return c;
  if (c.compare(0, colon, "phase") == 0 || c.compare(0, colon, "rpc") == 0 || c.compare(0, colon, "activity") == 0 ||
      c.compare(0, colon, "wait") == 0)
    return c;  // span names, not resource instances
  out.append(c, 0, colon + 1);
  bool in_digits = false;
  for (std::size_t i = colon + 1; i < c.size(); ++i) {
    const char ch = c[i];
    if (ch == '@') {
      out += "@*";
      break;
    }
    if (ch >= '0' && ch <= '9') {
      if (!in_digits) out += '*';
      in_digits = true;
      continue;
    }
    in_digits = false;
    out += ch;
  }
  return out;
}

std::vector<ClassAttribution> by_class(const std::vector<Attribution>& attributions) {
  std::map<std::pair<std::string, std::string>, ClassAttribution> m;
  std::map<std::pair<std::string, std::string>, std::size_t> first;  // keep the largest-first order
  for (std::size_t k = 0; k < attributions.size(); ++k) {
    const auto& a = attributions[k];
    auto key = std::make_pair(resource_class(a.category), a.label);
    auto& c = m[key];
    first.try_emplace(key, k);
    c.cls = key.first;
    c.label = a.label;
    c.seconds += a.seconds;
    c.share += a.share;
    c.instances += 1;
    if (a.seconds > c.worst_seconds || c.worst.empty()) {
      c.worst = a.category;
      c.worst_seconds = a.seconds;
      c.worst_share = a.share;
    }
  }
  std::vector<ClassAttribution> out;
  for (auto& [k, c] : m) out.push_back(std::move(c));
  std::stable_sort(out.begin(), out.end(), [](const ClassAttribution& a, const ClassAttribution& b) {
    return a.seconds != b.seconds ? a.seconds > b.seconds : a.cls < b.cls;
  });
  return out;
}

std::vector<std::string> where_lines(const WhereTimeWent& w, std::size_t max_lines) {
  std::vector<std::string> out;
  for (const auto& a : w.tail_classes) {
    if (out.size() >= max_lines) break;
    std::string pct = fixed(a.share * 100, 1);
    std::string inst = a.instances > 1 ? fmt::format("; {} instances, worst {} {}%", a.instances, a.worst,
                                                     fixed(a.worst_share * 100, 1))
                                       : "";
    if (a.cls == "(untracked)")
      out.push_back(fmt::format("{}% of p95 boot time is covered by no span (queued where nothing is logged)", pct));
    else if (a.label == "Phase")
      out.push_back(fmt::format("{}% of p95 boot time is spent in {} (Phase)", pct, a.cls));
    else if (a.cls.rfind("poll:", 0) == 0)
      out.push_back(
          fmt::format("{}% of p95 boot time is waiting for the next poll of {} (poll interval{})", pct, a.cls, inst));
    else
      out.push_back(fmt::format("{}% of p95 boot time is waiting for {} ({}{})", pct, a.cls, a.label, inst));
  }
  return out;
}

}  // namespace bfv::reports

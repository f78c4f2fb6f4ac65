// Critical path per request and the "where the time went" summary (see critical_path.hpp).
#include "reports/critical_path.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>
#include <fmt/format.h>

#include "reports/analysis.hpp"

namespace bfv::reports {
namespace {

struct Node {
  uint32_t id;
  double start, end;   // clipped
  int parent = -1;     // local index
  int after = -1;      // local index
  double exclusive = 0;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

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

std::vector<PathStep> critical_path(const EventLog& log, const std::vector<uint32_t>& spans,
                                    double t_begin, double t_end) {
  const auto& all = log.spans();
  // Clip to the window; order nodes by `before` so local indices follow time.
  std::vector<Node> nodes;
  nodes.reserve(spans.size());
  for (uint32_t id : spans) {
    const Span& s = all[id];
    double a = std::max(s.start, t_begin), b = std::min(s.end, t_end);
    if (b < a || s.end < t_begin || s.start > t_end) continue;
    nodes.push_back(Node{id, a, b});
  }
  std::sort(nodes.begin(), nodes.end(), before);
  const int n = static_cast<int>(nodes.size());
  if (n == 0) return {};
  std::vector<std::pair<uint32_t, int>> local;  // span id -> local index
  local.reserve(n);
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
  std::vector<std::vector<int>> children(n);
  for (int i = 0; i < n; ++i)
    if (nodes[i].parent >= 0) children[nodes[i].parent].push_back(i);
  for (int i = 0; i < n; ++i) {
    double covered = 0, cur_a = 0, cur_b = -1;
    for (int c : children[i]) {  // already in start order
      double a = std::max(nodes[c].start, nodes[i].start), b = std::min(nodes[c].end, nodes[i].end);
      if (b <= a) continue;
      if (a > cur_b) {
        if (cur_b > cur_a) covered += cur_b - cur_a;
        cur_a = a; cur_b = b;
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
  std::vector<std::vector<int>> seq_succ(n);
  for (int v = 0; v < n; ++v) {
    int u = nodes[v].after;
    if (u >= 0 && before(nodes[u], nodes[v])) seq_succ[u].push_back(v);
    if (nodes[v].parent < 0) {
      for (int w = 0; w < v; ++w)
        if (w != u && nodes[w].parent < 0 && nodes[w].end <= nodes[v].start + 1e-9) seq_succ[w].push_back(v);
    } else if (u < 0) {
      for (int w = 0; w < v; ++w) {  // siblings that started earlier
        if (nodes[w].parent != nodes[v].parent || nodes[w].end > nodes[v].start) continue;
        if (u < 0 || nodes[w].end > nodes[u].end) u = w;
      }
      if (u >= 0 && before(nodes[u], nodes[v])) seq_succ[u].push_back(v);
    }
  }
  // Path selection weight: a poll loop's sleeps wait for work done elsewhere, so they count for
  // almost nothing when choosing the path (they stay on it only when nothing else explains the
  // time); the seconds attributed are still their real exclusive time.
  std::vector<double> weight(n);
  for (int v = 0; v < n; ++v) {
    const std::string& res = log.name(all[nodes[v].id].resource);
    weight[v] = nodes[v].exclusive * (res.rfind("poll:", 0) == 0 ? 1e-3 : 1.0);
  }
  Graph g(n);
  for (int v = 0; v < n; ++v) {
    if (nodes[v].parent >= 0 && before(nodes[nodes[v].parent], nodes[v]))
      boost::add_edge(nodes[v].parent, v, g);
    // v and each of its ancestors hand over to their sequential successors.
    for (int a = v, depth = 0; a >= 0 && depth < 64; a = nodes[a].parent, ++depth)
      for (int w : seq_succ[a])
        if (before(nodes[v], nodes[w]) && nodes[v].end <= nodes[w].start + 1e-9) boost::add_edge(v, w, g);
  }

  std::vector<int> order;
  order.reserve(n);
  boost::topological_sort(g, std::back_inserter(order));  // reverse topological order
  std::reverse(order.begin(), order.end());
  std::vector<double> dist(n, 0);
  std::vector<int> pred(n, -1);
  for (int v : order) dist[v] += weight[v];
  for (int u : order) {
    for (auto [e, e_end] = boost::out_edges(u, g); e != e_end; ++e) {
      int w = static_cast<int>(boost::target(*e, g));
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
  std::vector<PathStep> path;
  for (int v = best; v >= 0; v = pred[v]) {
    const Span& s = all[nodes[v].id];
    if (nodes[v].exclusive <= 0) continue;
    path.push_back(PathStep{nodes[v].id, nodes[v].exclusive, span_category(log, s), span_label(log, s)});
  }
  std::reverse(path.begin(), path.end());
  return path;
}

namespace {

std::vector<Attribution> attribute(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                                   const std::vector<int>& reqs, const std::vector<std::optional<double>>& boot,
                                   double boot_sum) {
  std::map<std::pair<std::string, std::string>, double> sum;
  double untracked = 0;
  for (int i : reqs) {
    const auto& q = r.requests[i];
    auto path = critical_path(r.log, spans_of[i], q.t_submit, *q.t_active);
    double on_path = 0;
    for (const auto& st : path) {
      sum[{st.category, st.label}] += st.seconds;
      on_path += st.seconds;
    }
    untracked += std::max(0.0, *boot[i] - on_path);
  }
  if (untracked > 1e-9) sum[{"(untracked)", "gap"}] += untracked;
  std::vector<Attribution> out;
  for (const auto& [key, s] : sum)
    out.push_back(Attribution{key.first, key.second, s, boot_sum > 0 ? s / boot_sum : 0});
  std::stable_sort(out.begin(), out.end(),
                   [](const Attribution& a, const Attribution& b) { return a.seconds > b.seconds; });
  return out;
}

}  // namespace

WhereTimeWent where_time_went(const RunResult& r, const std::vector<std::vector<uint32_t>>& spans_of,
                              const std::vector<std::optional<double>>& boot) {
  WhereTimeWent w;
  std::vector<double> sorted;
  std::vector<int> active;
  for (std::size_t i = 0; i < r.requests.size(); ++i)
    if (boot[i]) { sorted.push_back(*boot[i]); active.push_back(static_cast<int>(i)); }
  if (sorted.empty()) return w;
  std::sort(sorted.begin(), sorted.end());
  w.p95 = percentile(sorted, 0.95);
  std::vector<int> tail;
  for (int i : active)
    if (*boot[i] >= w.p95 - 1e-12) { tail.push_back(i); w.boot_seconds += *boot[i]; }
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
  w.tail = attribute(r, spans_of, tail_sample, boot, tail_s);
  w.all = attribute(r, spans_of, all_sample, boot, all_s);
  return w;
}

std::vector<std::string> where_lines(const WhereTimeWent& w, std::size_t max_lines) {
  std::vector<std::string> out;
  for (const auto& a : w.tail) {
    if (out.size() >= max_lines) break;
    std::string pct = fixed(a.share * 100, 1);
    if (a.category == "(untracked)")
      out.push_back(fmt::format("{}% of p95 boot time is on no step of the critical path (gaps such as poll overshoot)", pct));
    else if (a.label == "Phase")
      out.push_back(fmt::format("{}% of p95 boot time is spent in {} (Phase)", pct, a.category));
    else
      out.push_back(fmt::format("{}% of p95 boot time is waiting for {} ({})", pct, a.category, a.label));
  }
  return out;
}

}  // namespace bfv::reports

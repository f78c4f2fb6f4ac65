// Numbers shared by every report: Rally percentiles, the phase table, status and fault totals,
// boot times, utilization series. Computed once per run by analyse().
#include <algorithm>
#include <cctype>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reports/analysis.hpp"

namespace bfv::reports {

void append_fixed(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) { out += "nan"; return; }
  const std::size_t at = out.size();
  fmt::format_to(std::back_inserter(out), "{:.{}f}", v, decimals);
  // No "-0.000": a value that rounds to zero prints without sign.
  if (out[at] == '-' && out.find_first_not_of("0.", at + 1) == std::string::npos) out.erase(at, 1);
}

std::string fixed(double v, int decimals) {
  std::string s;
  append_fixed(s, v, decimals);
  return s;
}

double percentile(const std::vector<double>& sorted, double p) {
  // rally/task/processing/utils.py::percentile
  const double k = static_cast<double>(sorted.size() - 1) * p;
  const double f = std::floor(k), c = std::ceil(k);
  if (f == c) return sorted[static_cast<std::size_t>(k)];
  return sorted[static_cast<std::size_t>(f)] * (c - k) + sorted[static_cast<std::size_t>(c)] * (k - f);
}

StatsRow make_row(std::string name, std::vector<double> ok_values, std::size_t count) {
  StatsRow row;
  row.name = std::move(name);
  row.count = count;
  row.success = ok_values.size();
  if (ok_values.empty()) return row;
  std::sort(ok_values.begin(), ok_values.end());
  row.has_data = true;
  row.min = ok_values.front();
  row.max = ok_values.back();
  row.median = percentile(ok_values, 0.5);
  row.p90 = percentile(ok_values, 0.9);
  row.p95 = percentile(ok_values, 0.95);
  double sum = 0;
  for (double v : ok_values) sum += v;
  row.avg = sum / static_cast<double>(ok_values.size());
  return row;
}

std::string mask_fault(const std::string& text) {
  auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  auto is_tok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    if (!is_tok(text[i])) { out += text[i++]; continue; }
    // A token: [A-Za-z0-9_-], with '.' allowed between digits ("183.5").
    std::size_t j = i;
    while (j < n && (is_tok(text[j]) || (text[j] == '.' && j > i && is_digit(text[j - 1]) && j + 1 < n &&
                                         is_digit(text[j + 1]))))
      ++j;
    std::string tok = text.substr(i, j - i);
    bool digit = std::any_of(tok.begin(), tok.end(), is_digit);
    bool numeric = digit && std::all_of(tok.begin(), tok.end(), [&](char c) { return is_digit(c) || c == '.'; });
    bool uuidish = tok.size() >= 32 && std::all_of(tok.begin(), tok.end(), [&](char c) { return is_hex(c) || c == '-'; });
    if (numeric) out += "<n>";
    else if (digit || uuidish) out += "<id>";
    else out += tok;
    i = j;
  }
  return out;
}

std::vector<std::pair<double, double>> downsample_step(const std::vector<std::pair<double, double>>& pts,
                                                       double t_end, std::size_t max_points) {
  if (pts.size() <= max_points || max_points == 0) return pts;
  t_end = std::max(t_end, pts.back().first);
  const double width = t_end / static_cast<double>(max_points);
  std::vector<std::pair<double, double>> out;
  out.reserve(max_points);
  std::size_t k = 0;      // next point not yet in effect
  double value = 0;       // value in effect (0 before the first sample)
  for (std::size_t b = 0; b < max_points; ++b) {
    const double a = width * static_cast<double>(b), z = (b + 1 == max_points) ? t_end : a + width;
    double t = a, integral = 0;
    while (k < pts.size() && pts[k].first <= z) {
      double tk = std::max(pts[k].first, a);
      integral += value * (tk - t);
      t = tk;
      value = pts[k].second;
      ++k;
    }
    integral += value * (z - t);
    out.emplace_back(a, z > a ? integral / (z - a) : value);
  }
  return out;
}

namespace {

bool succeeded(const RequestRecord& q) {
  return q.t_active.has_value() || q.final_status == "ACTIVE";
}

std::vector<Utilization> utilization(const RunResult& r) {
  std::map<uint32_t, std::vector<std::pair<double, double>>> by_res;
  for (const auto& s : r.log.samples()) by_res[s.resource].emplace_back(s.t, s.value);
  std::vector<Utilization> out;
  std::set<std::string> known;
  for (const auto& ri : r.resources) {
    out.push_back(Utilization{ri.name, ri.kind, ri.capacity, 0, 0, 0, {}});
    known.insert(ri.name);
  }
  std::set<std::string> extra;  // sampled but not declared: sorted by name
  for (const auto& [res, _] : by_res)
    if (!known.count(r.log.name(res))) extra.insert(r.log.name(res));
  for (const auto& name : extra) out.push_back(Utilization{name, "", 0, 0, 0, 0, {}});
  std::map<std::string, uint32_t> index;
  for (const auto& [res, _] : by_res) index[r.log.name(res)] = res;
  for (auto& u : out) {
    auto it = index.find(u.name);
    if (it == index.end()) continue;
    auto pts = by_res[it->second];
    std::stable_sort(pts.begin(), pts.end(), [](auto& a, auto& b) { return a.first < b.first; });
    u.samples = pts.size();
    double t_end = std::max(r.sim_end, pts.back().first), integral = 0, sum = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
      double next = i + 1 < pts.size() ? pts[i + 1].first : t_end;
      integral += pts[i].second * (next - pts[i].first);
      sum += pts[i].second;
      u.peak = i == 0 ? pts[i].second : std::max(u.peak, pts[i].second);
    }
    u.mean = t_end > 0 ? integral / t_end : sum / static_cast<double>(pts.size());
    u.series = downsample_step(pts, t_end, kMaxSeriesPoints);
  }
  return out;
}

}  // namespace

Analysis analyse(const RunResult& r) {
  Analysis a;
  const std::size_t n = r.requests.size();
  const auto& spans = r.log.spans();
  a.spans_of.resize(n);
  {
    std::vector<uint32_t> per(n, 0);  // exact sizes first: no regrowth for ~30 spans per request
    for (const auto& s : spans)
      if (s.request >= 0 && static_cast<std::size_t>(s.request) < n) ++per[s.request];
    for (std::size_t i = 0; i < n; ++i) a.spans_of[i].reserve(per[i]);
  }
  for (const auto& s : spans)
    if (s.request >= 0 && static_cast<std::size_t>(s.request) < n) a.spans_of[s.request].push_back(s.id);
  for (auto& v : a.spans_of)
    // (start, id): the order a stable sort by start gives, without its buffer allocation per request
    std::sort(v.begin(), v.end(), [&](uint32_t x, uint32_t y) {
      return spans[x].start < spans[y].start || (spans[x].start == spans[y].start && x < y);
    });

  // Phase table, flow order of first appearance.
  std::map<std::string, std::size_t> col;
  std::vector<std::vector<double>> ok_values;
  std::vector<std::size_t> counts;
  std::vector<std::pair<uint32_t, bool>> span_ok;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& q = r.requests[i];
    span_ok.clear();  // Phase spans' ok by name id, AND over repeats (a handful per request)
    for (uint32_t id : a.spans_of[i])
      if (spans[id].kind == SpanKind::Phase) {
        auto it = std::find_if(span_ok.begin(), span_ok.end(), [&](const auto& p) { return p.first == spans[id].name; });
        if (it == span_ok.end()) span_ok.emplace_back(spans[id].name, spans[id].ok);
        else it->second = it->second && spans[id].ok;
      }
    for (const auto& [name, seconds] : q.phases) {
      auto [it, fresh] = col.try_emplace(name, a.phase_order.size());
      if (fresh) { a.phase_order.push_back(name); ok_values.emplace_back(); counts.push_back(0); }
      auto found = std::find_if(span_ok.begin(), span_ok.end(), [&](const auto& p) { return r.log.name(p.first) == name; });
      bool ok = found != span_ok.end() ? found->second : succeeded(q);
      counts[it->second]++;
      if (ok) ok_values[it->second].push_back(seconds);
    }
  }
  for (std::size_t c = 0; c < a.phase_order.size(); ++c)
    a.rows.push_back(make_row(a.phase_order[c], std::move(ok_values[c]), counts[c]));

  a.boot.resize(n);
  a.t_done.resize(n);
  std::vector<double> boots;
  std::size_t creates = 0;
  double first = 0, last = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& q = r.requests[i];
    if (q.kind == "server_create") {
      ++creates;
      if (q.t_active) { a.boot[i] = *q.t_active - q.t_submit; boots.push_back(*a.boot[i]); }
    }
    double done = q.t_submit;
    if (q.t_active) done = *q.t_active;
    else for (uint32_t id : a.spans_of[i]) done = std::max(done, spans[id].end);
    a.t_done[i] = done;
    first = i == 0 ? q.t_submit : std::min(first, q.t_submit);
    last = i == 0 ? done : std::max(last, done);
  }
  a.makespan = n ? last - first : 0;
  a.rows.push_back(make_row("total", std::move(boots), creates));

  std::map<std::string, int> status;
  for (const auto& q : r.requests) status[q.final_status]++;
  for (const char* s : {"ACTIVE", "ERROR", "DELETED", "REJECTED"}) {
    a.status_counts.emplace_back(s, status[s]);
    status.erase(s);
  }
  for (const auto& [s, c] : status) a.status_counts.emplace_back(s, c);

  std::map<std::string, FaultGroup> groups;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& q = r.requests[i];
    std::string text;
    if (q.fault) text = *q.fault;
    else if (q.api_error) text = fmt::format("HTTP {}: {}", q.api_status, *q.api_error);
    else continue;
    auto& g = groups[mask_fault(text)];
    if (g.count++ == 0) { g.example = static_cast<int>(i); g.final_status = q.final_status; }
  }
  for (auto& [reason, g] : groups) { g.reason = reason; a.faults.push_back(g); }
  std::stable_sort(a.faults.begin(), a.faults.end(),
                   [](const FaultGroup& x, const FaultGroup& y) { return x.count > y.count; });

  a.utilization = utilization(r);
  a.where = where_time_went(r, a.spans_of, a.boot);
  return a;
}

}  // namespace bfv::reports

// Numbers shared by every report: Rally percentiles, the phase table, status and fault totals,
// boot times, utilization series. Computed once per run by analyse().
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

#include <fmt/format.h>

#include "reports/analysis.hpp"

namespace bfv::reports {

void append_fixed(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) {
    out += "nan";
    return;
  }
  const std::size_t at = out.size();
  // std::to_chars (Ryu printf) writes the exact decimal expansion correctly rounded, as
  // fmt's "{:.{}f}" does, in a fraction of its time (phases.csv writes three per phase).
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec == std::errc())
    out.append(buf, end);
  else
    fmt::format_to(std::back_inserter(out), "{:.{}f}", v, decimals);
  // No "-0.000": a value that rounds to zero prints without sign.
  if (out[at] == '-' && out.find_first_not_of("0.", at + 1) == std::string::npos) out.erase(at, 1);
}

std::string fixed(double v, int decimals) {
  std::string s;
  append_fixed(s, v, decimals);
  return s;
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

// Ids and numbers vary between requests with the same reason; words do not. A token is a run of
// [A-Za-z0-9_-] with '.' allowed between two alphanumerics ("183.5", "m1.small", "cirros-0.6.2").
// Masked: numbers (<n>), a number with a unit ("20GB" -> "<n>GB"), and ids: uuids, tokens ending
// in a digit ("vm-3", "cmp-r01-001", "abc123") and undotted tokens with two or more digits
// ("req-9a8b7c6d5e4f"). Kept: other words with digits ("m1.small", "cirros-0.6.2-x86_64-disk") and
// an HTTP status after "HTTP"/"status"/"code" ("HTTP 500").
std::string mask_fault(const std::string& text) {
  auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  auto is_tok = [&](char c) { return is_alnum(c) || c == '_' || c == '-'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  const std::size_t n = text.size();
  std::string prev_word;  // the previous token, for "HTTP 500"
  while (i < n) {
    if (!is_tok(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i;
    while (j < n && (is_tok(text[j]) ||
                     (text[j] == '.' && j > i && is_alnum(text[j - 1]) && j + 1 < n && is_alnum(text[j + 1]))))
      ++j;
    std::string tok = text.substr(i, j - i);
    const auto digits = std::count_if(tok.begin(), tok.end(), is_digit);
    const bool numeric = digits && std::all_of(tok.begin(), tok.end(), [&](char c) { return is_digit(c) || c == '.'; });
    const bool uuidish =
        tok.size() >= 32 && std::all_of(tok.begin(), tok.end(), [&](char c) { return is_hex(c) || c == '-'; });
    std::size_t k = 0;  // a number followed by 1-3 letters: a quantity with its unit
    while (k < tok.size() && (is_digit(tok[k]) || tok[k] == '.')) ++k;
    const bool quantity = k > 0 && is_digit(tok[0]) && tok.size() - k >= 1 && tok.size() - k <= 3 &&
                          std::all_of(tok.begin() + static_cast<std::ptrdiff_t>(k), tok.end(),
                                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; });
    const bool http_status =
        numeric && tok.size() == 3 && tok >= "100" && tok <= "599" &&
        (prev_word == "HTTP" || prev_word == "http" || prev_word == "status" || prev_word == "code");
    if (http_status)
      out += tok;
    else if (numeric)
      out += "<n>";
    else if (quantity)
      out += "<n>" + tok.substr(k);
    else if (uuidish || (digits && is_digit(tok.back())) || (digits >= 2 && tok.find('.') == std::string::npos))
      out += "<id>";
    else
      out += tok;
    prev_word = tok;
    i = j;
  }
  return out;
}

namespace {
// Step function (t, value) as the time-weighted mean over each of `bins` equal bins of [0, t_end]
// (value 0 before the first point). Shared by downsample_step and bin_step.
std::vector<std::pair<double, double>> time_weighted_bins(const std::vector<std::pair<double, double>>& pts,
                                                          double t_end, std::size_t bins) {
  const double width = t_end / static_cast<double>(bins);
  std::vector<std::pair<double, double>> out;
  out.reserve(bins);
  std::size_t k = 0;  // next point not yet in effect
  double value = 0;   // value in effect (0 before the first sample)
  for (std::size_t b = 0; b < bins; ++b) {
    const double a = width * static_cast<double>(b), z = (b + 1 == bins) ? t_end : a + width;
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
}  // namespace

std::vector<std::pair<double, double>> downsample_step(const std::vector<std::pair<double, double>>& pts, double t_end,
                                                       std::size_t max_points) {
  if (pts.size() <= max_points || max_points == 0) return pts;
  t_end = std::max(t_end, pts.back().first);
  return time_weighted_bins(pts, t_end, max_points);
}

namespace {

bool succeeded(const RequestRecord& q) { return q.t_active.has_value() || q.final_status == FinalStatus::Active; }

// time_weighted_bins, empty for an empty range.
std::vector<std::pair<double, double>> bin_step(const std::vector<std::pair<double, double>>& pts, double t_end,
                                                std::size_t bins) {
  if (t_end <= 0 || bins == 0) return {};
  return time_weighted_bins(pts, t_end, bins);
}

bool is_queue_resource(std::string_view name) {
  return name.rfind("queue:", 0) == 0 || name.rfind("lock:", 0) == 0 || name.rfind("pool:", 0) == 0;
}

void utilization(const RunResult& r, Analysis& a) {
  std::map<uint32_t, std::vector<std::pair<double, double>>> by_res;
  for (const auto& s : r.log.samples()) by_res[s.resource].emplace_back(s.t, s.value);
  // Queues and locks no sampler watches: how many requests wait for them, from their Wait spans.
  {
    const auto& names = r.log.names();
    std::vector<char> queue_name(names.size(), 0);
    for (std::size_t k = 0; k < names.size(); ++k)
      queue_name[k] = is_queue_resource(names[k]) && !by_res.count(static_cast<uint32_t>(k));
    std::map<uint32_t, std::vector<std::pair<double, double>>> edges;  // (t, +1 / -1)
    for (const auto& s : r.log.spans())
      if (s.kind == SpanKind::Wait && s.resource && queue_name[s.resource] && s.end > s.start) {
        auto& e = edges[s.resource];
        e.emplace_back(s.start, 1.0);
        e.emplace_back(s.end, -1.0);
      }
    for (auto& [res, e] : edges) {
      std::sort(e.begin(), e.end());
      auto& pts = by_res[res];
      double level = 0;
      for (std::size_t i = 0; i < e.size(); ++i) {
        level += e[i].second;
        if (i + 1 < e.size() && e[i + 1].first == e[i].first) continue;
        pts.emplace_back(e[i].first, std::max(0.0, level));
      }
    }
  }
  std::vector<Utilization>& out = a.utilization;
  std::set<std::string> known;
  for (const auto& ri : r.resources) {
    out.push_back(Utilization{ri.name, std::string(name(ri.kind)), ri.capacity, 0, 0, 0, {}});
    known.insert(ri.name);
  }
  std::set<std::string> extra;  // sampled but not declared: sorted by name
  for (const auto& [res, _] : by_res)
    if (!known.count(r.log.name(res))) extra.insert(r.log.name(res));
  for (const auto& name : extra)
    out.push_back(Utilization{name, is_queue_resource(name) ? "queue" : "", 0, 0, 0, 0, {}});
  std::map<std::string, uint32_t> index;
  for (const auto& [res, _] : by_res) index[r.log.name(res)] = res;

  // Per class: instances' binned series summed on one grid.
  struct Acc {
    ClassUtilization c;
    std::vector<double> sum;
    double worst_mean = -1;
    const Utilization* worst = nullptr;
    std::vector<std::pair<double, double>> worst_bins;
  };
  std::map<std::string, Acc> classes;
  const double t_grid = r.sim_end;
  for (auto& u : out) {
    const std::string cls = resource_class(u.name);
    auto& acc = classes[cls];
    acc.c.cls = cls;
    if (acc.c.kind.empty()) acc.c.kind = u.kind;
    acc.c.instances += 1;
    acc.c.fraction = u.kind != "queue" && u.kind != "pool";
    auto it = index.find(u.name);
    if (it == index.end()) continue;
    auto& pts = by_res[it->second];
    std::stable_sort(pts.begin(), pts.end(), [](auto& x, auto& y) { return x.first < y.first; });
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
    if (u.peak > 1.0 + 1e-9) acc.c.fraction = false;
    auto bins = bin_step(pts, t_grid, kClassBins);
    if (acc.sum.empty()) acc.sum.assign(bins.size(), 0.0);
    for (std::size_t b = 0; b < bins.size() && b < acc.sum.size(); ++b) acc.sum[b] += bins[b].second;
    acc.c.mean += u.mean;
    if (u.mean > acc.worst_mean) {
      acc.worst_mean = u.mean;
      acc.worst = &u;
      acc.worst_bins = std::move(bins);
    }
  }
  for (auto& [cls, acc] : classes) {
    auto& c = acc.c;
    if (!acc.worst) continue;  // never sampled: nothing to chart
    c.mean /= static_cast<double>(c.instances);
    c.worst = acc.worst->name;
    c.worst_mean = acc.worst->mean;
    c.worst_peak = acc.worst->peak;
    const double width = t_grid / static_cast<double>(kClassBins);
    for (std::size_t b = 0; b < acc.sum.size(); ++b)
      c.mean_series.emplace_back(acc.worst_bins[b].first, acc.sum[b] / static_cast<double>(c.instances));
    c.worst_series = std::move(acc.worst_bins);
    const double busy = c.fraction ? 0.9 : 1.0;
    for (const auto& [t, v] : c.worst_series)
      if (v >= busy - 1e-9) {
        if (c.busy_from < 0) c.busy_from = t;
        c.busy_until = t + width;
      }
    a.util_classes.push_back(std::move(c));
  }
  // Busiest first: shares of capacity before counts, then by the worst instance's mean.
  std::stable_sort(a.util_classes.begin(), a.util_classes.end(),
                   [](const ClassUtilization& x, const ClassUtilization& y) {
                     if (x.fraction != y.fraction) return x.fraction;
                     return x.worst_mean != y.worst_mean ? x.worst_mean > y.worst_mean : x.cls < y.cls;
                   });
}

std::string pct(double share) { return fixed(share * 100, 1) + "%"; }

// The analysis paragraph: what the numbers above say, in sentences.
std::vector<std::string> findings(const RunResult& r, const Analysis& a) {
  std::vector<std::string> out;
  const auto& w = a.where;
  auto util_of = [&](const std::string& cls) -> const ClassUtilization* {
    for (const auto& c : a.util_classes)
      if (c.cls == cls) return &c;
    return nullptr;
  };
  auto util_text = [&](const ClassUtilization& u) {
    std::string s;
    if (u.fraction) {
      s = u.instances > 1 ? fmt::format("{} busy on average across its {} instances, {} {} on average (peak {})",
                                        pct(u.mean), u.instances, u.worst, pct(u.worst_mean), pct(u.worst_peak))
                          : fmt::format("{} busy on average (peak {})", pct(u.worst_mean), pct(u.worst_peak));
      if (u.busy_from >= 0)
        s += fmt::format("; saturated (>= 90%) from {} s to {} s", fixed(u.busy_from, 1), fixed(u.busy_until, 1));
    } else {
      s = fmt::format("{} requests waiting on average{}, at most {}", fixed(u.worst_mean, 2),
                      u.instances > 1 ? " at " + u.worst : std::string(), fixed(u.worst_peak, 0));
      if (u.busy_from >= 0)
        s += fmt::format("; requests queued from {} s to {} s", fixed(u.busy_from, 1), fixed(u.busy_until, 1));
    }
    return s;
  };
  const ClassAttribution* top = nullptr;
  for (const auto& c : w.tail_classes)
    if (c.label != "Phase" && c.cls != "(untracked)") {
      top = &c;
      break;
    }
  const ClassAttribution* queue = nullptr;  // a queue in front of the bottleneck
  if (top && is_queue_resource(top->cls)) {
    // Requests queue for workers or a lock; what the holders are busy with is the resource that saturates.
    for (const auto& c : w.tail_classes)
      if (const auto* u = util_of(c.cls); u && u->fraction && c.label != "Phase") {
        queue = top;
        top = &c;
        break;
      }
  }
  if (top) {
    std::string s = fmt::format("Bottleneck: {} ({}) explains {} of the p95 requests' boot time", top->cls, top->label,
                                pct(top->share));
    if (queue)
      s += fmt::format(", and {} more is queued in front of it for {} ({} instance{})", pct(queue->share), queue->cls,
                       queue->instances, queue->instances == 1 ? "" : "s");
    if (top->instances > 1) s += fmt::format(" (worst instance {}: {})", top->worst, pct(top->worst_share));
    if (const auto* u = util_of(top->cls))
      s += "; it was " + util_text(*u);
    else if (top->cls.rfind("poll:", 0) == 0)
      s += "; this is a poll interval: the work it waits for finished earlier";
    else if (top->cls.rfind("service:", 0) == 0 || top->cls.rfind("rpc:", 0) == 0)
      s += "; a modelled service time or message latency, not a shared resource that load saturates";
    out.push_back(s + ".");
  } else if (a.where.requests == 0) {
    out.push_back("No request became ACTIVE, so there is no boot time to explain.");
  }
  // Other saturated resources (capacity shares).
  std::vector<std::string> sat;
  for (const auto& u : a.util_classes)
    if (u.fraction && u.busy_from >= 0 && (!top || u.cls != top->cls) && (!queue || u.cls != queue->cls))
      sat.push_back(fmt::format("{} ({} {} on average, >= 90% from {} s)", u.cls, u.worst, pct(u.worst_mean),
                                fixed(u.busy_from, 1)));
  if (!sat.empty()) {
    if (sat.size() > 3) sat.resize(3);
    std::string s = "Also saturated: ";
    for (std::size_t i = 0; i < sat.size(); ++i) s += (i ? "; " : "") + sat[i];
    out.push_back(s + ".");
  }
  // Failures.
  int failed = 0, rejected = 0;
  for (const auto& [status, c] : a.status_counts) {
    if (status == "ERROR") failed += c;
    if (status == "REJECTED") rejected += c;
  }
  if ((failed || rejected) && !a.faults.empty()) {
    const auto& f = a.faults.front();
    std::string s = fmt::format(
        "{} of {} requests failed ({} ERROR, {} REJECTED at the API). The dominant fault ({} of them, {}): \"{}\"",
        failed + rejected, r.requests.size(), failed, rejected, f.count, name(f.final_status), f.reason);
    const ClassAttribution* behind = nullptr;
    for (const auto& c : w.failed_classes)
      if (c.label != "Phase" && c.cls != "(untracked)") {
        behind = &c;
        break;
      }
    if (behind) {
      s += fmt::format(". Behind the failed requests: {} ({}), {} of their time before failing", behind->cls,
                       behind->label, pct(behind->share));
      if (behind->instances > 1) s += fmt::format(" (worst {})", behind->worst);
      if (const auto* u = util_of(behind->cls)) s += "; it was " + util_text(*u);
    } else if (f.final_status == FinalStatus::Rejected) {
      s += ". It is an API decision (no resource involved): see `bfvsim explain` for the rule";
    }
    out.push_back(s + ".");
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
  // (start, id): the order a stable sort by start gives, without its buffer allocation per request.
  // Spans are mostly logged when they start, so most requests' lists are in order already.
  auto by_start = [&](uint32_t x, uint32_t y) {
    return spans[x].start < spans[y].start || (spans[x].start == spans[y].start && x < y);
  };
  for (auto& v : a.spans_of)
    if (!std::is_sorted(v.begin(), v.end(), by_start)) std::sort(v.begin(), v.end(), by_start);

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
        auto it =
            std::find_if(span_ok.begin(), span_ok.end(), [&](const auto& p) { return p.first == spans[id].name; });
        if (it == span_ok.end())
          span_ok.emplace_back(spans[id].name, spans[id].ok);
        else
          it->second = it->second && spans[id].ok;
      }
    for (const auto& [name, seconds] : q.phases) {
      auto [it, fresh] = col.try_emplace(name, a.phase_order.size());
      if (fresh) {
        a.phase_order.push_back(name);
        ok_values.emplace_back();
        counts.push_back(0);
      }
      const std::string& phase = name;  // a structured binding cannot be captured before C++20 (clang 14)
      auto found =
          std::find_if(span_ok.begin(), span_ok.end(), [&](const auto& p) { return r.log.name(p.first) == phase; });
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
    if (q.kind == RequestKind::ServerCreate) {
      ++creates;
      if (q.t_active) {
        a.boot[i] = *q.t_active - q.t_submit;
        boots.push_back(*a.boot[i]);
      }
    }
    double done = q.t_submit;
    if (q.t_active)
      done = *q.t_active;
    else
      for (uint32_t id : a.spans_of[i]) done = std::max(done, spans[id].end);
    a.t_done[i] = done;
    first = i == 0 ? q.t_submit : std::min(first, q.t_submit);
    last = i == 0 ? done : std::max(last, done);
  }
  a.makespan = n ? last - first : 0;
  a.rows.push_back(make_row("total", std::move(boots), creates));

  std::map<std::string, int> status;
  for (const auto& q : r.requests) status[std::string(name(q.final_status))]++;
  for (const char* s : {"ACTIVE", "ERROR", "DELETED", "REJECTED"}) {
    a.status_counts.emplace_back(s, status[s]);
    status.erase(s);
  }
  for (const auto& [s, c] : status) a.status_counts.emplace_back(s, c);

  std::map<std::string, FaultGroup> groups;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& q = r.requests[i];
    std::string text;
    if (q.fault)
      text = *q.fault;
    else if (q.api_error)
      text = fmt::format("HTTP {}: {}", q.api_status, *q.api_error);
    else
      continue;
    auto& g = groups[mask_fault(text)];
    if (g.count++ == 0) {
      g.example = static_cast<int>(i);
      g.final_status = q.final_status;
    }
  }
  for (auto& [reason, g] : groups) {
    g.reason = reason;
    a.faults.push_back(g);
  }
  std::stable_sort(a.faults.begin(), a.faults.end(),
                   [](const FaultGroup& x, const FaultGroup& y) { return x.count > y.count; });

  utilization(r, a);
  a.where = where_time_went(r, a.spans_of, a.boot, a.t_done);
  a.findings = findings(r, a);
  return a;
}

}  // namespace bfv::reports

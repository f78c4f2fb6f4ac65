// report.html: one self-contained page (inline CSS and SVG, no script, no network) for a person
// to read a run at 1280 px. Kept light for 10,000 requests: series downsampled to at most 500
// points, CDF at most 500 quantile points, per-phase bars per 5% band, Gantt of at most 50
// requests chosen by boot-time rank. Chart ids: chart-cdf, chart-inflight, chart-phases,
// chart-gantt, chart-util.
#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "reports/reports.hpp"
#include "reports/svg_chart.hpp"
#include "reports/writers.hpp"
#include "core/text_safety.hpp"

namespace bfv::reports {
namespace {

using svg::esc;

constexpr const char* kCss = R"(
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:0 auto;max-width:1220px;padding:12px 20px;color:#222;background:#fff}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.meta{color:#555;font-size:14px}.meta b{color:#222}
nav a{margin-right:14px;font-size:14px;color:#2a5db0;text-decoration:none}
table{border-collapse:collapse;font-size:13px;margin:6px 0}th,td{border:1px solid #ddd;padding:3px 8px}
th{background:#f4f4f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.counts span{display:inline-block;margin-right:16px;font-size:15px}
.ACTIVE{color:#2e7d32}.ERROR{color:#c62828}.REJECTED{color:#ad1457}.DELETED{color:#555}
svg.chart{display:block;margin:8px 0 18px;background:#fff;width:100%;max-width:1180px;height:auto}
.scroll{overflow-x:auto}p.findings{font-size:15px;background:#f6f8fb;border-left:4px solid #2a5db0;padding:6px 10px}
.desc{font-size:14px;color:#333;white-space:pre-wrap;margin:6px 0}
svg .title{font-size:15px;font-weight:600}svg .subtitle{font-size:13px;font-weight:600}
svg .tick{font-size:11px;fill:#444}svg .axis{font-size:12px;fill:#222}svg .legend{font-size:12px;fill:#222}
svg .grid{stroke:#e6e6e6;stroke-width:1}svg .plot{fill:none;stroke:#bbb}svg .nodata{font-size:14px;fill:#888}
ul.where li{margin:3px 0}.note{color:#666;font-size:13px}
)";

std::string td(const std::string& s, bool num = false) {
  return fmt::format("<td{}>{}</td>", num ? " class=\"n\"" : "", esc(s));
}

std::string header(const RunResult& r, const Analysis& a) {
  std::string out = fmt::format(
      "<h1>bfvsim report: {}</h1>\n<div class=\"meta\">seed <b>{}</b> · version <b>{}</b>"
      " · scenario file <b>{}</b> · requests <b>{}</b> · makespan <b>{} s</b>"
      " · simulated until <b>{} s</b></div>\n<p class=\"counts\">",
      esc(r.scenario), r.seed, esc(r.version), esc(r.scenario_file), r.requests.size(), fixed(a.makespan, 3),
      fixed(r.sim_end, 3));
  for (const auto& [status, c] : a.status_counts)
    out += fmt::format("<span class=\"{}\"><b>{}</b> {}</span>", esc(status), c, esc(status));
  out += "</p>\n";
  if (!r.description.empty()) out += "<p class=\"desc\" id=\"description\">" + esc(r.description) + "</p>\n";
  out +=
      "<nav><a href=\"#analysis\">Analysis</a><a href=\"#times\">Response times</a><a href=\"#where\">Where the time "
      "went</a>"
      "<a href=\"#sequence\">Sequence of one boot</a><a href=\"#charts\">Charts</a><a href=\"#gantt\">Sample "
      "requests</a>"
      "<a href=\"#util\">Utilization</a><a href=\"#failures\">Failures</a></nav>\n";
  out += "<h2 id=\"analysis\">Analysis</h2>\n";
  if (a.findings.empty())
    out += "<p class=\"findings\">Nothing stands out: no request waited on a shared resource.</p>\n";
  for (const auto& f : a.findings) out += "<p class=\"findings\">" + esc(f) + "</p>\n";
  return out;
}

std::string times_table(const Analysis& a) {
  std::string out = "<h2 id=\"times\">Response Times (sec)</h2>\n<div class=\"scroll\"><table id=\"table-times\"><tr>";
  for (const auto& h : stats_header()) out += "<th>" + esc(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : a.rows) {
    auto cells = stats_cells(row);
    out += "<tr>";
    for (std::size_t c = 0; c < cells.size(); ++c) out += td(cells[c], c > 0);
    out += "</tr>\n";
  }
  return out +
         "</table></div>\n<p class=\"note\">Timings over successful samples only (as Rally); percentiles by linear "
         "interpolation at k=(n-1)p; <code>total</code> is boot time t_active − t_submit.</p>\n";
}

std::string where_block(const Analysis& a) {
  const auto& w = a.where;
  std::string out = "<h2 id=\"where\">Where the time went</h2>\n";
  if (w.requests == 0) return out + "<p>No request became ACTIVE.</p>\n";
  out += fmt::format(
      "<p>Critical path of the {} request(s) at or above the p95 boot time ({} s):</p>\n<ul class=\"where\">",
      w.requests, fixed(w.p95, 3));
  for (const auto& l : where_lines(w, 6)) out += "<li>" + esc(l) + "</li>";
  out +=
      "</ul>\n<div class=\"scroll\"><table id=\"table-where\"><tr><th>Resource class</th><th>What</th><th>p95 tail "
      "(s)</th>"
      "<th>share of tail</th><th>instances</th><th>worst instance (share of tail)</th><th>share of all "
      "ACTIVE</th></tr>\n";
  std::map<std::pair<std::string, std::string>, const ClassAttribution*> all;
  for (const auto& x : w.all_classes) all[{x.cls, x.label}] = &x;
  for (const auto& x : w.tail_classes) {
    const ClassAttribution* o = all[{x.cls, x.label}];
    out += "<tr>" + td(x.cls) + td(x.label) + td(fixed(x.seconds, 3), true) + td(fixed(x.share * 100, 1) + "%", true) +
           td(std::to_string(x.instances), true) +
           td(x.instances > 1 ? x.worst + " (" + fixed(x.worst_share * 100, 1) + "%)" : x.worst) +
           td(o ? fixed(o->share * 100, 1) + "%" : "", true) + "</tr>\n";
  }
  return out +
         "</table></div>\n<p class=\"note\">Resource classes group instances by name: every <code>@host</code> and "
         "every "
         "run of digits becomes <code>*</code>. Time between the critical path's steps is given to the span that "
         "covers it "
         "(a poll sleep, an RPC in transit); <code>(untracked)</code> is time no span of the request covers.</p>\n";
}

std::string sequence_block(const RunResult& r, const Analysis& a, const ReportOptions& opt) {
  std::string out = "<h2 id=\"sequence\">Sequence of one boot</h2>\n";
  std::vector<std::pair<int, std::string>> pick;
  if (!opt.show_requests.empty()) {
    for (const auto& name : opt.show_requests) {
      int found = -1;
      for (std::size_t i = 0; i < r.requests.size() && found < 0; ++i)
        if (r.requests[i].name == name) found = static_cast<int>(i);
      if (found < 0)
        throw std::runtime_error("--show-request " + name +
                                 ": no request of this run has that name (see requests.csv)");
      pick.emplace_back(found, "chosen with --show-request");
    }
  } else {
    std::vector<int> ok;
    for (std::size_t i = 0; i < r.requests.size(); ++i)
      if (a.boot[i]) ok.push_back(static_cast<int>(i));
    std::stable_sort(ok.begin(), ok.end(), [&](int x, int y) { return *a.boot[x] < *a.boot[y]; });
    if (!ok.empty()) {
      // The request at the Rally percentile's lower index: a real request whose boot time is that rank.
      auto at = [&](double p) {
        return ok[static_cast<std::size_t>(std::floor(p * static_cast<double>(ok.size() - 1)))];
      };
      pick.emplace_back(at(0.5), "the median boot");
      if (at(0.95) != at(0.5)) pick.emplace_back(at(0.95), "the p95 boot");
    } else {
      for (std::size_t i = 0; i < r.requests.size() && pick.empty(); ++i)
        if (!a.spans_of[i].empty())
          pick.emplace_back(static_cast<int>(i), "no request became ACTIVE: the first that got past the API");
    }
  }
  if (pick.empty()) return out + "<p>No request reached the services.</p>\n";
  out +=
      "<p class=\"note\">Hover a bar, arrow or phase for its exact times. Any request: <code>bfvsim run SCENARIO --out "
      "DIR "
      "--show-request NAME</code>.</p>\n";
  for (std::size_t k = 0; k < pick.size(); ++k)
    out += swimlane(r, a, pick[k].first, k == 0 ? "chart-sequence" : fmt::format("chart-sequence-{}", k + 1),
                    pick[k].second);
  return out;
}

std::string cdf_chart(const Analysis& a) {
  std::vector<double> v;
  for (const auto& b : a.boot)
    if (b) v.push_back(*b);
  std::sort(v.begin(), v.end());
  svg::Series s{"ACTIVE requests", svg::color(0), {}, true};
  const std::size_t n = v.size(), m = std::min<std::size_t>(n, kMaxSeriesPoints);
  for (std::size_t k = 0; k < m; ++k) {
    std::size_t i = m == n ? k : static_cast<std::size_t>(std::llround(double(k) * double(n - 1) / double(m - 1)));
    s.pts.emplace_back(v[i], 100.0 * double(i + 1) / double(n));
  }
  if (!s.pts.empty()) s.pts.insert(s.pts.begin(), {v.front(), 0.0});
  svg::Axes ax{
      "boot time t_active − t_submit (s)", "requests ACTIVE within (%)", 0, n ? v.back() * 1.02 + 1e-9 : 1, 0, 100};
  return svg::line_chart("chart-cdf", "Cumulative distribution of boot time", ax, {s});
}

std::string inflight_chart(const RunResult& r, const Analysis& a) {
  struct Ev {
    double t;
    int d_flight, d_active, d_failed;
  };
  std::vector<Ev> ev;
  for (std::size_t i = 0; i < r.requests.size(); ++i) {
    const auto& q = r.requests[i];
    ev.push_back({q.t_submit, 1, 0, 0});
    bool ok = q.t_active.has_value();
    ev.push_back({a.t_done[i], -1, ok ? 1 : 0, ok ? 0 : 1});
  }
  std::stable_sort(ev.begin(), ev.end(), [](const Ev& x, const Ev& y) { return x.t < y.t; });
  std::vector<std::pair<double, double>> fl, ac, fa;
  int f = 0, c = 0, e = 0;
  double t_end = r.sim_end, ymax = 1;
  for (std::size_t i = 0; i < ev.size(); ++i) {
    f += ev[i].d_flight;
    c += ev[i].d_active;
    e += ev[i].d_failed;
    if (i + 1 < ev.size() && ev[i + 1].t == ev[i].t) continue;
    fl.emplace_back(ev[i].t, f);
    ac.emplace_back(ev[i].t, c);
    fa.emplace_back(ev[i].t, e);
    t_end = std::max(t_end, ev[i].t);
    ymax = std::max({ymax, double(f), double(c), double(e)});
  }
  std::vector<svg::Series> s = {
      {"in flight", svg::color(0), downsample_step(fl, t_end, kMaxSeriesPoints), true},
      {"completed ACTIVE (cumulative)", svg::color(2), downsample_step(ac, t_end, kMaxSeriesPoints), true},
      {"failed (cumulative)", svg::color(3), downsample_step(fa, t_end, kMaxSeriesPoints), true}};
  svg::Axes ax{"simulated time (s)", "requests", 0, t_end > 0 ? t_end : 1, 0, ymax * 1.05};
  return svg::line_chart("chart-inflight", "Requests in flight and completed over time", ax, s);
}

std::string phases_chart(const RunResult& r, const Analysis& a) {
  const std::size_t np = a.phase_order.size();
  std::map<std::string, std::size_t> col;
  for (std::size_t c = 0; c < np; ++c) col[a.phase_order[c]] = c;
  struct Item {
    int id;
    double total;
    std::vector<double> v;
  };
  std::vector<Item> items;
  for (const auto& q : r.requests) {
    if (q.phases.empty()) continue;
    Item it{q.id, 0, std::vector<double>(np, 0)};
    for (const auto& [name, s] : q.phases) {
      it.v[col[name]] += s;
      it.total += s;
    }
    items.push_back(std::move(it));
  }
  std::vector<svg::Bar> bars;
  std::string x_label;
  if (items.size() <= 60) {
    x_label = "request id";
    for (auto& it : items) {
      std::string tip = fmt::format("request {}: {} s", it.id, fixed(it.total, 3));
      for (std::size_t c = 0; c < np; ++c)
        if (it.v[c] > 0) tip += fmt::format("\n{}: {} s", a.phase_order[c], fixed(it.v[c], 3));
      bars.push_back({std::to_string(it.id), it.v, tip});
    }
  } else {
    x_label = "requests ranked by summed phase time, 5% bands (mean per request)";
    std::stable_sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.total < y.total; });
    const std::size_t bands = 20, n = items.size();
    for (std::size_t b = 0; b < bands; ++b) {
      std::size_t lo = b * n / bands, hi = (b + 1) * n / bands;
      if (hi <= lo) continue;
      std::vector<double> mean(np, 0);
      for (std::size_t i = lo; i < hi; ++i)
        for (std::size_t c = 0; c < np; ++c) mean[c] += items[i].v[c] / double(hi - lo);
      std::string tip = fmt::format("p{}–p{}: {} requests", b * 5, b * 5 + 5, hi - lo);
      for (std::size_t c = 0; c < np; ++c) tip += fmt::format("\n{}: {} s", a.phase_order[c], fixed(mean[c], 3));
      bars.push_back({fmt::format("p{}", b * 5 + 5), mean, tip});
    }
  }
  return svg::stacked_bars("chart-phases", "Time per phase per request", a.phase_order, bars, x_label, "seconds (s)");
}

std::string gantt_chart(const RunResult& r, const Analysis& a) {
  std::vector<int> cand;
  for (std::size_t i = 0; i < r.requests.size(); ++i)
    if (!r.requests[i].phases.empty() || !a.spans_of[i].empty()) cand.push_back(static_cast<int>(i));
  std::vector<int> pick = cand;
  if (cand.size() > 50) {  // evenly over the boot-time ranking: fastest, slowest and between
    auto dur = [&](int i) { return a.t_done[i] - r.requests[i].t_submit; };
    std::stable_sort(cand.begin(), cand.end(), [&](int x, int y) { return dur(x) < dur(y); });
    pick.clear();
    for (std::size_t k = 0; k < 50; ++k) pick.push_back(cand[std::llround(double(k) * double(cand.size() - 1) / 49.0)]);
    std::stable_sort(pick.begin(), pick.end(), [&](int x, int y) {
      return r.requests[x].t_submit != r.requests[y].t_submit ? r.requests[x].t_submit < r.requests[y].t_submit : x < y;
    });
    pick.erase(std::unique(pick.begin(), pick.end()), pick.end());
  }
  std::map<std::string, std::size_t> col;
  std::vector<std::string> legend = a.phase_order;
  for (std::size_t c = 0; c < legend.size(); ++c) col[legend[c]] = c;
  auto color_of = [&](const std::string& name) {
    auto [it, fresh] = col.try_emplace(name, legend.size());
    if (fresh) legend.push_back(name);
    return it->second;
  };
  std::vector<svg::Row> rows;
  double x_min = 0, x_max = 0;
  bool first = true;
  const auto& spans = r.log.spans();
  for (int i : pick) {
    const auto& q = r.requests[i];
    // At most 20 characters, cut between characters, never inside a multi-byte one (issue 17).
    std::string label = text::utf8_truncate(q.name, 20);
    svg::Row row{fmt::format("#{} {}", q.id, label), {}};
    for (uint32_t id : a.spans_of[i]) {
      const Span& s = spans[id];
      if (s.kind != SpanKind::Phase) continue;
      const std::string& name = r.log.name(s.name);
      row.boxes.push_back({s.start, s.end, color_of(name),
                           fmt::format("#{} {}: {} s ({} → {}){}", q.id, name, fixed(s.end - s.start, 3),
                                       fixed(s.start, 3), fixed(s.end, 3), s.ok ? "" : " FAILED")});
    }
    if (row.boxes.empty()) {  // no Phase spans logged: lay the record's phases end to end
      double t = q.t_submit;
      for (const auto& [name, sec] : q.phases) {
        row.boxes.push_back(
            {t, t + sec, color_of(name), fmt::format("#{} {}: {} s (times approximate)", q.id, name, fixed(sec, 3))});
        t += sec;
      }
    }
    for (const auto& b : row.boxes) {
      x_min = first ? b.start : std::min(x_min, b.start);
      x_max = first ? b.end : std::max(x_max, b.end);
      first = false;
    }
    rows.push_back(std::move(row));
  }
  if (x_max <= x_min) x_max = x_min + 1;
  std::string title = fmt::format("Phases of {} of {} requests{}", rows.size(), r.requests.size(),
                                  rows.size() < cand.size() ? " (evenly spread over the boot-time ranking)" : "");
  return svg::gantt("chart-gantt", title, rows, legend, "simulated time (s)", x_min, x_max);
}

std::string util_chart(const RunResult& r, const Analysis& a) {
  // Classes with any load: capacity shares first (links, disks, CPUs), then queues (requests waiting).
  std::vector<const ClassUtilization*> cand;
  for (const auto& c : a.util_classes)
    if (c.worst_peak > 0) cand.push_back(&c);
  if (cand.size() > 8) cand.resize(8);
  std::vector<svg::Panel> ps;
  const double t_end = r.sim_end > 0 ? r.sim_end : 1;
  for (const auto* c : cand) {
    const double scale = c->fraction ? 100.0 : 1.0;
    std::vector<svg::Series> series;
    if (c->instances > 1) {
      svg::Series m{fmt::format("mean of {} instances", c->instances), svg::color(0), {}, true};
      for (const auto& [t, v] : c->mean_series) m.pts.emplace_back(t, v * scale);
      series.push_back(std::move(m));
    }
    svg::Series w{"busiest: " + c->worst, svg::color(3), {}, true};
    for (const auto& [t, v] : c->worst_series) w.pts.emplace_back(t, v * scale);
    series.push_back(std::move(w));
    std::string title =
        c->fraction
            ? fmt::format("{} ({}, {} instance{}) — mean {}%, busiest {} {}% (peak {}%){}", c->cls,
                          c->kind.empty() ? "?" : c->kind, c->instances, c->instances == 1 ? "" : "s",
                          fixed(c->mean * 100, 1), c->worst, fixed(c->worst_mean * 100, 1),
                          fixed(c->worst_peak * 100, 1),
                          c->busy_from >= 0 ? fmt::format(", >= 90% from {} s", fixed(c->busy_from, 1)) : std::string())
            : fmt::format("{} ({} instance{}) — busiest {}: {} waiting on average, at most {}", c->cls, c->instances,
                          c->instances == 1 ? "" : "s", c->worst, fixed(c->worst_mean, 2), fixed(c->worst_peak, 0));
    ps.push_back({title, c->fraction ? "utilization (%)" : "requests waiting",
                  c->fraction ? 100.0 : std::max(1.0, c->worst_peak * 1.1), std::move(series)});
  }
  return svg::panels("chart-util",
                     "Utilization over time by resource class (blue: mean of the class, red: its busiest instance)", ps,
                     "simulated time (s)", t_end);
}

std::string failures(const RunResult& r, const Analysis& a) {
  std::string out = "<h2 id=\"failures\">Failures</h2>\n";
  if (a.faults.empty()) return out + "<p>No faults and no API errors.</p>\n";
  out +=
      "<div class=\"scroll\"><table id=\"table-failures\"><tr><th>Count</th><th>Status</th><th>Fault (ids and numbers "
      "masked)</th>"
      "<th>Example request</th><th>Example text</th></tr>\n";
  for (const auto& f : a.faults) {
    const auto& q = r.requests[f.example];
    std::string text = q.fault ? *q.fault : fmt::format("HTTP {}: {}", q.api_status, q.api_error.value_or(""));
    out += "<tr>" + td(std::to_string(f.count), true) + td(std::string(name(f.final_status))) + td(f.reason) +
           td(fmt::format("#{} {}", q.id, q.name)) + td(text) + "</tr>\n";
  }
  return out + "</table></div>\n";
}

}  // namespace

void html_report(const RunResult& r, const Analysis& a, const ReportOptions& opt, TextSink& sink) {
  // Piece by piece into the sink, which spills to the file between them: the page is never whole in
  // memory, and the next piece reuses the memory of the last.
  auto put = [&sink](const std::string& piece) {
    sink.text += piece;
    sink.spill_if_big();
  };
  put("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>bfvsim: " +
      esc(r.scenario) + "</title>\n<style>" + kCss + "</style></head>\n<body>\n");
  put(header(r, a));
  put(times_table(a));
  put(where_block(a));
  put(sequence_block(r, a, opt));
  put("<h2 id=\"charts\">Boot time and load</h2>\n");
  put(cdf_chart(a));
  put(inflight_chart(r, a));
  put(phases_chart(r, a));
  put("<h2 id=\"gantt\">Sample requests</h2>\n");
  put(gantt_chart(r, a));
  put("<h2 id=\"util\">Utilization</h2>\n");
  put(util_chart(r, a));
  put(failures(r, a));
  put("<p class=\"note\">Generated by bfvsim " + esc(r.version) +
      ". Also in this directory: report.json, requests.csv, phases.csv, trace.json (open in ui.perfetto.dev).</p>\n");
  put("</body></html>\n");
}

std::string html_report(const RunResult& r, const Analysis& a, const ReportOptions& opt) {
  TextSink sink;
  html_report(r, a, opt, sink);
  return std::move(sink.text);
}

const std::string& svg::page_css() {
  static const std::string css = kCss;
  return css;
}

std::string html_report(const RunResult& r, const Analysis& a) { return html_report(r, a, ReportOptions{}); }

}  // namespace bfv::reports

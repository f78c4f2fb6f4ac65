#include "sim/whatif/compare.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "reports/svg_chart.hpp"
#include "reports/writers.hpp"

namespace bfv::whatif {
namespace {

struct Line {
  std::string metric;
  std::vector<std::optional<double>> v;  // per run
  bool seconds = false;                  // else a count
  std::vector<std::string> text;         // non-numeric rows (bottleneck)
};

std::string letter(std::size_t i) {
  std::string s(1, static_cast<char>('A' + i % 26));
  if (i >= 26) s += std::to_string(i / 26);
  return s;
}

std::string num(const std::optional<double>& v, bool seconds) {
  if (!v) return "n/a";
  return seconds ? fmt::format("{:.3f}", *v) : fmt::format("{}", static_cast<long long>(std::llround(*v)));
}

std::string delta(const std::optional<double>& a, const std::optional<double>& b, bool seconds) {
  if (!a || !b) return "n/a";
  // The difference of the values as shown (3 decimals for seconds), so the columns add up.
  double x = seconds ? std::round(*a * 1000) / 1000 : std::round(*a),
         y = seconds ? std::round(*b * 1000) / 1000 : std::round(*b);
  double d = y - x;
  if (std::abs(d) < (seconds ? 5e-4 : 0.5)) return seconds ? "0.000" : "0";
  std::string s = seconds ? fmt::format("{:+.3f}", d) : fmt::format("{:+d}", static_cast<long long>(d));
  if (x != 0) s += fmt::format(" ({:+.1f}%)", 100.0 * d / std::abs(x));
  return s;
}

std::vector<Line> lines(const std::vector<RunSummary>& runs) {
  std::vector<Line> out;
  auto numeric = [&](std::string name, bool secs, auto get) {
    Line l{std::move(name), {}, secs, {}};
    for (const auto& r : runs) l.v.push_back(get(r));
    out.push_back(std::move(l));
  };
  numeric("requests", false, [](const RunSummary& r) { return std::optional<double>(r.requests); });
  std::vector<std::string> statuses, faults, phases;
  for (const auto& r : runs) {
    for (const auto& [s, c] : r.counts)
      if (std::find(statuses.begin(), statuses.end(), s) == statuses.end()) statuses.push_back(s);
    for (const auto& [f, c] : r.faults)
      if (std::find(faults.begin(), faults.end(), f) == faults.end()) faults.push_back(f);
    for (const auto& p : r.phases)
      if (std::find(phases.begin(), phases.end(), p.name) == phases.end()) phases.push_back(p.name);
  }
  for (const auto& s : statuses)
    numeric("status " + s, false, [&](const RunSummary& r) { return std::optional<double>(r.count(s)); });
  for (const auto& f : faults)
    // Long reasons keep their head and tail: faults often differ only at the end ("status is creating.").
    numeric("fault: " + (f.size() > 74 ? f.substr(0, 40) + "..." + f.substr(f.size() - 31) : f), false,
            [&](const RunSummary& r) {
              int c = 0;
              for (const auto& [reason, n] : r.faults)
                if (reason == f) c = n;
              return std::optional<double>(c);
            });
  for (const auto& p : phases)
    for (int which = 0; which < 2; ++which)
      numeric(p + (which ? " p95 (s)" : " median (s)"), true, [&](const RunSummary& r) {
        for (const auto& ps : r.phases)
          if (ps.name == p) return which ? ps.p95 : ps.median;
        return std::optional<double>();
      });
  numeric("boot p50 (s)", true, [](const RunSummary& r) { return r.boot_p50; });
  numeric("boot p95 (s)", true, [](const RunSummary& r) { return r.boot_p95; });
  numeric("boot p99 (s)", true, [](const RunSummary& r) { return r.boot_p99; });
  numeric("makespan (s)", true, [](const RunSummary& r) { return std::optional<double>(r.makespan); });
  Line b{"top bottleneck (p95 tail)", {}, false, {}};
  for (const auto& r : runs)
    b.text.push_back(r.top_bottleneck.empty() ? "none"
                                              : fmt::format("{} ({:.1f}%)", r.top_bottleneck, 100 * r.top_share));
  out.push_back(b);
  return out;
}

std::vector<std::string> header(const std::vector<RunSummary>& runs) {
  std::vector<std::string> h{"metric", "A"};
  for (std::size_t i = 1; i < runs.size(); ++i) {
    h.push_back(letter(i));
    h.push_back(letter(i) + "-A");
  }
  return h;
}

std::vector<std::vector<std::string>> rows(const std::vector<RunSummary>& runs) {
  std::vector<std::vector<std::string>> out;
  for (const auto& l : lines(runs)) {
    std::vector<std::string> row{l.metric};
    for (std::size_t i = 0; i < runs.size(); ++i) {
      if (!l.text.empty()) {
        row.push_back(l.text[i]);
        if (i) row.push_back(l.text[i] == l.text[0] ? "same" : "changed");
      } else {
        row.push_back(num(l.v[i], l.seconds));
        if (i) row.push_back(delta(l.v[0], l.v[i], l.seconds));
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::string legend_text(const std::vector<RunSummary>& runs) {
  std::string out;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    out += fmt::format("  {} = {}  (scenario {}, seed {}", letter(i), runs[i].dir, runs[i].scenario, runs[i].seed);
    for (const auto& [p, v] : runs[i].overrides) out += fmt::format(", {}={}", p, v);
    out += ")\n";
  }
  return out;
}

}  // namespace

std::string compare_text(const std::vector<RunSummary>& runs) {
  std::string out = "Compare (differences against A)\n" + legend_text(runs) + "\n";
  out += reports::ascii_table(header(runs), rows(runs));
  return out;
}

std::string compare_html(const std::vector<RunSummary>& runs) {
  namespace svg = reports::svg;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>bfvsim compare</title>\n<style>" +
      svg::page_css() + "</style></head>\n<body>\n<h1>bfvsim compare</h1>\n<div class=\"meta\"><ul>";
  for (std::size_t i = 0; i < runs.size(); ++i) {
    out += fmt::format("<li><b>{}</b> = {} (scenario <b>{}</b>, seed {}", letter(i), svg::esc(runs[i].dir),
                       svg::esc(runs[i].scenario), runs[i].seed);
    for (const auto& [p, v] : runs[i].overrides) out += fmt::format(", <code>{}={}</code>", svg::esc(p), svg::esc(v));
    out += ")</li>";
  }
  out += "</ul></div>\n<h2>Side by side (differences against A)</h2>\n<table><tr>";
  for (const auto& h : header(runs)) out += "<th>" + svg::esc(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows(runs)) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c)
      out += fmt::format("<td{}>{}</td>", c ? " class=\"n\"" : "", svg::esc(row[c]));
    out += "</tr>\n";
  }
  out += "</table>\n<h2>Boot time</h2>\n";
  // Overlaid CDFs: fraction of server creates ACTIVE within t.
  std::vector<svg::Series> cdf;
  double xmax = 1;
  for (const auto& r : runs)
    if (!r.boot.empty()) xmax = std::max(xmax, r.boot.back());
  for (std::size_t i = 0; i < runs.size(); ++i) {
    svg::Series s{letter(i) + ": " + runs[i].dir, svg::color(i), {}, true, {}};
    const auto& b = runs[i].boot;
    int total = 0;
    for (const auto& [st, c] : runs[i].counts) total += c;
    double n = std::max<double>(1, total);
    s.pts.emplace_back(0, 0);  // nothing booted: a flat line at 0
    for (std::size_t k = 0; k < b.size(); ++k) s.pts.emplace_back(b[k], double(k + 1) / n);
    cdf.push_back(std::move(s));
  }
  svg::Axes ax{"boot time: submit to ACTIVE (s)", "fraction of requests ACTIVE", 0, xmax * 1.02, 0, 1};
  out += svg::line_chart("cdf", "Boot time CDF (a curve that stops short of 1 did not boot everything)", ax, cdf);
  // Phase bars: each run's median per phase, stacked.
  std::vector<std::string> phases;
  for (const auto& r : runs)
    for (const auto& p : r.phases)
      if (p.name != "total" && p.name != "boot" && std::find(phases.begin(), phases.end(), p.name) == phases.end())
        phases.push_back(p.name);
  for (int which = 0; which < 2; ++which) {
    std::vector<svg::Bar> bars;
    for (std::size_t i = 0; i < runs.size(); ++i) {
      svg::Bar bar{letter(i), {}, runs[i].dir};
      for (const auto& ph : phases) {
        double v = 0;
        for (const auto& p : runs[i].phases)
          if (p.name == ph) v = (which ? p.p95 : p.median).value_or(0);
        bar.values.push_back(v);
      }
      bars.push_back(std::move(bar));
    }
    out += svg::stacked_bars(which ? "phases_p95" : "phases_median",
                             which ? "Phase p95 per run (stacked)" : "Phase median per run (stacked)", phases, bars,
                             "run", "seconds");
  }
  return out + "</body></html>\n";
}

}  // namespace bfv::whatif

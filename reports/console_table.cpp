// The console summary printed after every run: totals, faults, the Rally-style
// "Response Times (sec)" table (rally/task/processing/charts.py::MainStatsTable, printed as
// `rally task report` does) and "Where the time went".
#include <algorithm>

#include <fmt/format.h>

#include "reports/analysis.hpp"
#include "reports/writers.hpp"
#include "reports/reports.hpp"

namespace bfv::reports {

std::vector<std::string> stats_header() {
  return {"Action",    "Min (sec)", "Median (sec)", "90%ile (sec)", "95%ile (sec)",
          "Max (sec)", "Avg (sec)", "Success",      "Count"};
}

std::vector<std::string> stats_cells(const StatsRow& row) {
  auto num = [&](double v) { return row.has_data ? fixed(v, 3) : std::string("n/a"); };
  std::string success = row.count ? fixed(100.0 * double(row.success) / double(row.count), 1) + "%" : "n/a";
  return {row.name,     num(row.min), num(row.median),          num(row.p90), num(row.p95), num(row.max),
          num(row.avg), success,      std::to_string(row.count)};
}

std::string ascii_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                        const TableStyle& style) {
  std::vector<std::size_t> w(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = header[c].size();
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < w.size(); ++c) w[c] = std::max(w[c], row[c].size());
  std::string rule = "+";
  for (auto x : w) rule += std::string(x + 2, '-') + "+";
  rule += "\n";
  auto line = [&](const std::vector<std::string>& cells, bool header_line) {
    std::string s = "|";
    for (std::size_t c = 0; c < w.size(); ++c) {
      const std::string& v = c < cells.size() ? cells[c] : std::string();
      if (style.numbers_right) {
        // The summary tables pad as fmt does (by display width: a "×" or "—" counts once).
        if (c == 0 || header_line)
          s += fmt::format(" {:<{}} |", v, w[c]);
        else
          s += fmt::format(" {:>{}} |", v, w[c]);
      } else {  // Rally's tables: prettytable as cliutils.print_list, padded by bytes as before
        s += " " + v + std::string(w[c] - std::min(w[c], v.size()), ' ') + " |";
      }
    }
    return s + "\n";
  };
  std::string out;
  if (!style.label.empty()) {  // cliutils.make_table_header: the label centred in a box as wide as the table
    const std::size_t width = rule.size() - 1;
    const std::size_t space = width - std::min(width, style.label.size() + 2);
    out += "+" + std::string(width - 2, '-') + "+\n";
    out += "|" + std::string(space / 2, ' ') + style.label + std::string(space / 2 + space % 2, ' ') + "|\n";
  }
  out += rule + line(header, true) + rule;
  for (const auto& row : rows) out += line(row, false);
  return out + rule;
}

std::string console_summary(const RunResult& r, const Analysis& a) {
  std::string out;
  out += fmt::format("bfvsim {} | scenario {} | seed {}\n", r.version, r.scenario, r.seed);
  if (!r.description.empty()) {  // its first line: the rest is in report.html
    auto nl = r.description.find('\n');
    out += "  " + r.description.substr(0, nl) +
           (nl != std::string::npos && nl + 1 < r.description.size() ? " ..." : "") + "\n";
  }
  out += fmt::format("{} requests in {} s simulated (makespan {} s):", r.requests.size(), fixed(r.sim_end, 3),
                     fixed(a.makespan, 3));
  for (std::size_t i = 0; i < a.status_counts.size(); ++i)
    out += fmt::format("{} {} {}", i ? "," : "", a.status_counts[i].second, a.status_counts[i].first);
  out += "\n";

  if (!a.faults.empty()) {
    out += "\nFaults by reason:\n";
    std::size_t shown = 0;
    for (const auto& f : a.faults) {
      if (++shown > 15) {
        out += fmt::format("  ... {} more reasons (report.html, Failures)\n", a.faults.size() - 15);
        break;
      }
      const auto& q = r.requests[f.example];
      out += fmt::format("  {:>6}  {:<8} {}  (e.g. request {} {})\n", f.count, name(f.final_status), f.reason, q.id,
                         q.name);
    }
  }

  out += "\nResponse Times (sec)\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : a.rows) rows.push_back(stats_cells(row));
  out += ascii_table(stats_header(), rows);

  out += "\nWhere the time went";
  if (a.where.requests == 0) {
    out += ": no request became ACTIVE\n";
  } else {
    out += fmt::format(" (critical path of the {} request{} at or above p95 boot time {} s, by resource class):\n",
                       a.where.requests, a.where.requests == 1 ? "" : "s", fixed(a.where.p95, 3));
    for (const auto& l : where_lines(a.where, 6)) out += "  " + l + "\n";
  }
  if (!a.findings.empty()) {
    out += "\nAnalysis:\n";
    for (const auto& f : a.findings) out += "  " + f + "\n";
  }
  return out;
}

std::string console_summary(const RunResult& r) {
  ReleaseWhileReading release(r);
  return console_summary(r, analyse(r));
}

}  // namespace bfv::reports

// Text forms shared by the console summary and the HTML report, and the per-output writers
// that write_outputs() calls with one shared Analysis. Internal to reports/.
#pragma once
#include <string>
#include <vector>

#include <fmt/format.h>

#include "reports/analysis.hpp"

namespace bfv::reports {

std::vector<std::string> stats_header();
std::vector<std::string> stats_cells(const StatsRow& row);  // numbers "%.3f", Success "%.1f%%", "n/a"
// Appends `s` as a JSON string literal (quotes, escapes; UTF-8 passed through), as nlohmann's dump().
void append_json_string(std::string& out, const std::string& s);

std::string ascii_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

std::string console_summary(const RunResult& r, const Analysis& a);
std::string json_report(const RunResult& r, const Analysis& a);
std::string requests_csv(const RunResult& r, const Analysis& a);
std::string phases_csv(const RunResult& r, const Analysis& a);
std::string html_report(const RunResult& r, const Analysis& a);
std::string trace_json(const RunResult& r);
// Into fmt's buffer (written to the file without another copy: a big run's trace is tens of MB).
void trace_json(const RunResult& r, fmt::memory_buffer& out);

}  // namespace bfv::reports

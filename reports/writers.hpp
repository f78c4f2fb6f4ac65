// Text forms shared by the console summary and the HTML report, and the per-output writers
// that write_outputs() calls with one shared Analysis. Internal to reports/.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "reports/analysis.hpp"
#include "reports/reports.hpp"

namespace bfv::reports {

std::vector<std::string> stats_header();
std::vector<std::string> stats_cells(const StatsRow& row);  // numbers "%.3f", Success "%.1f%%", "n/a"
// Appends `s` as a JSON string literal (quotes, escapes; UTF-8 passed through), as nlohmann's dump().
void append_json_string(std::string& out, const std::string& s);

// The one text table of bfvsim, drawn as prettytable draws it in Rally's and OpenStack's CLIs
// (cliutils.print_list): "+---+" rules, one space of padding. numbers_right: every column but the
// first right-aligned (the summary tables); else all left-aligned (Rally's own tables). label: a
// title box above it (cliutils.make_table_header).
struct TableStyle {
  bool numbers_right = true;
  std::string label;
};
std::string ascii_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                        const TableStyle& style = {});

// Where a bulk writer's text goes. Writers append to `text` and call spill_if_big() between records:
// with a `spill` (the open file) the text leaves memory every kSpillBytes, so a 100k-request run never
// holds its 100 MB report.json, 137 MB trace.json and CSVs whole; without one it all stays in `text`.
struct TextSink {
  // Small: the buffer is reused from one spill to the next, and each fresh page of a larger one is a
  // page fault (~10-17 us on the benchmark's VM); a write(2) per 64 KiB costs nothing in comparison.
  static constexpr std::size_t kSpillBytes = std::size_t{64} << 10;
  std::string text;
  std::function<void(std::string_view)> spill;
  void spill_if_big() {
    if (spill && text.size() >= kSpillBytes) {
      spill(text);
      text.clear();
    }
  }
  void finish() {
    if (spill) spill(text);
    text.clear();
  }
};

std::string console_summary(const RunResult& r, const Analysis& a);

// While the reports read a spilled event log (core/spill_log.hpp), its pages come back into memory as
// they are read; this thread hands them back to the kernel every 100 ms, so the reports of a million
// requests hold what they are reading, not every span. Nothing happens for a log in memory.
class ReleaseWhileReading {
 public:
  explicit ReleaseWhileReading(const RunResult& r);
  ~ReleaseWhileReading();
  ReleaseWhileReading(const ReleaseWhileReading&) = delete;
  ReleaseWhileReading& operator=(const ReleaseWhileReading&) = delete;

 private:
  struct State;
  std::unique_ptr<State> st_;
};
struct ReportOptions;
// Services in the order a student reads a boot: nova-api, conductor, scheduler, compute, cinder-api,
// cinder-scheduler, cinder-volume, glance-api; 100 for anything else. `track` may carry "@instance".
int service_rank(const std::string& track);
std::string html_report(const RunResult& r, const Analysis& a, const ReportOptions& opt);
void html_report(const RunResult& r, const Analysis& a, const ReportOptions& opt, TextSink& out);
std::string html_report(const RunResult& r, const Analysis& a);
// <svg id="ID"> sequence diagram of request `req` (index into r.requests); `why` says how it was chosen.
std::string swimlane(const RunResult& r, const Analysis& a, int req, const std::string& id, const std::string& why);
void json_report(const RunResult& r, const Analysis& a, TextSink& out);
void requests_csv(const RunResult& r, const Analysis& a, TextSink& out);
void phases_csv(const RunResult& r, const Analysis& a, TextSink& out);
// fmt's buffer, spilled through `spill` every 1 MiB when given.
// Without `polls`, a wait made of polls (EventLog::set_polls) is one span with its poll count, its
// polls' spans and arrows left out: the file grows with requests and phases, not seconds waited.
// Runs of more than `detail` requests (0: no limit) keep every Phase span but the fine-grained
// spans and arrows of `detail` evenly spaced requests only (ReportOptions::trace_detail).
void trace_json(const RunResult& r, fmt::memory_buffer& out, const std::function<void(std::string_view)>& spill = {},
                bool polls = false, std::size_t detail = kTraceDetail);
// Whole-string forms (tests, small runs).
std::string json_report(const RunResult& r, const Analysis& a);
std::string requests_csv(const RunResult& r, const Analysis& a);
std::string phases_csv(const RunResult& r, const Analysis& a);
std::string trace_json(const RunResult& r, bool polls = false, std::size_t detail = kTraceDetail);

}  // namespace bfv::reports

// Report writers: turn a finished run (bfv::RunResult) into what people look at.
// They read only the RunResult and never reach back into the simulation.
//
// Every output is byte-identical for identical RunResults: fixed float formatting, sorted
// iteration, no wall-clock values (RunResult::wall_seconds is never written by write_outputs).
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/run_result.hpp"

namespace bfv::reports {

// Requests whose fine-grained spans trace.json shows by default: what one can look at in Perfetto,
// and a trace that costs a small part of a 1,000-request run to write (docs/performance.md).
inline constexpr std::size_t kTraceDetail = 200;

struct ReportOptions {
  // report.html draws the sequence diagram of these requests (by name, as in requests.csv); empty:
  // the median and the p95 request by boot time. An unknown name is an error naming it.
  std::vector<std::string> show_requests;
  // trace.json: every poll of a wait made of polls (its GET, arrow and sleep), not one span per wait.
  bool trace_polls = false;
  // trace.json: the fine-grained spans (activities, waits, RPCs) and arrows of at most this many
  // requests, evenly spaced (ids that are multiples of ceil(n / trace_detail)); every request's
  // phases always. 0: every request. `--trace-detail N`.
  std::size_t trace_detail = kTraceDetail;
  // A progress line on stderr while the reports are written.
  bool progress = false;
};

// The text printed after every run: totals by final status and by fault reason, the Rally-style
// "Response Times (sec)" table and the "Where the time went" block.
std::string console_summary(const RunResult& r);

// Creates `dir` (and parents) and writes report.json, requests.csv, phases.csv, report.html and
// trace.json into it. Throws std::runtime_error naming the file when one cannot be written.
// Formats: docs/report-json.md and docs/outputs.md.
void write_outputs(const RunResult& r, const std::filesystem::path& dir);

// Both of the above from one analysis of the run: returns the summary.
std::string summarise_and_write(const RunResult& r, const std::filesystem::path& dir, const ReportOptions& opt = {});

// What `bfvsim run --out` uses: the same files, started as soon as the run's result is complete
// (RunOptions::on_result), so that they are written while the simulation frees its cloud model on
// the other core. start(r): the writers begin on threads of their own; `r` must stay where it is and
// unchanged from then on. finish(r): starts them if start() was not called, waits for them, renames
// the files into place (a run that fails before finish() leaves none of them) and returns the
// console summary; throws std::runtime_error naming a file that cannot be written.
class ReportWriter {
 public:
  ReportWriter(std::filesystem::path dir, ReportOptions opt);
  ~ReportWriter();
  ReportWriter(const ReportWriter&) = delete;
  ReportWriter& operator=(const ReportWriter&) = delete;
  void start(const RunResult& r);
  std::string finish(const RunResult& r);

 private:
  struct State;
  std::unique_ptr<State> st_;
};

}  // namespace bfv::reports

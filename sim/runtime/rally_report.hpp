// Rally's view of a run of a task stream: the atomic-action table (MainStatsTable) and the SLA.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "sim/runtime/run_result.hpp"
#include "sim/scenario/rally_task.hpp"

namespace bfv {

// One iteration as Rally records it (rally task report --json: workload "data"): its atomic
// actions, each with start and end (simulated seconds), in order; `error` empty when it passed.
struct RallyIteration {
  double timestamp = 0, duration = 0;
  std::vector<std::pair<std::string, std::pair<double, double>>> atomic;
  std::string error;
};

struct RallyReport {
  std::string text;      // table + SLA lines, ready to print
  bool sla_passed = true;
  double failure_rate = 0;  // percent of iterations that failed
  std::vector<RallyIteration> iterations;  // passed ones, in the order their records appear
  int failed = 0;
};

// The report as `rally task report --json` writes it (format_version 1.2,
// rally/plugins/task/exporters/json_exporter.py::JSONExporter): one task, one subtask, one workload.
std::string rally_results_json(const RallyTask& task, const RallyReport& rep, int concurrency, int times);

// Durations are what Rally's client would measure: each wait ends at the first poll that sees
// the state (boot: submit + 1 s + 2 s polls until ACTIVE, > 300 s fails; delete: + 2 s + 2 s polls).
RallyReport rally_report(const RallyTask& task, const RunResult& r);

}  // namespace bfv

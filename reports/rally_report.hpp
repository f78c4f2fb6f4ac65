// Rally's view of a task run: per workload the atomic-action table as `rally task start` prints it
// (rally/task/processing/charts.py::MainStatsTable, printed by rally/cli/commands/task.py::_detailed
// with cliutils.print_list) and the SLA as `rally task sla-check` prints it; and the file
// `rally task report --json` writes (rally/plugins/task/exporters/json_exporter.py, format 1.2).
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "core/run_result.hpp"
#include "core/rally_task_spec.hpp"

namespace bfv {

struct RallyReport {
  std::string text;         // per workload: header, table, durations, SLA table; ready to print
  bool sla_passed = true;   // every workload passed every criterion
  double failure_rate = 0;  // percent of iterations that failed, over the whole task
  nlohmann::json json;      // Rally's JSON report (`rally task report --json`)
};

RallyReport rally_report(const RallyTask& task, const RunResult& r);

// Python's str(round(v, 3)), as Rally prints table cells ("11.0", "2.063").
std::string rally_float(double v);

}  // namespace bfv

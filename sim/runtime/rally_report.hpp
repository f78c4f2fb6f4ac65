// Rally's view of a run of a task stream: the atomic-action table (MainStatsTable) and the SLA.
#pragma once
#include <string>

#include "sim/runtime/run_result.hpp"
#include "sim/scenario/rally_task.hpp"

namespace bfv {

struct RallyReport {
  std::string text;      // table + SLA lines, ready to print
  bool sla_passed = true;
  double failure_rate = 0;  // percent of iterations that failed
};

// Durations are what Rally's client would measure: each wait ends at the first poll that sees
// the state (boot: submit + 1 s + 2 s polls until ACTIVE, > 300 s fails; delete: + 2 s + 2 s polls).
RallyReport rally_report(const RallyTask& task, const RunResult& r);

}  // namespace bfv

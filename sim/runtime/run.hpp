// One simulated run: scenario -> platform + services -> workload, faults, sampling -> RunResult.
#pragma once
#include <functional>
#include <cstdint>
#include <optional>

#include "core/run_result.hpp"
#include "sim/scenario/scenario.hpp"

namespace bfv {

struct RunOptions {
  std::optional<uint64_t> seed;  // overrides the scenario's seed
  bool progress = false;         // progress bar on stderr
  // Bulk transfers: one aggregate SimGrid flow per route (core/platform/flows.hpp; exact, and the
  // default where the network model allows it: CM02), or every transfer its own Comm.
  enum class FlowModel { Auto, Aggregate, PerFlow };
  FlowModel flow_model = FlowModel::Auto;
  // The event log (spans, arrows, samples) spills to unlinked temporary files in `spill_dir` (empty:
  // the system's temp directory) and leaves resident memory when the scenario has at least
  // `spill_above` requests (core/spill_log.hpp; issue 16 item 4). BFVSIM_SPILL=1 in the environment
  // spills any run, BFVSIM_SPILL=0 none. The reports are the same bytes either way.
  std::string spill_dir;
  long long spill_above = 50000;
  // Called once the result is complete (records, volumes, quotas, event log) and before the cloud
  // model is freed, with the RunResult given to run_scenario(s, opt, result): `bfvsim run --out`
  // starts its report writers there (reports::ReportWriter), on the core the simulation leaves idle.
  std::function<void(const RunResult&)> on_result;
};

// Runs the scenario to completion. SimGrid's engine is a process singleton: call once per process.
RunResult run_scenario(const Scenario& s, const RunOptions& opt);
// The same, into `result` (a fresh RunResult), which stays where it is for RunOptions::on_result.
void run_scenario(const Scenario& s, const RunOptions& opt, RunResult& result);

}  // namespace bfv

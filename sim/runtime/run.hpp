// One simulated run: scenario -> platform + services -> workload, faults, sampling -> RunResult.
#pragma once
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
};

// Runs the scenario to completion. SimGrid's engine is a process singleton: call once per process.
RunResult run_scenario(const Scenario& s, const RunOptions& opt);

}  // namespace bfv

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
};

// Runs the scenario to completion. SimGrid's engine is a process singleton: call once per process.
RunResult run_scenario(const Scenario& s, const RunOptions& opt);

}  // namespace bfv

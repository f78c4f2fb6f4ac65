// Rally task files (rally-openstack, formats v1 and v2, no Jinja) turned into workload streams
// of an already loaded cloud scenario. Pure: no SimGrid. See docs/rally.md.
#pragma once
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace bfv {

// What the Rally report needs to know about the task beyond the streams.
struct RallyTask {
  std::string scenario;            // e.g. NovaServers.boot_server_from_volume_and_delete
  std::string stream;              // the workload stream it became
  bool deletes = false;            // nova.delete_server (cinder_v3.delete_volume) is an atomic action of the scenario
  bool cinder_only = false;        // CinderVolumes.*: no server at all
  double sla_failure_rate_min = 0; // percent
  double sla_failure_rate_max = 0; // percent; Rally's default sla is failure_rate max 0
};

// The scenario names this version maps onto the simulator.
const std::vector<std::string>& rally_supported_scenarios();

// Parses the task file and appends its workload (and its users/quotas contexts as projects) to s.
// Throws scn::ScenarioError (file:line:col) on anything unsupported or malformed.
RallyTask apply_rally_task(const std::string& path, Scenario& s);
RallyTask apply_rally_task_text(const std::string& text, const std::string& display_name, Scenario& s);

}  // namespace bfv

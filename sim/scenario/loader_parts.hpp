// Internal: the pieces of the scenario loader, one per top-level section.
#pragma once
#include <algorithm>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace bfv {
void load_config(const scn::Node& cfg, Scenario& s);
void load_topology(const scn::Node& topo, Scenario& s);
void load_cloud(const scn::Node& cloud, Scenario& s);
void load_projects(const scn::Node& projects, Scenario& s);
void load_workload(const scn::Node& workload, Scenario& s);
void load_faults(const scn::Node& faults, Scenario& s);
void load_expect(const scn::Node& expect, Scenario& s);
}  // namespace bfv

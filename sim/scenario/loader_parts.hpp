// Internal: the pieces of the scenario loader, one per top-level section.
#pragma once
#include <algorithm>

#include "core/options.hpp"
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
Scenario load_scenario_root(const scn::Node& root, const std::string& display_name);

// The options config_loader.cpp binds for one service ("nova", "cinder", "glance", "placement"),
// as (group, option, type, its declaration), from the describe() declarations in models/<service>/params.hpp; what
// an ini file may set (sim/scenario/oslo_ini.cpp) and the JSON Schema lists (schema.cpp).
using OptType = opt::Kind;
struct ModelledOption {
  std::string group, name;
  OptType type;
  opt::Doc doc;  // closed sets: doc.choices and doc.unmodelled
};
std::vector<ModelledOption> modelled_options(const std::string& service);
}  // namespace bfv

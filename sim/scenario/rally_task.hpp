// Rally task files (rally-openstack; formats v1 and v2, JSON or YAML, Jinja2 templates rendered
// with task args) turned into workload streams of an already loaded cloud scenario, one stream per
// workload; the workloads run one after another as `rally task start` runs them. Pure: no SimGrid.
// See docs/rally.md.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/rally_task_spec.hpp"
#include "sim/scenario/scenario.hpp"

namespace bfv {

// How the task file is read: task args as `rally task start --task-args/--task-args-file`.
struct RallyTaskOptions {
  std::string task_args;       // --task-args JSON|YAML (or k=v,k2=v2)
  std::string task_args_file;  // --task-args-file FILE
};

// The scenario names this version maps onto the simulator.
const std::vector<std::string>& rally_supported_scenarios();

// Renders (Jinja2, when the file holds Jinja markup or task args are given), parses the task and
// appends one stream per workload (and its users/quotas contexts as projects) to s.
// Throws scn::ScenarioError (file:line:col, or file:line for Jinja) on anything unsupported or malformed.
RallyTask apply_rally_task(const std::string& path, Scenario& s, const RallyTaskOptions& opt = {});
RallyTask apply_rally_task_text(const std::string& text, const std::string& display_name, Scenario& s,
                                const RallyTaskOptions& opt = {});

// rally_openstack/task/types.py resolution of an image / flavor argument ({id}, {uuid}, {name}
// exact or as a regular expression, {regex}); throws with Rally's InvalidScenarioArgument text.
std::string rally_resolve_image(const nlohmann::json& spec, const Scenario& s);
std::string rally_resolve_flavor(const nlohmann::json& spec, const Scenario& s);

}  // namespace bfv

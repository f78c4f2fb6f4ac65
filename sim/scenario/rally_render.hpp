// Rally task templates: the task file is a Jinja2 template rendered before it is parsed, with the
// task arguments of `rally task start --task-args / --task-args-file`
// (rally/cli/commands/task.py::_load_and_validate_task, rally/api.py::_Task.render_template).
// Rendering runs the real engine: python3 with Debian's python3-jinja2, on the script
// sim/scenario/rally_render.py (compiled into the binary). Pure: no SimGrid.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace bfv {

// The task arguments as rally merges them: --task-args-file (YAML or JSON mapping) first, then
// --task-args (YAML or JSON mapping, or Rally's fallback "k1=v1,k2=v2"), which wins key by key.
// Throws scn::ScenarioError naming the option on a malformed value.
nlohmann::json rally_task_args(const std::string& raw_args, const std::string& args_file);

// True when the text holds Jinja markup ({{ }}, {% %}, {# #}).
bool has_jinja(const std::string& text);

// Renders `text` (read from `path`; {% include %} resolves next to it). Throws scn::ScenarioError
// "PATH:LINE: Jinja template error ..." on template errors and when python3/jinja2 is missing.
std::string render_rally_template(const std::string& text, const std::string& path, const nlohmann::json& args);

}  // namespace bfv

// `rally task report --json` for a simulated task run (format_version 1.2; the shape of
// rally/plugins/task/exporters/json_exporter.py::JSONExporter._generate_tasks), so that what
// `bfvsim calibrate` reads from a real cloud can also be produced by bfvsim itself.
#include <nlohmann/json.hpp>

#include "sim/runtime/rally_report.hpp"

namespace bfv {

std::string rally_results_json(const RallyTask& task, const RallyReport& rep, int concurrency, int times) {
  using nlohmann::ordered_json;
  ordered_json data = ordered_json::array();
  double first = 0, last = 0;
  for (size_t i = 0; i < rep.iterations.size(); ++i) {
    const auto& it = rep.iterations[i];
    ordered_json acts = ordered_json::array();
    for (const auto& [name, se] : it.atomic)
      acts.push_back({{"name", name}, {"children", ordered_json::array()}, {"started_at", se.first}, {"finished_at", se.second}});
    data.push_back({{"timestamp", it.timestamp},
                    {"duration", it.duration},
                    {"idle_duration", 0.0},
                    {"error", it.error.empty() ? ordered_json::array() : ordered_json::array({it.error})},
                    {"output", {{"additive", ordered_json::array()}, {"complete", ordered_json::array()}}},
                    {"atomic_actions", acts}});
    if (i == 0 || it.timestamp < first) first = it.timestamp;
    last = std::max(last, it.timestamp + it.duration);
  }
  ordered_json workload = {{"uuid", "bfvsim"},
                           {"description", ""},
                           {"runner", {{"constant", {{"times", times}, {"concurrency", concurrency}}}}},
                           {"scenario", {{task.scenario, ordered_json::object()}}},
                           {"start_time", first},
                           {"load_duration", last - first},
                           {"data", data},
                           {"failed_iteration_count", rep.failed},
                           {"total_iteration_count", static_cast<int>(rep.iterations.size()) + rep.failed},
                           {"pass_sla", rep.sla_passed}};
  ordered_json j = {{"info", {{"rally_version", "bfvsim"}, {"format_version", "1.2"}}},
                    {"tasks", ordered_json::array({{{"uuid", "bfvsim"},
                                                    {"title", task.scenario},
                                                    {"status", "finished"},
                                                    {"subtasks", ordered_json::array({{{"title", task.scenario},
                                                                                       {"workloads", ordered_json::array({workload})}}})}}})}};
  return j.dump(1) + "\n";
}

}  // namespace bfv

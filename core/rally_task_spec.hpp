// A Rally task as the simulator read it (sim/scenario/rally_task.cpp fills it): subtasks, workloads
// with their runner, contexts and SLA as written. Plain data below the loader and the report writers:
// reports/rally_report.cpp prints Rally's tables and JSON report from it and the run's records.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace bfv {

// SLA criteria of a workload (rally/plugins/task/sla/*.py). Rally's default when `sla` is absent:
// failure_rate {max: 0} (rally/task/task_cfg.py::TaskConfig._process_2).
struct RallySla {
  std::optional<std::pair<double, double>> failure_rate;  // {min, max} percent
  std::optional<double> max_seconds_per_iteration;        // s
  std::optional<double> max_avg_duration;                 // s
  struct Outliers {
    int max = 0, min_iterations = 3;
    double sigmas = 3.0;
  };
  std::optional<Outliers> outliers;
};

struct RallyWorkload {
  std::string scenario;           // e.g. CinderVolumes.create_and_attach_volume
  std::string stream;             // the workload stream it became
  std::string where;              // file:line of the workload
  int subtask = 0, position = 0;  // subtask index; position within the task (0-based)
  std::string description;
  std::string runner_type;                     // constant | constant_for_duration | rps | serial
  nlohmann::json args, runner, contexts, sla;  // as written (after rendering), for Rally's JSON report
  RallySla criteria;
  std::vector<std::string> notes;  // contexts accepted without simulated effect, said once in the output
};

struct RallySubtask {
  std::string title, description;
  std::vector<size_t> workloads;  // indexes into RallyTask::workloads
};

struct RallyTask {
  std::string file;  // task file as given
  std::string title = "", description = "";
  std::vector<std::string> tags;
  int version = 1;
  std::vector<RallySubtask> subtasks;
  std::vector<RallyWorkload> workloads;  // in run order
};

}  // namespace bfv

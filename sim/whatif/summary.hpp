// One finished run, read back from its report.json (docs/report-json.md): what `compare` puts side
// by side and what `sweep` turns into tidy rows. Reads only the file; never runs anything.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bfv::whatif {

struct PhaseSummary {
  std::string name;
  std::optional<double> median, p95;  // seconds, over successful samples (Rally's table)
};

struct RunSummary {
  std::string dir, scenario;
  unsigned long long seed = 0;
  int requests = 0;
  std::vector<std::pair<std::string, int>> counts;  // final_status -> requests, report order
  std::vector<std::pair<std::string, int>> faults;  // masked reason -> requests
  std::vector<PhaseSummary> phases;                 // flow order, "total" last
  std::vector<double> boot;                         // t_active - t_submit of server creates that went ACTIVE, ascending
  std::optional<double> boot_p50, boot_p95, boot_p99, boot_max, boot_mean;
  std::string top_bottleneck;  // largest share of the p95 tail's boot time ("" if none)
  double top_share = 0;
  double makespan = 0, sim_end = 0;
  std::vector<std::pair<std::string, std::string>> overrides;  // path -> value (report.json "overrides")

  int count(const std::string& status) const;
  // Every numeric metric by name, fixed order: requests, count_<STATUS>, boot_*, makespan, sim_end,
  // phase_<name>_median / _p95, top_share. Missing values (no boots) are absent.
  std::vector<std::pair<std::string, double>> metrics() const;
};

// Reads DIR/report.json; throws std::runtime_error naming the file.
RunSummary read_run(const std::string& dir);

}  // namespace bfv::whatif

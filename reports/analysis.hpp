// What every report writer needs, computed once per run from a RunResult: per-request span
// lists, the Rally-style phase statistics, status and fault totals, boot times, time series and
// the critical-path summary. Internal to reports/ (tests include it to check the numbers).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/critical_path.hpp"
#include "core/percentile.hpp"
#include "core/run_result.hpp"

namespace bfv::reports {

// Percentile of an ascending-sorted list by linear interpolation at k = (n-1)*p, exactly as
using bfv::percentile;  // core/percentile.hpp

// One row of the "Response Times (sec)" table. As in Rally's MainStatsTable
// (rally/task/processing/charts.py), timings are over successful samples only, while Count
// counts every request that has the action and Success is the share of them that succeeded.
struct StatsRow {
  std::string name;
  std::size_t count = 0;    // requests that have this action
  std::size_t success = 0;  // of which succeeded
  bool has_data = false;    // false -> every timing column is "n/a"
  double min = 0, median = 0, p90 = 0, p95 = 0, max = 0, avg = 0;
};
StatsRow make_row(std::string name, std::vector<double> ok_values, std::size_t count);

// Masks what differs between two occurrences of the same fault: UUIDs and tokens containing
// digits become "<id>", plain numbers "<n>".
std::string mask_fault(const std::string& text);

struct FaultGroup {
  std::string reason;                            // masked text
  FinalStatus final_status = FinalStatus::None;  // status of the first request with it
  int count = 0;
  int example = -1;  // lowest request id with this reason
};

// A resource's utilization as charted and written to report.json.
struct Utilization {
  std::string name, kind;
  double capacity = 0;
  double mean = 0;  // time-weighted over [0, sim_end]
  double peak = 0;
  std::size_t samples = 0;                        // raw sample count
  std::vector<std::pair<double, double>> series;  // [t, value], at most kMaxSeriesPoints
};
inline constexpr std::size_t kMaxSeriesPoints = 500;

// A resource class (resource_class(): "disk:lvm-*-vg", "service:libvirt@*", "queue:...@*"): its
// instances' utilization averaged on one time grid, and its busiest instance.
struct ClassUtilization {
  std::string cls, kind;
  int instances = 0;
  bool fraction = true;  // link/disk/cpu: share of capacity in [0, 1]; else a count (requests waiting)
  double mean = 0;       // mean over instances of their time-weighted means
  std::string worst;     // instance with the highest mean
  double worst_mean = 0, worst_peak = 0;
  double busy_from = -1, busy_until = -1;  // worst instance at >= 90% (count: >= 1 waiting), first and last time
  std::vector<std::pair<double, double>> mean_series, worst_series;  // on kClassBins bins over [0, sim_end]
};
inline constexpr std::size_t kClassBins = 200;

struct Analysis {
  std::vector<std::vector<uint32_t>> spans_of;             // span ids per request, by (start, id)
  std::vector<std::string> phase_order;                    // phase names in flow order of first appearance
  std::vector<StatsRow> rows;                              // one per phase, then "total"
  std::vector<std::pair<std::string, int>> status_counts;  // ACTIVE, ERROR, DELETED, REJECTED, others sorted
  std::vector<FaultGroup> faults;                          // by count desc, then reason
  std::vector<std::optional<double>> boot;                 // t_active - t_submit per request (server creates)
  std::vector<double> t_done;                              // when each request stopped being in flight
  std::vector<Utilization> utilization;                    // every resource, in RunResult::resources order
  std::vector<ClassUtilization> util_classes;              // by class; busiest worst instance first
  WhereTimeWent where;                                     // critical path over the p95 tail
  double makespan = 0;                                     // last t_done - first t_submit
  // The analysis paragraph (console and HTML): the bottleneck class, how busy and since when, its
  // share of the p95; when requests failed, the dominant fault and the resource behind it.
  std::vector<std::string> findings;
};

Analysis analyse(const RunResult& r);

// Downsamples a step function given as (t, value) points in time order to at most `max_points`
// points over [0, t_end]: each output point is the time-weighted mean of its bin.
std::vector<std::pair<double, double>> downsample_step(const std::vector<std::pair<double, double>>& pts, double t_end,
                                                       std::size_t max_points);

// Formatting shared by the writers: fixed decimals, locale-independent.
std::string fixed(double v, int decimals);
void append_fixed(std::string& out, double v, int decimals);  // same text, appended

}  // namespace bfv::reports

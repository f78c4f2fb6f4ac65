#include "reports/rally_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

#include "core/percentile.hpp"
#include "reports/writers.hpp"

namespace bfv {

std::string rally_float(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.3f", std::round(v * 1000.0) / 1000.0);
  std::string s = b;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

namespace {

// One MainStatsTable row: every occurrence of the action (failed ones too), success share, count.
struct Row {
  std::string name, display;
  std::vector<double> points;
  int ok = 0, count = 0;
  std::vector<Row> children;
};

void add(Row& row, double d, bool failed) {
  row.points.push_back(d);
  ++row.count;
  if (!failed) ++row.ok;
}

struct Cells {
  std::string min, median, p90, p95, max, avg, success;
  int count = 0;
};

Cells cells(const Row& row) {
  Cells c;
  c.count = row.count;
  if (row.points.empty()) {
    c.min = c.median = c.p90 = c.p95 = c.max = c.avg = c.success = "n/a";
    return c;
  }
  double lo = row.points[0], hi = row.points[0], sum = 0;
  for (double v : row.points) lo = std::min(lo, v), hi = std::max(hi, v), sum += v;
  c.min = rally_float(lo);
  c.max = rally_float(hi);
  c.avg = rally_float(sum / static_cast<double>(row.points.size()));
  c.median = rally_float(percentile_of(row.points, 0.5));
  c.p90 = rally_float(percentile_of(row.points, 0.9));
  c.p95 = rally_float(percentile_of(row.points, 0.95));
  char b[16];
  std::snprintf(b, sizeof b, "%.1f%%", 100.0 * row.ok / static_cast<double>(row.count));
  c.success = b;
  return c;
}

nlohmann::json row_json(const Row& row) {
  Cells c = cells(row);
  auto num_or_na = [&](const std::string& s, double v) -> nlohmann::json {
    if (s == "n/a") return "n/a";
    return std::round(v * 1000.0) / 1000.0;
  };
  nlohmann::json data;
  if (row.points.empty()) {
    data = {{"iteration_count", 0}, {"min", "n/a"}, {"median", "n/a"}, {"90%ile", "n/a"},
            {"95%ile", "n/a"},      {"max", "n/a"}, {"avg", "n/a"},    {"success", "n/a"}};
  } else {
    double lo = *std::min_element(row.points.begin(), row.points.end());
    double hi = *std::max_element(row.points.begin(), row.points.end());
    double sum = 0;
    for (double v : row.points) sum += v;
    data = {{"iteration_count", c.count},
            {"min", num_or_na(c.min, lo)},
            {"median", num_or_na(c.median, percentile_of(row.points, 0.5))},
            {"90%ile", num_or_na(c.p90, percentile_of(row.points, 0.9))},
            {"95%ile", num_or_na(c.p95, percentile_of(row.points, 0.95))},
            {"max", num_or_na(c.max, hi)},
            {"avg", num_or_na(c.avg, sum / static_cast<double>(row.points.size()))},
            {"success", c.success}};
  }
  nlohmann::json children = nlohmann::json::array();
  for (const auto& ch : row.children) children.push_back(row_json(ch));
  return {{"data", data},
          {"count_per_iteration", 1},
          {"name", row.name},
          {"display_name", row.display},
          {"children", children}};
}

// strutils.format_float_to_str: "%f", trailing zeros of the fraction dropped (at least one digit kept).
std::string float_to_str(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%f", v);
  std::string s = b;
  auto dot = s.find('.');
  std::string frac = s.substr(dot + 1);
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return s.substr(0, dot) + "." + (frac.empty() ? "0" : frac);
}

struct SlaResult {
  std::string criterion, detail;
  bool success = true;
};

// rally/plugins/task/sla/*.py, fed the iterations in the order they ended.
std::vector<SlaResult> check_sla(const RallySla& c, const std::vector<const RallyIteration*>& its) {
  std::vector<SlaResult> out;
  char b[256];
  auto status = [](bool ok) { return ok ? "Passed" : "Failed"; };
  size_t total = its.size(), errors = 0;
  for (const auto* it : its) errors += !it->error.empty();
  if (c.failure_rate) {
    double rate = total ? 100.0 * static_cast<double>(errors) / static_cast<double>(total) : 0.0;
    bool ok = c.failure_rate->first <= rate && rate <= c.failure_rate->second;
    std::snprintf(b, sizeof b, "Failure rate criteria %.2f%% <= %.2f%% <= %.2f%% - %s", c.failure_rate->first, rate,
                  c.failure_rate->second, status(ok));
    out.push_back({"failure_rate", b, ok});
  }
  if (c.max_seconds_per_iteration) {
    double mx = 0;
    for (const auto* it : its) mx = std::max(mx, it->duration);  // iteration_time.py: every iteration
    bool ok = mx <= *c.max_seconds_per_iteration;
    std::snprintf(b, sizeof b, "Maximum seconds per iteration %.2fs <= %.2fs - %s", mx, *c.max_seconds_per_iteration,
                  status(ok));
    out.push_back({"max_seconds_per_iteration", b, ok});
  }
  if (c.max_avg_duration) {
    double sum = 0;
    int n = 0;
    for (const auto* it : its)
      if (it->error.empty()) sum += it->duration, ++n;  // max_average_duration.py: successful iterations
    double avg = n ? sum / n : 0.0;
    bool ok = avg <= *c.max_avg_duration;
    std::snprintf(b, sizeof b, "Average duration of one iteration %.2fs <= %.2fs - %s", avg, *c.max_avg_duration,
                  status(ok));
    out.push_back({"max_avg_duration", b, ok});
  }
  if (c.outliers) {
    // outliers.py::Outliers.add_iteration: streaming mean and std (Knuth), threshold mean + sigmas*std
    // from the iterations before; an outlier once min_iterations successful ones were seen.
    int iterations = 0, outliers = 0;
    double mean = 0, dev_sum = 0;
    std::optional<double> threshold;
    for (const auto* it : its) {
      if (!it->error.empty()) continue;
      double d = it->duration;
      ++iterations;
      if (iterations >= c.outliers->min_iterations && threshold && d > *threshold) ++outliers;
      double prev = mean;
      mean += (d - mean) / iterations;
      dev_sum += (d - prev) * (d - mean);
      if (iterations >= 2) threshold = mean + c.outliers->sigmas * std::sqrt(dev_sum / (iterations - 1));
    }
    bool ok = outliers <= c.outliers->max;
    std::snprintf(b, sizeof b, "Maximum number of outliers %i <= %i - %s", outliers, c.outliers->max, status(ok));
    out.push_back({"outliers", b, ok});
  }
  return out;
}

std::string fake_uuid(int kind, int n) {
  char b[64];
  std::snprintf(b, sizeof b, "00000000-0000-4000-8000-%04d%08d", kind, n);
  return b;
}

}  // namespace

RallyReport rally_report(const RallyTask& task, const RunResult& r) {
  RallyReport rep;
  std::string o;
  size_t all_iterations = 0, all_failed = 0;
  const char* kTime = "1970-01-01T00:00:00";  // simulated epoch: reports stay byte-identical per seed
  nlohmann::json jsubtasks = nlohmann::json::array();
  std::vector<nlohmann::json> jworkloads(task.workloads.size());

  for (size_t wi = 0; wi < task.workloads.size(); ++wi) {
    const auto& w = task.workloads[wi];
    std::vector<const RallyIteration*> its;
    for (const auto& it : r.rally_iterations)
      if (it.stream == w.stream) its.push_back(&it);  // completion order, as Rally's result queue delivers them
    // MainStatsTable: atomics in first-seen order, then total with its duration / idle_duration children.
    std::vector<Row> atomics;
    Row total{"total", "total", {}, 0, 0, {}};
    Row dur{"duration", " -> duration", {}, 0, 0, {}}, idle{"idle_duration", " -> idle_duration", {}, 0, 0, {}};
    std::vector<const RallyIteration*> by_index = its;
    std::stable_sort(by_index.begin(), by_index.end(),
                     [](const RallyIteration* a, const RallyIteration* b) { return a->index < b->index; });
    double load_start = 0, load_end = 0, min_d = 0, max_d = 0;
    bool first = true, any_ok = false;
    size_t failed = 0;
    for (const auto* it : its) {
      bool err = !it->error.empty();
      failed += err;
      for (const auto& a : it->atomic_actions) {
        auto f = std::find_if(atomics.begin(), atomics.end(), [&](const Row& x) { return x.name == a.name; });
        if (f == atomics.end()) {
          atomics.push_back({a.name, a.name, {}, 0, 0, {}});
          f = atomics.end() - 1;
        }
        add(*f, a.finished_at - a.started_at, a.failed);
      }
      add(total, it->duration + it->idle_duration, err);
      add(dur, it->duration, err);
      add(idle, it->idle_duration, err);
      double end = it->timestamp + it->duration + it->idle_duration;
      if (first || it->timestamp < load_start) load_start = it->timestamp;
      if (first || end > load_end) load_end = end;
      first = false;
      if (!err) {
        if (!any_ok || it->duration < min_d) min_d = it->duration;
        if (!any_ok || it->duration > max_d) max_d = it->duration;
        any_ok = true;
      }
    }
    total.children = {dur, idle};
    all_iterations += its.size();
    all_failed += failed;
    double full_start = load_start, full_end = load_end;
    for (const auto& run : r.rally_workloads)
      if (run.stream == w.stream) full_start = run.started_at, full_end = run.finished_at;
    double load_duration = its.empty() ? 0 : load_end - load_start, full_duration = full_end - full_start;

    // `rally task start` output for the workload (rally/cli/commands/task.py::_detailed).
    o += "\n--------------------------------------------------------------------------------\n\n";
    o += "test scenario " + w.scenario + "\n";
    o += "args position " + std::to_string(w.position) + "\n";
    o += "(bfvsim stream '" + w.stream + "', " + w.where + ")\n";
    for (const auto& note : w.notes) o += "note: " + note + "\n";
    std::vector<std::vector<std::string>> rows;
    auto push = [&](const Row& row) {
      Cells c = cells(row);
      rows.push_back({row.display, c.min, c.median, c.p90, c.p95, c.max, c.avg, c.success, std::to_string(c.count)});
    };
    for (const auto& a : atomics) push(a);
    push(total);
    for (const auto& ch : total.children) push(ch);
    o += reports::ascii_table({"Action", "Min (sec)", "Median (sec)", "90%ile (sec)", "95%ile (sec)", "Max (sec)",
                               "Avg (sec)", "Success", "Count"},
                              rows, {false, "Response Times (sec)"});
    o += "\n";
    // Task errors, at most a few (Rally prints each; the first three are enough to see why).
    size_t shown = 0;
    for (const auto* it : by_index) {
      if (it->error.empty() || shown >= 3) continue;
      if (shown++ == 0) o += "Iterations with errors:\n";
      o += "  iteration " + std::to_string(it->index + 1) + ": " + it->error[0] + ": " + it->error[1] + "\n";
    }
    if (failed > shown) o += "  ... " + std::to_string(failed - shown) + " more failed iteration(s)\n";
    if (shown) o += "\n";
    o += "Load duration: " + float_to_str(load_duration) + "\n";
    o += "Full duration: " + float_to_str(full_duration) + "\n";
    // `rally task sla-check` (rally/cli/commands/task.py::sla_check): benchmark, pos, criterion, status, detail.
    auto sla = check_sla(w.criteria, its);
    bool pass = true;
    std::vector<std::vector<std::string>> srows;
    nlohmann::json jsla = nlohmann::json::array();
    for (const auto& s : sla) {
      pass &= s.success;
      srows.push_back({w.scenario, std::to_string(w.position), s.criterion, s.success ? "PASS" : "FAIL", s.detail});
      jsla.push_back({{"criterion", s.criterion}, {"success", s.success}, {"detail", s.detail}});
    }
    if (!srows.empty()) {
      o += "\nSLA (rally task sla-check):\n";
      o += reports::ascii_table({"benchmark", "pos", "criterion", "status", "detail"}, srows, {false, ""});
    }
    rep.sla_passed &= pass;

    // Rally's JSON report, workload part.
    nlohmann::json data = nlohmann::json::array();
    for (const auto* it : its) {
      nlohmann::json acts = nlohmann::json::array();
      for (const auto& a : it->atomic_actions) {
        nlohmann::json x{{"name", a.name},
                         {"started_at", a.started_at},
                         {"finished_at", a.finished_at},
                         {"children", nlohmann::json::array()}};
        if (a.failed) x["failed"] = true;
        acts.push_back(x);
      }
      data.push_back({{"duration", it->duration},
                      {"timestamp", it->timestamp},
                      {"idle_duration", it->idle_duration},
                      {"error", it->error},
                      {"output", {{"additive", nlohmann::json::array()}, {"complete", nlohmann::json::array()}}},
                      {"atomic_actions", acts}});
    }
    nlohmann::json jat = nlohmann::json::array();
    for (const auto& a : atomics) jat.push_back(row_json(a));
    nlohmann::json jw;
    jw["uuid"] = fake_uuid(3, static_cast<int>(wi));
    jw["description"] = w.description;
    jw["runner"] = {{w.runner_type, w.runner}};
    jw["hooks"] = nlohmann::json::array();
    jw["scenario"] = {{w.scenario, w.args}};
    jw["min_duration"] = any_ok ? nlohmann::json(min_d) : nlohmann::json(nullptr);
    jw["max_duration"] = any_ok ? nlohmann::json(max_d) : nlohmann::json(nullptr);
    jw["start_time"] = its.empty() ? nlohmann::json(nullptr) : nlohmann::json(load_start);
    jw["load_duration"] = load_duration;
    jw["full_duration"] = full_duration;
    jw["statistics"] = {{"durations", {{"atomics", jat}, {"total", row_json(total)}}}};
    jw["data"] = data;
    jw["failed_iteration_count"] = failed;
    jw["total_iteration_count"] = its.size();
    jw["created_at"] = kTime;
    jw["updated_at"] = kTime;
    jw["contexts"] = w.contexts;
    jw["contexts_results"] = nlohmann::json::array();
    jw["position"] = w.position;
    jw["pass_sla"] = pass;
    jw["sla_results"] = {{"sla", jsla}};
    jw["sla"] = w.sla;
    jworkloads[wi] = jw;
  }
  for (size_t si = 0; si < task.subtasks.size(); ++si) {
    const auto& st = task.subtasks[si];
    nlohmann::json ws = nlohmann::json::array();
    for (size_t wi : st.workloads) ws.push_back(jworkloads[wi]);
    jsubtasks.push_back({{"uuid", fake_uuid(2, static_cast<int>(si))},
                         {"title", st.title},
                         {"description", st.description},
                         {"status", "finished"},
                         {"created_at", kTime},
                         {"updated_at", kTime},
                         {"sla", nlohmann::json::object()},
                         {"workloads", ws}});
  }
  rep.failure_rate = all_iterations ? 100.0 * static_cast<double>(all_failed) / static_cast<double>(all_iterations) : 0;
  if (!rep.sla_passed) o += "\nAt least one workload did not pass SLA criteria.\n";
  rep.text = o;
  rep.json = {
      {"info",
       {{"rally_version", std::string("bfvsim ") + r.version}, {"generated_at", kTime}, {"format_version", "1.2"}}},
      {"tasks", nlohmann::json::array({{{"uuid", fake_uuid(1, 0)},
                                        {"title", task.title},
                                        {"description", task.description},
                                        {"status", "finished"},
                                        {"tags", task.tags},
                                        {"env_uuid", "n/a"},
                                        {"env_name", "bfvsim: " + r.scenario},
                                        {"created_at", kTime},
                                        {"updated_at", kTime},
                                        {"pass_sla", rep.sla_passed},
                                        {"subtasks", jsubtasks}}})}};
  return rep;
}

}  // namespace bfv

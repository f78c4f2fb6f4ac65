#include "sim/runtime/rally_report.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "sim/runtime/expectations.hpp"
#include "sim/runtime/workload.hpp"

namespace bfv {
namespace {

struct Row {
  std::string action;
  std::vector<double> ok;  // durations of successful runs
  int ran = 0;             // iterations counted for this row
};

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

}  // namespace

RallyReport rally_report(const RallyTask& task, const RunResult& r) {
  Row vol{"cinder_v3.create_volume", {}, 0}, boot{"nova.boot_server", {}, 0}, del{"nova.delete_server", {}, 0},
      total{"total", {}, 0};
  bool volumes = false;
  int iterations = 0, failed = 0;
  std::vector<RallyIteration> its;
  double load_start = -1, load_end = 0;
  if (task.cinder_only) {
    vol.action = "cinder_v3.create_volume";
    del.action = "cinder_v3.delete_volume";
  }
  for (const auto& q : r.requests) {
    if (q.stream != task.stream || q.kind != (task.cinder_only ? "volume_create" : "server_create")) continue;
    if (task.cinder_only) {
      // durations are already as Rally's polls saw them (sim/runtime/workload.cpp::iteration)
      ++iterations;
      ++total.ran;
      ++vol.ran;
      volumes = true;
      if (load_start < 0 || q.t_submit < load_start) load_start = q.t_submit;
      if (!q.rally_volume_s) { ++failed; continue; }
      vol.ok.push_back(*q.rally_volume_s);
      double it = *q.rally_volume_s, end = q.t_submit + it;
      if (task.deletes) {
        ++del.ran;
        if (!q.t_deleted || !q.t_delete_requested) { ++failed; continue; }
        double d = *q.t_deleted - *q.t_delete_requested;
        del.ok.push_back(d);
        end = *q.t_deleted;
        it = end - q.t_submit;
      }
      total.ok.push_back(it);
      load_end = std::max(load_end, end);
      {
        RallyIteration ri{q.t_submit, it, {{vol.action, {q.t_submit, q.t_submit + *q.rally_volume_s}}}, ""};
        if (task.deletes) ri.atomic.push_back({del.action, {*q.t_delete_requested, *q.t_deleted}});
        its.push_back(std::move(ri));
      }
      continue;
    }
    ++iterations;
    double started = q.t_submit - q.rally_volume_s.value_or(0.0);
    if (load_start < 0 || started < load_start) load_start = started;
    ++total.ran;
    double vol_s = 0;
    if (q.rally_volume_s || (q.final_status == "ERROR" && q.fault && q.fault->find("Volume") != std::string::npos && q.api_status == 0)) {
      volumes = true;
      ++vol.ran;
      if (!q.rally_volume_s) {
        ++failed;
        continue;
      }
      vol_s = *q.rally_volume_s;
      vol.ok.push_back(vol_s);
    }
    ++boot.ran;
    std::optional<double> b;
    if (q.t_active && (q.final_status == "ACTIVE" || q.final_status == "DELETED")) {
      double d = rally_poll_time(q.t_submit, *q.t_active, kRallyBootPrepoll, kRallyPollInterval) - q.t_submit;
      if (d <= kRallyBootTimeout) b = d;
    }
    if (!b) {
      ++failed;
      continue;
    }
    boot.ok.push_back(*b);
    double end = q.t_submit + *b, it = vol_s + *b;
    if (task.deletes) {
      ++del.ran;
      if (!q.t_deleted || !q.t_delete_requested) {
        ++failed;
        continue;
      }
      double d = rally_poll_time(*q.t_delete_requested, *q.t_deleted, kRallyDeletePrepoll, kRallyPollInterval) - *q.t_delete_requested;
      if (d > kRallyDeleteTimeout) {
        ++failed;
        continue;
      }
      del.ok.push_back(d);
      end = *q.t_delete_requested + d;
      it = vol_s + (end - q.t_submit);  // volume + boot + sleep + delete
    }
    total.ok.push_back(it);
    load_end = std::max(load_end, end);
    RallyIteration ri{started, it, {}, ""};
    if (q.rally_volume_s) ri.atomic.push_back({vol.action, {started, started + vol_s}});
    ri.atomic.push_back({boot.action, {q.t_submit, q.t_submit + *b}});
    if (task.deletes) ri.atomic.push_back({del.action, {*q.t_delete_requested, end}});
    its.push_back(std::move(ri));
  }
  std::vector<Row*> rows;
  if (volumes) rows.push_back(&vol);
  if (!task.cinder_only) rows.push_back(&boot);
  if (task.deletes) rows.push_back(&del);
  rows.push_back(&total);

  RallyReport rep;
  std::string o;
  char line[256];
  o += "\nRally task: " + task.scenario + " (stream '" + task.stream + "'; durations as Rally's client polls see them)\n";
  const char* sep = "+-------------------------+-----------+--------------+--------------+--------------+-----------+-----------+---------+-------+\n";
  o += sep;
  o += "|                                                    Response Times (sec)                                                    |\n";
  o += sep;
  o += "| Action                  | Min (sec) | Median (sec) | 90%ile (sec) | 95%ile (sec) | Max (sec) | Avg (sec) | Success | Count |\n";
  o += sep;
  for (const Row* row : rows) {
    std::string mn = "n/a", md = "n/a", p90 = "n/a", p95 = "n/a", mx = "n/a", avg = "n/a";
    if (!row->ok.empty()) {
      double lo = row->ok[0], hi = row->ok[0], sum = 0;
      for (double v : row->ok) lo = std::min(lo, v), hi = std::max(hi, v), sum += v;
      mn = fmt(lo), mx = fmt(hi), avg = fmt(sum / static_cast<double>(row->ok.size()));
      md = fmt(rally_percentile(row->ok, 0.5)), p90 = fmt(rally_percentile(row->ok, 0.9)), p95 = fmt(rally_percentile(row->ok, 0.95));
    }
    char succ[16];
    std::snprintf(succ, sizeof succ, "%.1f%%", iterations ? 100.0 * static_cast<double>(row->ok.size()) / iterations : 0.0);
    std::snprintf(line, sizeof line, "| %-23s | %9s | %12s | %12s | %12s | %9s | %9s | %7s | %5d |\n", row->action.c_str(), mn.c_str(),
                  md.c_str(), p90.c_str(), p95.c_str(), mx.c_str(), avg.c_str(), succ, iterations);
    o += line;
  }
  o += sep;
  if (iterations > 0) {
    std::snprintf(line, sizeof line, "Load duration: %.3f s\n", load_end - load_start);
    o += line;
  }
  rep.failure_rate = iterations ? 100.0 * failed / iterations : 0;
  rep.sla_passed = rep.failure_rate >= task.sla_failure_rate_min && rep.failure_rate <= task.sla_failure_rate_max;
  std::snprintf(line, sizeof line, "SLA failure_rate: Failure rate criteria %.2f%% <= %.2f%% <= %.2f%% - %s\n", task.sla_failure_rate_min,
                rep.failure_rate, task.sla_failure_rate_max, rep.sla_passed ? "Passed" : "Failed");
  o += line;
  rep.text = o;
  rep.iterations = std::move(its);
  rep.failed = failed;
  return rep;
}

}  // namespace bfv

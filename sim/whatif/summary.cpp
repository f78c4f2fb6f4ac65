#include "sim/whatif/summary.hpp"

#include <algorithm>
#include <fstream>
#include <numeric>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "reports/analysis.hpp"

namespace bfv::whatif {

int RunSummary::count(const std::string& status) const {
  for (const auto& [s, c] : counts)
    if (s == status) return c;
  return 0;
}

std::vector<std::pair<std::string, double>> RunSummary::metrics() const {
  std::vector<std::pair<std::string, double>> m;
  m.emplace_back("requests", requests);
  for (const auto& [s, c] : counts) m.emplace_back("count_" + s, c);
  auto put = [&](const char* name, const std::optional<double>& v) {
    if (v) m.emplace_back(name, *v);
  };
  put("boot_p50", boot_p50);
  put("boot_p95", boot_p95);
  put("boot_p99", boot_p99);
  put("boot_max", boot_max);
  put("boot_mean", boot_mean);
  m.emplace_back("makespan", makespan);
  m.emplace_back("sim_end", sim_end);
  for (const auto& p : phases) {
    if (p.median) m.emplace_back("phase_" + p.name + "_median", *p.median);
    if (p.p95) m.emplace_back("phase_" + p.name + "_p95", *p.p95);
  }
  if (!top_bottleneck.empty()) m.emplace_back("top_share", top_share);
  return m;
}

RunSummary read_run(const std::string& dir) {
  std::string path = dir + "/report.json";
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open (is " + dir + " a `bfvsim run --out` directory?)");
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
  RunSummary r;
  r.dir = dir;
  try {
    r.scenario = j.at("scenario").get<std::string>();
    r.seed = j.at("seed").get<unsigned long long>();
    r.makespan = j.at("makespan").get<double>();
    r.sim_end = j.at("sim_end").get<double>();
    for (auto it = j.at("counts").begin(); it != j.at("counts").end(); ++it)
      r.counts.emplace_back(it.key(), it.value().get<int>());
    for (const auto& f : j.at("faults"))
      r.faults.emplace_back(f.at("reason").get<std::string>(), f.at("count").get<int>());
    for (const auto& p : j.at("phase_stats")) {
      PhaseSummary ps;
      ps.name = p.at("name").get<std::string>();
      if (!p.at("median").is_null()) ps.median = p.at("median").get<double>();
      if (!p.at("p95").is_null()) ps.p95 = p.at("p95").get<double>();
      r.phases.push_back(ps);
    }
    const auto& reqs = j.at("requests");
    r.requests = static_cast<int>(reqs.size());
    for (const auto& q : reqs)
      if (q.at("kind") == "server_create" && !q.at("t_active").is_null())
        r.boot.push_back(q.at("t_active").get<double>() - q.at("t_submit").get<double>());
    std::sort(r.boot.begin(), r.boot.end());
    if (!r.boot.empty()) {
      r.boot_p50 = reports::percentile(r.boot, 0.50);
      r.boot_p95 = reports::percentile(r.boot, 0.95);
      r.boot_p99 = reports::percentile(r.boot, 0.99);
      r.boot_max = r.boot.back();
      r.boot_mean = std::accumulate(r.boot.begin(), r.boot.end(), 0.0) / static_cast<double>(r.boot.size());
    }
    for (const auto& a : j.at("critical_path").at("tail")) {
      double share = a.at("share").get<double>();
      if (r.top_bottleneck.empty() || share > r.top_share) {
        r.top_share = share;
        r.top_bottleneck = a.at("category").get<std::string>();
      }
    }
    if (j.contains("overrides"))
      for (const auto& o : j.at("overrides"))
        r.overrides.emplace_back(o.at("path").get<std::string>(), o.at("value").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": not a bfvsim report.json (" + e.what() + ")");
  }
  return r;
}

}  // namespace bfv::whatif

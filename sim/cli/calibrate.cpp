// bfvsim calibrate: fit free per-operation constants of a cloud to Rally results.
//
// Each evaluation simulates the task on the cloud with the candidate constants written into its
// config: block, in a forked child (a SimGrid engine lives once per process), and compares Rally's
// atomic-action statistics: the loss is the sum over actions of squared log ratios of the median
// (weight 1), the mean (weight 1: Rally's durations end on its 2 s poll grid, so the median of a few
// dozen iterations moves in steps while the mean moves smoothly) and the 95th percentile (0.25).
// The search runs in log space inside [LO, HI] with one of NLopt's local derivative-free methods
// (BOBYQA by default); nothing here is a hand-written optimiser.
#include "sim/cli/calibrate.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <nlopt.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "sim/runtime/expectations.hpp"
#include "reports/rally_report.hpp"
#include "sim/runtime/run.hpp"
#include "sim/scenario/rally_task.hpp"
#include "sim/scenario/scenario.hpp"

namespace bfv::cli {
namespace {

using Durations = std::map<std::string, std::vector<double>>;

struct Stats {
  double median = 0, p95 = 0, mean = 0;
  size_t n = 0;
};
Stats stats(const std::vector<double>& v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  s.median = percentile_of(v, 0.5);
  s.p95 = percentile_of(v, 0.95);
  double sum = 0;
  for (double x : v) sum += x;
  s.mean = sum / static_cast<double>(v.size());
  return s;
}

void add_atomic(const nlohmann::json& acts, Durations& out) {
  if (acts.is_array()) {
    for (const auto& a : acts)
      if (a.contains("name") && a.contains("started_at") && a.contains("finished_at") && !a["finished_at"].is_null())
        out[a["name"].get<std::string>()].push_back(a["finished_at"].get<double>() - a["started_at"].get<double>());
  } else if (acts.is_object()) {  // `rally task results` (old form): {name: seconds}
    for (const auto& [k, v] : acts.items())
      if (v.is_number()) out[k].push_back(v.get<double>());
  }
}

void add_iterations(const nlohmann::json& data, Durations& out) {
  for (const auto& it : data) {
    if (it.contains("error") && !it["error"].empty()) continue;  // Rally's table counts successful iterations
    if (it.contains("atomic_actions")) add_atomic(it["atomic_actions"], out);
  }
}

// `rally task report --json` (format_version 1.x): every workload of every subtask of every task.
void add_report(const nlohmann::json& j, Durations& d) {
  for (const auto& t : j["tasks"])
    for (const auto& st : t.value("subtasks", nlohmann::json::array()))
      for (const auto& w : st.value("workloads", nlohmann::json::array()))
        add_iterations(w.value("data", nlohmann::json::array()), d);
}

// Atomic-action durations of every successful iteration in a Rally JSON report.
Durations read_rally_results(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read --rally-results file '" + path + "'");
  nlohmann::json j;
  try {
    in >> j;
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": not JSON: " + e.what());
  }
  Durations d;
  if (j.is_object() && j.contains("tasks")) {  // rally task report --json (format_version 1.x)
    add_report(j, d);
  } else if (j.is_array()) {  // rally task results: [{"result": [...]}]
    for (const auto& e : j) add_iterations(e.value("result", nlohmann::json::array()), d);
  } else {
    throw std::runtime_error(
        path +
        ": neither `rally task report --json` output (an object with \"tasks\") nor `rally task results` (a list)");
  }
  if (d.empty()) throw std::runtime_error(path + ": no successful iteration with atomic actions");
  return d;
}

// Rally 0.x named Cinder's atomic actions "cinder.create_volume"; rally-openstack names them after the
// API version ("cinder_v2.create_volume", "cinder_v3.…"). Both sides are compared under the old name.
std::string canonical_action(const std::string& name) {
  if (name.rfind("cinder_v", 0) == 0) {
    auto dot = name.find('.');
    if (dot != std::string::npos) return "cinder" + name.substr(dot);
  }
  return name;
}

std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cur;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      size_t a = cur.find_first_not_of(' '), b = cur.find_last_not_of(' ');
      cells.push_back(a == std::string::npos ? "" : cur.substr(a, b - a + 1));
      cur.clear();
    } else {
      cur += line[i];
    }
  }
  return cells;
}

// The "Response Times (sec)" table `rally task start` prints (and reports copy): per atomic action
// its median, 95th percentile and average, read by the column names of its header row. Rows of
// "total" and its "-> duration" children are not atomic actions and are skipped.
std::map<std::string, Stats> read_rally_table(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read --rally-table file '" + path + "'");
  std::map<std::string, Stats> out;
  int c_action = -1, c_median = -1, c_p95 = -1, c_avg = -1, c_count = -1;
  int lineno = 0;
  for (std::string line; std::getline(in, line);) {
    ++lineno;
    size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos || line[first] != '|') continue;
    auto cells = table_cells(line.substr(first));
    auto col = [&](const char* prefix) {
      for (size_t i = 0; i < cells.size(); ++i)
        if (cells[i].rfind(prefix, 0) == 0) return static_cast<int>(i);
      return -1;
    };
    if (col("Action") == 0 && col("Median") > 0) {
      c_action = 0, c_median = col("Median"), c_p95 = col("95%ile"), c_avg = col("Avg"), c_count = col("Count");
      if (c_p95 < 0 || c_avg < 0)
        throw std::runtime_error(path + ":" + std::to_string(lineno) +
                                 ": the header row needs Median, 95%ile and Avg columns");
      continue;
    }
    if (c_action < 0 || static_cast<int>(cells.size()) <= std::max({c_median, c_p95, c_avg})) continue;
    const std::string& name = cells[static_cast<size_t>(c_action)];
    if (name.empty() || name == "total" || name.rfind("->", 0) == 0) continue;
    Stats s;
    try {
      s.median = std::stod(cells[static_cast<size_t>(c_median)]);
      s.p95 = std::stod(cells[static_cast<size_t>(c_p95)]);
      s.mean = std::stod(cells[static_cast<size_t>(c_avg)]);
      if (c_count >= 0 && static_cast<size_t>(c_count) < cells.size())
        s.n = std::stoul(cells[static_cast<size_t>(c_count)]);
    } catch (const std::exception&) {
      throw std::runtime_error(path + ":" + std::to_string(lineno) + ": row '" + name +
                               "' has a cell that is not a number");
    }
    out[canonical_action(name)] = s;
  }
  if (out.empty())
    throw std::runtime_error(
        path + ": no Rally \"Response Times\" table (a header row | Action | Min (sec) | Median (sec) | …)");
  return out;
}

struct Free {
  std::string name;                             // as given
  std::vector<std::vector<std::string>> paths;  // under config: one, or several tied ("A+B=LO:HI")
  double lo = 0, hi = 0;
  bool seconds = false;  // the option takes a time with a unit ("0.03s")
};

Free parse_free(const std::string& arg) {
  Free f;
  auto eq = arg.find('='), colon = arg.find(':', eq == std::string::npos ? 0 : eq);
  if (eq == std::string::npos || colon == std::string::npos)
    throw std::runtime_error("--free '" + arg + "': expected NAME=LO:HI, e.g. cinder.timing.api_service_time=0.01:0.2");
  f.name = arg.substr(0, eq);
  // NAME or NAME+NAME+...: tied options take one value (the same physical cost seen by two services).
  std::stringstream names(f.name);
  for (std::string one; std::getline(names, one, '+');) {
    std::vector<std::string> path;
    std::stringstream ss(one);
    for (std::string part; std::getline(ss, part, '.');) path.push_back(part);
    if (path.size() < 2 || path.size() > 3 || std::find(path.begin(), path.end(), "") != path.end())
      throw std::runtime_error("--free '" + arg +
                               "': NAME is service.group.option (or infra.option), e.g. nova.timing.api_service_time,"
                               " or several joined by '+' to tie them to one value");
    f.paths.push_back(path);
  }
  if (f.paths.empty() || f.name.back() == '+')
    throw std::runtime_error("--free '" + arg + "': expected NAME=LO:HI, e.g. cinder.timing.api_service_time=0.01:0.2");
  try {
    f.lo = std::stod(arg.substr(eq + 1, colon - eq - 1));
    f.hi = std::stod(arg.substr(colon + 1));
  } catch (const std::exception&) {
    throw std::runtime_error("--free '" + arg + "': LO and HI must be numbers");
  }
  if (!(f.lo > 0) || !(f.hi > f.lo))
    throw std::runtime_error("--free '" + arg + "': need 0 < LO < HI (the search runs in log space)");
  return f;
}

std::string fmt_value(double v, bool seconds) {
  char b[64];
  std::snprintf(b, sizeof b, seconds ? "%.6gs" : "%.6g", v);
  return b;
}

void set_path(YAML::Node node, const std::vector<std::string>& path, size_t i, const std::string& value) {
  if (i + 1 == path.size()) {
    node[path[i]] = value;
    return;
  }
  set_path(node[path[i]], path, i + 1, value);
}

std::string with_overrides(const std::string& text, const std::vector<Free>& fr, const std::vector<double>& x) {
  YAML::Node root = YAML::Load(text);
  for (size_t i = 0; i < fr.size(); ++i)
    for (const auto& path : fr[i].paths) set_path(root["config"], path, 0, fmt_value(x[i], fr[i].seconds));
  YAML::Emitter e;
  e << root;
  return std::string(e.c_str()) + "\n";
}

// Simulates the task on the cloud text in a forked child; the child sends its atomic durations back.
Durations simulate(const std::string& cloud_text, const std::string& display, const std::string& task) {
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(fd[0]);
    std::string msg;
    int rc = 0;
    try {
      Scenario s = load_scenario_text(cloud_text, display);
      RallyTask t = apply_rally_task(task, s);
      RunOptions opt;
      opt.progress = false;
      RunResult r = run_scenario(s, opt);
      RallyReport rep = rally_report(t, r);
      // The same reading as the user's results: bfvsim's JSON is `rally task report --json`'s.
      Durations sim;
      add_report(rep.json, sim);
      msg = nlohmann::json(sim).dump();
    } catch (const std::exception& e) {
      msg = std::string("ERROR ") + e.what();
      rc = 2;
    }
    size_t off = 0;
    while (off < msg.size()) {
      ssize_t w = write(fd[1], msg.data() + off, msg.size() - off);
      if (w <= 0) break;
      off += static_cast<size_t>(w);
    }
    close(fd[1]);
    _exit(rc);
  }
  close(fd[1]);
  std::string buf;
  char chunk[65536];
  for (ssize_t n; (n = read(fd[0], chunk, sizeof chunk)) > 0;) buf.append(chunk, static_cast<size_t>(n));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(buf.rfind("ERROR ", 0) == 0 ? buf.substr(6) : "the simulation of an evaluation failed");
  Durations d;
  const auto j = nlohmann::json::parse(buf);  // kept: items() refers to it
  for (const auto& [k, v] : j.items()) {
    auto& dst = d[canonical_action(k)];
    for (double x : v.get<std::vector<double>>()) dst.push_back(x);
  }
  return d;
}

double loss(const std::map<std::string, Stats>& measured, const Durations& sim) {
  double l = 0;
  for (const auto& [action, m] : measured) {
    auto it = sim.find(action);
    if (it == sim.end() || it->second.empty()) {
      l += 100;  // the action never succeeded in the simulation
      continue;
    }
    Stats s = stats(it->second);
    auto term = [](double a, double b) { return a > 0 && b > 0 ? std::pow(std::log(a / b), 2) : 100.0; };
    l += term(s.median, m.median) + term(s.mean, m.mean) + 0.25 * term(s.p95, m.p95);
  }
  return l;
}

struct Search {
  const std::map<std::string, Stats>* measured;
  const std::vector<Free>* free;
  std::string text, display, task;
  int evals = 0;
  double best = 1e300;
  std::vector<double> best_x;
};

double objective(const std::vector<double>& y, std::vector<double>& /*grad*/, void* data) {
  auto& s = *static_cast<Search*>(data);
  std::vector<double> x;
  for (double v : y) x.push_back(std::exp(v));
  ++s.evals;
  double l;
  try {
    l = loss(*s.measured, simulate(with_overrides(s.text, *s.free, x), s.display, s.task));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "calibrate: evaluation %d failed: %s\n", s.evals, e.what());
    l = 1e6;
  }
  std::fprintf(stderr, "calibrate: eval %3d loss %.5f", s.evals, l);
  for (size_t i = 0; i < x.size(); ++i) std::fprintf(stderr, "  %s=%.6g", (*s.free)[i].name.c_str(), x[i]);
  std::fprintf(stderr, "\n");
  if (l < s.best) {
    s.best = l;
    s.best_x = x;
  }
  return l;
}

}  // namespace

int cmd_calibrate(const CalibrateOptions& o) {
  if (o.free.empty()) throw std::runtime_error("calibrate: name at least one --free NAME=LO:HI");
  if (o.rally_results.empty() == o.rally_table.empty())
    throw std::runtime_error(
        "calibrate: give the measurements once, as --rally-results RESULTS.json or --rally-table TABLE.txt");
  std::map<std::string, Stats> measured;
  if (!o.rally_table.empty()) {
    measured = read_rally_table(o.rally_table);
  } else {
    Durations measured_d;
    for (const auto& [k, v] : read_rally_results(o.rally_results))
      for (double x : v) measured_d[canonical_action(k)].push_back(x);
    for (const auto& [k, v] : measured_d) measured[k] = stats(v);
  }
  std::ifstream in(o.cloud);
  if (!in) throw std::runtime_error("cannot read --cloud file '" + o.cloud + "'");
  std::stringstream ss;
  ss << in.rdbuf();
  Search s;
  s.measured = &measured;
  s.text = ss.str();
  s.display = o.cloud;
  s.task = o.task;
  std::vector<Free> fr;
  for (const auto& a : o.free) fr.push_back(parse_free(a));
  // Each name must be an option the loader knows; find whether it takes a unit (times do).
  for (auto& f : fr) {
    std::vector<Free> one{f};
    double mid = std::sqrt(f.lo * f.hi);
    try {
      load_scenario_text(with_overrides(s.text, one, {mid}), o.cloud);
    } catch (const std::exception& e) {
      one[0].seconds = true;
      try {
        load_scenario_text(with_overrides(s.text, one, {mid}), o.cloud);
        f.seconds = true;
      } catch (const std::exception&) {
        throw std::runtime_error("--free " + f.name + ": " + e.what());
      }
    }
  }
  s.free = &fr;
  std::vector<double> y, lo, hi, step;
  for (const auto& f : fr) {
    lo.push_back(std::log(f.lo));
    hi.push_back(std::log(f.hi));
    y.push_back(0.5 * (lo.back() + hi.back()));
    step.push_back((hi.back() - lo.back()) / 4);
  }
  // Local methods start from the geometric middle of the bounds; CRS2-LM (controlled random search
  // with local mutation, NLopt's GN_CRS2_LM) searches the whole box, which Rally's 2 s poll grid
  // (medians move in steps) sometimes needs. Its random population is seeded from the cloud's seed.
  nlopt::algorithm alg = o.algorithm == "neldermead" ? nlopt::LN_NELDERMEAD
                         : o.algorithm == "sbplx"    ? nlopt::LN_SBPLX
                         : o.algorithm == "bobyqa"   ? nlopt::LN_BOBYQA
                         : o.algorithm == "crs2"
                             ? nlopt::GN_CRS2_LM
                             : throw std::runtime_error("--algorithm must be bobyqa, neldermead, sbplx or crs2");
  if (alg == nlopt::GN_CRS2_LM) nlopt::srand(42);
  if (alg == nlopt::LN_BOBYQA && fr.size() < 2) alg = nlopt::LN_NELDERMEAD;  // BOBYQA's quadratic model needs n >= 2
  nlopt::opt opt(alg, static_cast<unsigned>(fr.size()));
  opt.set_lower_bounds(lo);
  opt.set_upper_bounds(hi);
  opt.set_initial_step(step);
  opt.set_min_objective(objective, &s);
  opt.set_xtol_abs(o.tolerance);
  opt.set_maxeval(o.max_evals);
  double minf = 0;
  try {
    opt.optimize(y, minf);
  } catch (const nlopt::roundoff_limited&) {
  } catch (const nlopt::forced_stop&) {
  }
  if (s.best_x.empty()) throw std::runtime_error("calibrate: no evaluation succeeded");
  Durations fitted = simulate(with_overrides(s.text, fr, s.best_x), s.display, s.task);

  // The calibrated config block.
  YAML::Node block;
  for (size_t i = 0; i < fr.size(); ++i)
    for (const auto& path : fr[i].paths) set_path(block["config"], path, 0, fmt_value(s.best_x[i], fr[i].seconds));
  YAML::Emitter e;
  e << block;
  std::string alg_name = alg == nlopt::LN_BOBYQA    ? "NLOPT_LN_BOBYQA"
                         : alg == nlopt::LN_SBPLX   ? "NLOPT_LN_SBPLX"
                         : alg == nlopt::GN_CRS2_LM ? "NLOPT_GN_CRS2_LM"
                                                    : "NLOPT_LN_NELDERMEAD";
  std::string cfg = std::string("# bfvsim calibrate: ") + std::to_string(s.evals) + " evaluations (" + alg_name +
                    "), loss " + std::to_string(s.best) + "\n" + e.c_str() + "\n";
  std::fputs(cfg.c_str(), stdout);
  if (!o.out.empty()) {
    std::ofstream out(o.out);
    if (!out) throw std::runtime_error("cannot write --out file '" + o.out + "'");
    out << cfg;
  }
  // Residuals: action x statistic.
  std::printf("\n%-26s %-7s %10s %10s %7s\n", "action", "stat", "measured", "fitted", "ratio");
  for (const auto& [action, m] : measured) {
    Stats f = stats(fitted[action]);
    for (auto [label, mv, fv] : {std::tuple{"median", m.median, f.median}, std::tuple{"p95", m.p95, f.p95},
                                 std::tuple{"mean", m.mean, f.mean}})
      std::printf("%-26s %-7s %10.3f %10.3f %7.3f\n", action.c_str(), label, mv, fv, mv > 0 ? fv / mv : 0.0);
  }
  return 0;
}

}  // namespace bfv::cli

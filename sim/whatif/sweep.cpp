#include "sim/whatif/sweep.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "reports/svg_chart.hpp"
#include "reports/writers.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_node.hpp"
#include "core/units.hpp"

namespace fs = std::filesystem;

namespace bfv::whatif {

double t975(int df) {
  static const double t[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                             2.201, 2.179,  2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
                             2.074, 2.069,  2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  return df <= 30 ? t[df] : 1.96;
}

bool Criterion::holds(const RunSummary& r, std::string* why) const {
  auto no = [&](const std::string& w) {
    if (why) *why = w;
    return false;
  };
  if (no_error && r.count("ERROR") > 0) return no(fmt::format("{} ERROR", r.count("ERROR")));
  if (no_rejected && r.count("REJECTED") > 0) return no(fmt::format("{} REJECTED", r.count("REJECTED")));
  if (all_active && r.count("ACTIVE") != r.requests)
    return no(fmt::format("{} of {} ACTIVE", r.count("ACTIVE"), r.requests));
  auto m = r.metrics();
  for (const auto& entry : below) {
    const auto& name = entry.first;  // not a structured binding: the lambda captures it (clang 14, C++17)
    const auto& limit = entry.second;
    auto it = std::find_if(m.begin(), m.end(), [&](const auto& p) { return p.first == name; });
    if (it == m.end()) return no(name + " undefined (nothing booted?)");
    if (!(it->second < limit)) return no(fmt::format("{} = {:.3f} >= {}", name, it->second, limit));
  }
  return true;
}

namespace {

std::string num_text(double v) { return fmt::format("{:.12g}", v); }

std::string scalar_text(const scn::Node& n) {
  if (n.is_scalar()) return n.str();
  YAML::Emitter e;
  e << YAML::Flow << n.raw();
  return e.c_str();
}

std::vector<std::string> values_of(const scn::Node& p) {
  p.allow_keys({"path", "values", "range"});
  if (p.has("values") == p.has("range"))
    p.fail("a parameter needs exactly one of 'values' (a list) or 'range' ({from, to, step})");
  std::vector<std::string> out;
  if (auto v = p.opt("values")) {
    for (const auto& x : v->items()) out.push_back(scalar_text(x));
    if (out.empty()) v->fail("an empty list of values");
  } else {
    auto r = p.req("range");
    r.allow_keys({"from", "to", "step"});
    double from = r.req("from").number(), to = r.req("to").number(), step = r.req("step").number();
    if (step <= 0) r.req("step").fail("step must be positive");
    if (to < from) r.req("to").fail("'to' must not be below 'from'");
    double n = std::floor((to - from) / step + 1e-9);
    if (n > 100000) r.fail("more than 100,000 values");
    for (long k = 0; k <= static_cast<long>(n); ++k) out.push_back(num_text(from + static_cast<double>(k) * step));
  }
  return out;
}

std::string sh_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Point {
  std::vector<std::pair<std::string, std::string>> sets;     // path -> value
  std::vector<std::pair<std::string, std::string>> columns;  // CSV column -> value
  std::vector<std::pair<std::string, std::string>> shown;    // console column -> value (a labelled zip: its label only)
};

struct Run {
  std::string id, dir;
  std::size_t point = 0;
  int replica = 0;
  uint64_t seed = 0;
  std::vector<std::pair<std::string, std::string>> sets;  // this run's --set (after the spec's)
  std::vector<std::pair<std::string, std::string>> columns;
  std::optional<RunSummary> result;
};

std::vector<Point> grid(const SweepSpec& spec) {
  std::vector<Point> pts(1);
  for (const auto& d : spec.dims) {
    std::vector<Point> next;
    for (const auto& p : pts)
      for (std::size_t i = 0; i < d.size(); ++i) {
        Point q = p;
        if (!d.name.empty()) q.columns.emplace_back(d.name, d.labels[i]), q.shown.emplace_back(d.name, d.labels[i]);
        for (const auto& par : d.params) {
          q.sets.emplace_back(par.path, par.values[i]);
          q.columns.emplace_back(par.path, par.values[i]);
          if (d.name.empty()) q.shown.emplace_back(par.path, par.values[i]);
        }
        next.push_back(std::move(q));
      }
    pts = std::move(next);
  }
  return pts;
}

std::vector<std::string> argv_of(const SweepSpec& spec, const SweepOptions& opt, const Run& r) {
  std::vector<std::string> a{opt.bfvsim, "run", spec.base, "--quiet", "--seed", std::to_string(r.seed), "--out", r.dir};
  for (const auto& [svc, f] : spec.confs) {
    a.push_back("--" + svc + "-conf");
    a.push_back(f);
  }
  for (const auto& [p, v] : spec.sets) a.push_back("--set"), a.push_back(p + "=" + v);
  for (const auto& [p, v] : r.sets) a.push_back("--set"), a.push_back(p + "=" + v);
  return a;
}

// `bfvsim run` exits 0, or 1 when the scenario's own expect: fails: both are finished runs.
std::string shell_line(const std::vector<std::string>& argv, const std::string& dir) {
  std::string line;
  for (const auto& a : argv) {
    if (!line.empty()) line += ' ';
    line += sh_quote(a);
  }
  line += " > ";
  line += sh_quote(dir + "/bfvsim.log");
  line += " 2>&1 || [ $? -eq 1 ]";
  return line;
}

std::string log_tail(const std::string& dir) {
  std::ifstream in(dir + "/bfvsim.log");
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  return last;
}

void run_local(const SweepSpec& spec, const SweepOptions& opt, std::vector<Run*>& runs) {
  std::map<pid_t, Run*> running;
  std::size_t next = 0, done = 0;
  std::vector<std::string> failed;
  auto reap = [&] {
    int st = 0;
    pid_t pid = waitpid(-1, &st, 0);
    if (pid < 0) throw std::runtime_error("waitpid failed");
    auto it = running.find(pid);
    if (it == running.end()) return;
    int rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (rc > 1)
      failed.push_back(fmt::format("run {} exited {}: {} (log: {}/bfvsim.log)", it->second->id, rc,
                                   log_tail(it->second->dir), it->second->dir));
    running.erase(it);
    ++done;
    if (isatty(2)) std::fprintf(stderr, "\rsweep: %zu/%zu runs done", done, runs.size());
  };
  while (next < runs.size() || !running.empty()) {
    while (next < runs.size() && static_cast<int>(running.size()) < std::max(1, opt.jobs)) {
      Run* r = runs[next++];
      auto args = argv_of(spec, opt, *r);
      std::vector<char*> cargs;
      for (auto& a : args) cargs.push_back(a.data());
      cargs.push_back(nullptr);
      std::string log = r->dir + "/bfvsim.log";
      pid_t pid = fork();
      if (pid < 0) throw std::runtime_error("fork failed");
      if (pid == 0) {
        int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd >= 0) {
          dup2(fd, 1);
          dup2(fd, 2);
        }
        execv(cargs[0], cargs.data());
        _exit(127);
      }
      running[pid] = r;
    }
    reap();
  }
  if (isatty(2)) std::fputs("\n", stderr);
  if (!failed.empty())
    throw std::runtime_error(failed.front() +
                             (failed.size() > 1 ? fmt::format(" (and {} more)", failed.size() - 1) : ""));
}

int shell(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) throw std::runtime_error("cannot run: " + cmd);
  char buf[4096];
  std::string text;
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int st = pclose(p);
  if (out) *out = text;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

std::string write_commands(const SweepSpec& spec, const SweepOptions& opt, const std::vector<Run*>& runs,
                           const std::string& batch) {
  std::string file = opt.out + "/" + batch + ".commands";
  std::ofstream f(file);
  for (const auto* r : runs) f << shell_line(argv_of(spec, opt, *r), r->dir) << "\n";
  if (!f) throw std::runtime_error("cannot write " + file);
  return file;
}

// GNU parallel runs each line of the commands file (locally, or on the --sshloginfile hosts, which
// must see the same paths: a shared filesystem).
void run_parallel(const SweepSpec& spec, const SweepOptions& opt, std::vector<Run*>& runs, const std::string& batch) {
  std::string file = write_commands(spec, opt, runs, batch);
  std::string cmd = "parallel --will-cite --halt never --joblog " + sh_quote(opt.out + "/" + batch + ".joblog") +
                    " -j " + std::to_string(std::max(1, opt.jobs));
  if (!opt.sshloginfile.empty()) cmd += " --sshloginfile " + sh_quote(opt.sshloginfile);
  cmd += " -a " + sh_quote(file) + " 2>&1";
  std::string text;
  int rc = shell(cmd, &text);
  if (rc == 127) throw std::runtime_error("GNU parallel not found (Debian package 'parallel'): " + text);
  if (rc != 0)
    throw std::runtime_error(
        fmt::format("GNU parallel: {} run(s) failed (joblog: {}/{}.joblog) {}", rc, opt.out, batch, text));
}

// A Slurm job array: task i runs line i+1 of the commands file. Arrays of at most 1000 tasks
// (Slurm's default MaxArraySize is 1001); then wait until none is in the queue.
void run_slurm(const SweepSpec& spec, const SweepOptions& opt, std::vector<Run*>& runs, const std::string& batch) {
  std::vector<std::string> ids;
  fs::create_directories(opt.out + "/slurm");
  for (std::size_t first = 0; first < runs.size(); first += 1000) {
    std::vector<Run*> chunk(runs.begin() + static_cast<long>(first),
                            runs.begin() + static_cast<long>(std::min(runs.size(), first + 1000)));
    std::string name = fmt::format("{}-{}", batch, first / 1000);
    std::string file = write_commands(spec, opt, chunk, name);
    std::string script = opt.out + "/" + name + ".sbatch";
    std::ofstream s(script);
    s << "#!/bin/sh\n# bfvsim sweep: array task i runs line i+1 of " << file << "\n"
      << "line=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" " << sh_quote(file) << ")\n"
      << "exec /bin/sh -c \"$line\"\n";
    s.close();
    std::string cmd =
        "sbatch --parsable --job-name=" + sh_quote("bfvsim-" + spec.name) +
        fmt::format(" --array=0-{}", chunk.size() - 1) + (opt.jobs > 0 ? fmt::format("%{}", opt.jobs) : "") +
        " --output=" + sh_quote(opt.out + "/slurm/%A_%a.out") + " --chdir=" + sh_quote(fs::current_path().string()) +
        (opt.sbatch_args.empty() ? "" : " " + opt.sbatch_args) + " " + sh_quote(script) + " 2>&1";
    std::string text;
    int rc = shell(cmd, &text);
    if (rc != 0) throw std::runtime_error("sbatch failed (" + std::to_string(rc) + "): " + text);
    std::string id = text.substr(0, text.find_first_of(";\n"));
    ids.push_back(id);
  }
  std::string all;
  for (const auto& id : ids) all += (all.empty() ? "" : ",") + id;
  for (;;) {
    std::string text;
    int rc = shell("squeue -h -o %i -j " + all + " 2>&1", &text);
    if (rc != 0 && text.find("Invalid job id") == std::string::npos) throw std::runtime_error("squeue failed: " + text);
    if (rc != 0 || text.find_first_not_of(" \n") == std::string::npos) break;
    sleep(1);
  }
  std::vector<std::string> failed;
  for (const auto* r : runs)
    if (!fs::exists(r->dir + "/report.json")) failed.push_back(r->id);
  if (!failed.empty())
    throw std::runtime_error(
        fmt::format("Slurm job(s) {} finished but {} run(s) left no report.json (first: {}; see {}/slurm/)", all,
                    failed.size(), failed.front(), opt.out));
}

void execute(const SweepSpec& spec, const SweepOptions& opt, std::vector<Run*>& runs, const std::string& batch) {
  for (auto* r : runs) fs::create_directories(r->dir);
  if (!opt.collect) {
    if (opt.engine == "local")
      run_local(spec, opt, runs);
    else if (opt.engine == "parallel")
      run_parallel(spec, opt, runs, batch);
    else if (opt.engine == "slurm")
      run_slurm(spec, opt, runs, batch);
    else
      throw std::runtime_error("unknown engine '" + opt.engine + "' (local, parallel or slurm)");
  }
  for (auto* r : runs) {
    r->result = read_run(r->dir);
    if (r->result->seed != r->seed)
      throw std::runtime_error(
          fmt::format("{}: report.json has seed {} but the sweep asked for {}", r->dir, r->result->seed, r->seed));
  }
}

struct Agg {
  double mean = 0, half = 0;  // 95% CI half width (0 with one replica)
  int n = 0;
};
Agg aggregate(const std::vector<double>& v) {
  Agg a;
  a.n = static_cast<int>(v.size());
  if (v.empty()) return a;
  a.mean = std::accumulate(v.begin(), v.end(), 0.0) / a.n;
  if (a.n > 1) {
    double ss = 0;
    for (double x : v) ss += (x - a.mean) * (x - a.mean);
    a.half = t975(a.n - 1) * std::sqrt(ss / (a.n - 1)) / std::sqrt(double(a.n));
  }
  return a;
}

std::optional<double> metric(const RunSummary& r, const std::string& name) {
  for (const auto& [k, v] : r.metrics())
    if (k == name) return v;
  return std::nullopt;
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  if (!f) throw std::runtime_error("cannot write " + path);
}

// sweep.csv: one row per run x metric (tidy); runs.csv: one row per run.
void write_tables(const SweepOptions& opt, const std::vector<Run>& runs, const std::vector<std::string>& columns) {
  std::string tidy = "run,point,replica,seed", wide = "run,point,replica,seed";
  for (const auto& c : columns) {
    tidy.append(",").append(csv_cell(c));
    wide.append(",").append(csv_cell(c));
  }
  tidy += ",metric,value\n";
  wide += ",ACTIVE,ERROR,REJECTED,boot_p50,boot_p95,boot_p99,makespan,top_bottleneck,top_share\n";
  for (const auto& r : runs) {
    std::string lead = fmt::format("{},{},{},{}", r.id, r.point, r.replica, r.seed);
    for (const auto& c : columns) {
      std::string v;
      for (const auto& [k, x] : r.columns)
        if (k == c) v = x;
      lead += ',';
      lead += csv_cell(v);
    }
    for (const auto& [k, v] : r.result->metrics()) tidy += lead + "," + csv_cell(k) + "," + fmt::format("{}", v) + "\n";
    auto o = [&](const std::optional<double>& v) { return v ? fmt::format("{}", *v) : std::string(); };
    const auto& s = *r.result;
    wide += lead + fmt::format(",{},{},{},{},{},{},{},{},{}\n", s.count("ACTIVE"), s.count("ERROR"),
                               s.count("REJECTED"), o(s.boot_p50), o(s.boot_p95), o(s.boot_p99), s.makespan,
                               csv_cell(s.top_bottleneck), s.top_share);
  }
  write_file(opt.out + "/sweep.csv", tidy);
  write_file(opt.out + "/runs.csv", wide);
}

std::string html_head(const SweepSpec& spec) {
  namespace svg = reports::svg;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>bfvsim sweep " +
                    svg::esc(spec.name) + "</title>\n<style>" + svg::page_css() +
                    "</style></head>\n<body>\n<h1>bfvsim sweep: " + svg::esc(spec.name) +
                    "</h1>\n<div class=\"meta\">base <b>" + svg::esc(spec.base_shown) + "</b> · replicas <b>" +
                    std::to_string(spec.replicas) + "</b> (seeds " + std::to_string(spec.seed) + "…" +
                    std::to_string(spec.seed + spec.replicas - 1) +
                    ") · bands: 95% confidence interval of the mean over replicas (Student t)</div>\n";
  for (const auto& [p, v] : spec.sets)
    out += "<div class=\"meta\">every run: <code>" + svg::esc(p + "=" + v) + "</code></div>\n";
  return out;
}

// One chart per metric: mean over replicas against the first axis, one series per combination of
// the other axes, with a confidence band.
std::string grid_charts(const SweepSpec& spec, const std::vector<Point>& points, const std::vector<Run>& runs) {
  namespace svg = reports::svg;
  std::string out;
  if (spec.dims.empty()) return out;
  const SweepDim& x = spec.dims.front();
  bool numeric = true;
  std::vector<double> xs;
  for (const auto& v : x.params.front().values) {
    char* end = nullptr;
    double d = std::strtod(v.c_str(), &end);
    numeric &= !v.empty() && end == v.c_str() + v.size();
    xs.push_back(d);
  }
  std::string xlabel = x.name.empty() ? x.params.front().path : x.name;
  if (!numeric) {
    xlabel += " (";
    for (std::size_t i = 0; i < x.size(); ++i) {
      xs[i] = double(i + 1);
      xlabel += fmt::format("{}{} = {}", i ? ", " : "", i + 1,
                            x.labels[i].empty() ? x.params.front().values[i] : x.labels[i]);
    }
    xlabel += ")";
  }
  std::size_t inner = points.size() / x.size();  // combinations of the other axes
  for (const auto& m : spec.metrics) {
    std::vector<svg::Series> series;
    double ymax = 0, xmin = *std::min_element(xs.begin(), xs.end()), xmax = *std::max_element(xs.begin(), xs.end());
    for (std::size_t j = 0; j < inner; ++j) {
      std::string name;
      const Point& any = points[j];
      for (std::size_t c = 0; c < any.shown.size(); ++c) {
        bool is_x = any.shown[c].first == xlabel || any.shown[c].first == x.name;
        for (const auto& p : x.params) is_x |= any.shown[c].first == p.path;
        if (!is_x) name += (name.empty() ? "" : ", ") + any.shown[c].first + "=" + any.shown[c].second;
      }
      svg::Series s{name.empty() ? m : name, svg::color(j), {}, false, {}};
      for (std::size_t i = 0; i < x.size(); ++i) {
        std::size_t pi = i * inner + j;
        std::vector<double> vals;
        for (const auto& r : runs)
          if (r.point == pi)
            if (auto v = metric(*r.result, m)) vals.push_back(*v);
        if (vals.empty()) continue;
        Agg a = aggregate(vals);
        s.pts.emplace_back(xs[i], a.mean);
        s.band.emplace_back(a.mean - a.half, a.mean + a.half);
        ymax = std::max(ymax, a.mean + a.half);
      }
      if (spec.replicas < 2) s.band.clear();
      series.push_back(std::move(s));
    }
    svg::Axes ax{xlabel, m, xmin, xmax > xmin ? xmax : xmin + 1, 0, ymax > 0 ? ymax * 1.05 : 1};
    out += svg::line_chart("m_" + m, m + " against " + (x.name.empty() ? x.params.front().path : x.name), ax, series);
  }
  return out;
}

struct Knee {
  std::size_t point = 0;
  std::optional<double> knee;      // largest value found to hold
  std::optional<double> fails_at;  // smallest value found to fail
  int probes = 0;
  std::string note;
};

std::string fmt_value(const SweepSearch& s, double v) {
  return s.integer ? fmt::format("{}", static_cast<long long>(v)) : num_text(v);
}

}  // namespace

SweepSpec load_sweep(const std::string& path) {
  scn::Node root = scn::load_file(path);
  root.allow_keys(
      {"name", "description", "base", "seed", "replicas", "set", "conf", "parameters", "metrics", "search"});
  SweepSpec s;
  s.file = path;
  fs::path dir = fs::path(path).parent_path();
  s.name = root.str_or("name", fs::path(path).stem().string());
  auto base = root.req("base");
  s.base = fs::absolute(dir / base.str()).lexically_normal().string();
  s.base_shown = base.str();
  if (!fs::exists(s.base)) base.fail("no scenario file " + base.str() + " (relative to the sweep file)");
  if (auto sd = root.opt("seed"))
    s.seed = static_cast<uint64_t>(sd->integer());
  else {
    scn::Node b = scn::load_file(s.base);  // the same hardened reader as the loader
    s.seed = b.is_map() && b.has("seed") ? static_cast<uint64_t>(b.req("seed").integer()) : 1;
  }
  s.replicas = static_cast<int>(root.int_or("replicas", 1));
  if (s.replicas < 1) root.req("replicas").fail("replicas must be at least 1");
  if (auto st = root.opt("set"))
    for (const auto& [k, v] : st->entries()) s.sets.emplace_back(k, scalar_text(v));
  if (auto c = root.opt("conf")) {
    c->allow_keys({"nova", "cinder", "glance", "placement"});
    for (const auto& [k, v] : c->entries())
      s.confs.emplace_back(k, fs::absolute(dir / v.str()).lexically_normal().string());
  }
  if (auto ps = root.opt("parameters"))
    for (const auto& p : ps->items()) {
      SweepDim d;
      if (p.has("zip")) {
        p.allow_keys({"zip", "name", "labels"});
        d.name = p.str_or("name", "");
        for (const auto& z : p.req("zip").items()) d.params.push_back({z.req("path").str(), values_of(z)});
        for (const auto& q : d.params)
          if (q.values.size() != d.size()) p.req("zip").fail("zipped parameters need lists of the same length");
        if (auto l = p.opt("labels")) {
          d.labels = l->str_list();
          if (d.labels.size() != d.size()) l->fail("one label per zipped value");
          if (d.name.empty()) p.fail("labels need a 'name' (the column they go in)");
        }
      } else {
        d.params.push_back({p.req("path").str(), values_of(p)});
      }
      if (d.labels.empty()) d.labels.assign(d.size(), "");
      s.dims.push_back(std::move(d));
    }
  if (auto m = root.opt("metrics"))
    s.metrics = m->str_list();
  else
    s.metrics = {"boot_p50", "boot_p95", "count_ERROR", "makespan"};
  if (auto se = root.opt("search")) {
    se->allow_keys({"path", "low", "high", "resolution", "integer", "max_probes", "criterion", "at"});
    SweepSearch q;
    q.path = se->req("path").str();
    q.low = se->req("low").number();
    q.high = se->req("high").number();
    q.integer = se->bool_or("integer", false);
    q.resolution = se->num_or("resolution", q.integer ? 1 : (q.high - q.low) / 64);
    q.max_probes = static_cast<int>(se->int_or("max_probes", 24));
    if (!(q.high > q.low)) se->req("high").fail("high must be above low");
    if (auto at = se->opt("at"))
      for (const auto& v : at->items()) {
        q.at.push_back(v.number());
        if (q.at.back() < q.low || q.at.back() > q.high) v.fail("an `at` value must lie within [low, high]");
      }
    if (q.resolution <= 0) se->req("resolution").fail("resolution must be positive");
    auto c = se->req("criterion");
    c.allow_keys(
        {"no_error", "no_rejected", "all_active", "boot_p50_below", "boot_p95_below", "boot_p99_below", "below"});
    q.criterion.no_error = c.bool_or("no_error", false);
    q.criterion.no_rejected = c.bool_or("no_rejected", false);
    q.criterion.all_active = c.bool_or("all_active", false);
    for (const char* k : {"boot_p50_below", "boot_p95_below", "boot_p99_below"})
      if (auto t = c.opt(k)) q.criterion.below.emplace_back(std::string(k).substr(0, 8), t->time_s());
    if (auto b = c.opt("below"))
      for (const auto& [k, v] : b->entries()) q.criterion.below.emplace_back(k, v.number());
    q.criterion.text = c.json().dump();
    if (!q.criterion.no_error && !q.criterion.no_rejected && !q.criterion.all_active && q.criterion.below.empty())
      c.fail("a criterion needs at least one condition");
    s.search = q;
  }
  return s;
}

std::string run_sweep(const SweepSpec& spec, const SweepOptions& opt) {
  auto points = grid(spec);
  // Every point through the strict loader first: a bad path or value stops the sweep before any run.
  for (std::size_t i = 0; i < points.size(); ++i) {
    LoadOptions lo;
    for (const auto& [p, v] : spec.sets) lo.sets.push_back(p + "=" + v);
    for (const auto& [p, v] : points[i].sets) lo.sets.push_back(p + "=" + v);
    if (spec.search) lo.sets.push_back(spec.search->path + "=" + fmt_value(*spec.search, spec.search->low));
    lo.conf_files = spec.confs;
    try {
      (void)load_scenario(fs::proximate(spec.base).string(), lo);
    } catch (const scn::ScenarioError& e) {
      throw scn::ScenarioError(fmt::format("{}: point {} of the sweep: {}", spec.file, i, e.what()));
    }
  }
  fs::create_directories(opt.out + "/runs");
  std::vector<std::string> columns;
  for (const auto& c : points.front().columns) columns.push_back(c.first);
  std::vector<Run> runs;
  runs.reserve(points.size() * static_cast<std::size_t>(spec.replicas) *
               (spec.search ? spec.search->max_probes + 2 : 1));
  std::string text = fmt::format("sweep {}: {} point(s) x {} replica(s), base {}\n", spec.name, points.size(),
                                 spec.replicas, spec.base_shown);
  std::string html = html_head(spec);

  if (!spec.search) {
    for (std::size_t i = 0; i < points.size(); ++i)
      for (int k = 0; k < spec.replicas; ++k) {
        Run r;
        r.id = fmt::format("p{:04}-r{:02}", i, k);
        r.dir = opt.out + "/runs/" + r.id;
        r.point = i;
        r.replica = k;
        r.seed = spec.seed + static_cast<uint64_t>(k);
        r.sets = points[i].sets;
        r.columns = points[i].columns;
        runs.push_back(std::move(r));
      }
    std::vector<Run*> batch;
    for (auto& r : runs) batch.push_back(&r);
    execute(spec, opt, batch, "grid");
    write_tables(opt, runs, columns);
    // Console: one row per point, means over replicas (± 95% CI half width).
    std::vector<std::string> head;
    for (const auto& c : points.front().shown) head.push_back(c.first);
    for (const char* h : {"ACTIVE", "ERROR", "boot p50 (s)", "boot p95 (s)", "makespan (s)", "top bottleneck"})
      head.push_back(h);
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < points.size(); ++i) {
      std::vector<std::string> row;
      for (const auto& c : points[i].shown) row.push_back(c.second);
      std::map<std::string, std::vector<double>> vals;
      std::map<std::string, int> bottleneck;
      for (const auto& r : runs)
        if (r.point == i) {
          for (const auto& [k, v] : r.result->metrics()) vals[k].push_back(v);
          ++bottleneck[r.result->top_bottleneck.empty() ? "none" : r.result->top_bottleneck];
        }
      for (const char* m : {"count_ACTIVE", "count_ERROR", "boot_p50", "boot_p95", "makespan"}) {
        Agg a = aggregate(vals[m]);
        bool count = std::string(m).rfind("count_", 0) == 0;
        if (!a.n)
          row.push_back("n/a");
        else if (spec.replicas > 1)
          row.push_back(count ? fmt::format("{:.1f} ± {:.1f}", a.mean, a.half)
                              : fmt::format("{:.1f} ± {:.1f}", a.mean, a.half));
        else
          row.push_back(count ? fmt::format("{:.0f}", a.mean) : fmt::format("{:.1f}", a.mean));
      }
      std::string top;
      int best = 0;
      for (const auto& [k, c] : bottleneck)
        if (c > best) best = c, top = k;
      row.push_back(top);
      rows.push_back(std::move(row));
    }
    text += reports::ascii_table(head, rows);
    if (spec.replicas > 1) text += "(mean ± 95% confidence half-width over replicas)\n";
    html += "<h2>Points</h2>\n<table><tr>";
    for (const auto& h : head) html += "<th>" + reports::svg::esc(h) + "</th>";
    html += "</tr>\n";
    for (const auto& row : rows) {
      html += "<tr>";
      for (const auto& c : row) html += "<td>" + reports::svg::esc(c) + "</td>";
      html += "</tr>\n";
    }
    html += "</table>\n<h2>Metrics against parameters</h2>\n" + grid_charts(spec, points, runs);
  } else {
    const SweepSearch& q = *spec.search;
    columns.push_back(q.path);
    std::vector<Knee> knees;
    std::string probes_csv = "point";
    for (const auto& c : points.front().columns) probes_csv += "," + csv_cell(c.first);
    probes_csv += ",probe," + csv_cell(q.path) + ",holds,replicas_holding,why\n";
    for (std::size_t i = 0; i < points.size(); ++i) {
      Knee kn;
      kn.point = i;
      auto probe = [&](double v) {
        std::size_t first = runs.size();
        for (int k = 0; k < spec.replicas; ++k) {
          Run r;
          r.id = fmt::format("p{:04}-s{:02}-r{:02}", i, kn.probes, k);
          r.dir = opt.out + "/runs/" + r.id;
          r.point = i;
          r.replica = k;
          r.seed = spec.seed + static_cast<uint64_t>(k);
          r.sets = points[i].sets;
          r.sets.emplace_back(q.path, fmt_value(q, v));
          r.columns = points[i].columns;
          r.columns.emplace_back(q.path, fmt_value(q, v));
          runs.push_back(std::move(r));
        }
        std::vector<Run*> batch;
        for (std::size_t k = first; k < runs.size(); ++k) batch.push_back(&runs[k]);
        execute(spec, opt, batch, fmt::format("search-p{:04}-s{:02}", i, kn.probes));
        int ok = 0;
        std::string why;
        for (auto* r : batch) {
          std::string w;
          if (q.criterion.holds(*r->result, &w))
            ++ok;
          else if (why.empty())
            why = fmt::format("seed {}: {}", r->seed, w);
        }
        bool holds = ok == spec.replicas;
        probes_csv += std::to_string(i);
        for (const auto& c : points[i].columns) probes_csv += "," + csv_cell(c.second);
        probes_csv +=
            fmt::format(",{},{},{},{},{}\n", kn.probes, fmt_value(q, v), holds ? "true" : "false", ok, csv_cell(why));
        ++kn.probes;
        return holds;
      };
      // The `at` values first (they are reported as they are, and narrow the bracket), then low and
      // high when still needed, then bisection between the largest value that holds and the smallest that fails.
      std::optional<double> ok, bad;
      for (double v : q.at) {
        if (probe(v))
          ok = ok ? std::max(*ok, v) : v;
        else
          bad = bad ? std::min(*bad, v) : v;
      }
      if (ok && bad && *bad < *ok) {
        kn.note = "criterion not monotone: fails at " + fmt_value(q, *bad) + " but holds at " + fmt_value(q, *ok);
        bad.reset();
      }
      if (!ok && !probe(q.low)) {
        kn.fails_at = q.low;
        kn.note = "fails already at low";
      } else {
        if (!ok) ok = q.low;
        if (!bad && probe(q.high)) {
          kn.knee = q.high;
          kn.note = "holds up to high";
        } else {
          if (!bad) bad = q.high;
          double lo = *ok, hi = *bad;
          while (kn.probes < q.max_probes && hi - lo > std::max(q.integer ? 1.0 : 0.0, q.resolution)) {
            double mid = q.integer ? std::floor((lo + hi) / 2) : (lo + hi) / 2;
            if (probe(mid))
              lo = mid;
            else
              hi = mid;
          }
          kn.knee = lo;
          kn.fails_at = hi;
        }
      }
      knees.push_back(kn);
    }
    write_tables(opt, runs, columns);
    write_file(opt.out + "/search.csv", probes_csv);
    std::vector<std::string> head;
    for (const auto& c : points.front().shown) head.push_back(c.first);
    for (const char* h : {"knee (holds)", "fails at", "probes", "note"}) head.push_back(h);
    std::vector<std::vector<std::string>> rows;
    for (const auto& k : knees) {
      std::vector<std::string> row;
      for (const auto& c : points[k.point].shown) row.push_back(c.second);
      // Shown to 4 significant digits (the runs used the exact bisection values: search.csv).
      auto shown = [&](double v) { return q.integer ? fmt_value(q, v) : fmt::format("{:.4g}", v); };
      row.push_back(k.knee ? shown(*k.knee) : "none");
      row.push_back(k.fails_at ? shown(*k.fails_at) : "-");
      row.push_back(std::to_string(k.probes));
      row.push_back(k.note);
      rows.push_back(std::move(row));
    }
    if (!q.at.empty()) {
      std::vector<std::string> ah;
      for (const auto& c : points.front().shown) ah.push_back(c.first);
      ah.push_back(q.path);
      for (const char* h : {"ACTIVE", "ERROR", "boot p50 (s)", "boot p95 (s)", "top bottleneck", "most common fault"})
        ah.push_back(h);
      std::vector<std::vector<std::string>> arows;
      for (std::size_t i = 0; i < points.size(); ++i)
        for (double v : q.at) {
          std::vector<std::string> row;
          for (const auto& c : points[i].shown) row.push_back(c.second);
          row.push_back(fmt_value(q, v));
          std::map<std::string, std::vector<double>> vals;
          std::map<std::string, int> bott, fault;
          for (const auto& r : runs)
            if (r.point == i && r.columns.back().second == fmt_value(q, v)) {
              for (const auto& [k, x] : r.result->metrics()) vals[k].push_back(x);
              ++bott[r.result->top_bottleneck.empty() ? "none" : r.result->top_bottleneck];
              for (const auto& [reason, n] : r.result->faults) fault[reason] += n;
            }
          for (const char* m : {"count_ACTIVE", "count_ERROR", "boot_p50", "boot_p95"}) {
            Agg a = aggregate(vals[m]);
            row.push_back(!a.n                ? "n/a"
                          : spec.replicas > 1 ? fmt::format("{:.1f} ± {:.1f}", a.mean, a.half)
                                              : fmt::format("{:.1f}", a.mean));
          }
          auto most = [](const std::map<std::string, int>& m) {
            std::string best = "-";
            int n = 0;
            for (const auto& [k, c] : m)
              if (c > n) n = c, best = k;
            return best.size() > 60 ? best.substr(0, 57) + "..." : best;
          };
          row.push_back(most(bott));
          row.push_back(most(fault));
          arows.push_back(std::move(row));
        }
      text += fmt::format("at {} (means over {} replica(s)):\n", q.path, spec.replicas) +
              reports::ascii_table(ah, arows) + "\n";
      html += "<h2>At the given values</h2>\n<table><tr>";
      for (const auto& h : ah) html += "<th>" + reports::svg::esc(h) + "</th>";
      html += "</tr>\n";
      for (const auto& row : arows) {
        html += "<tr>";
        for (const auto& c : row) html += "<td>" + reports::svg::esc(c) + "</td>";
        html += "</tr>\n";
      }
      html += "</table>\n";
    }
    text += fmt::format("knee search on {} in [{}, {}], criterion {} across all {} replica(s):\n", q.path,
                        fmt_value(q, q.low), fmt_value(q, q.high), q.criterion.text, spec.replicas);
    text += reports::ascii_table(head, rows);
    namespace svg = reports::svg;
    html += "<h2>Knee search</h2>\n<p>Largest <code>" + svg::esc(q.path) + "</code> in [" + fmt_value(q, q.low) + ", " +
            fmt_value(q, q.high) + "] for which <code>" + svg::esc(q.criterion.text) +
            "</code> holds for every replica (bisection).</p>\n<table><tr>";
    for (const auto& h : head) html += "<th>" + svg::esc(h) + "</th>";
    html += "</tr>\n";
    for (const auto& row : rows) {
      html += "<tr>";
      for (const auto& c : row) html += "<td>" + svg::esc(c) + "</td>";
      html += "</tr>\n";
    }
    html += "</table>\n";
    // Probes: each metric against the searched parameter, one series per point.
    for (const auto& m : spec.metrics) {
      std::vector<svg::Series> series;
      double ymax = 0;
      for (std::size_t i = 0; i < points.size(); ++i) {
        std::map<double, std::vector<double>> byv;
        for (const auto& r : runs)
          if (r.point == i)
            if (auto v = metric(*r.result, m)) byv[std::stod(r.columns.back().second)].push_back(*v);
        std::string name;
        for (const auto& c : points[i].shown) name += (name.empty() ? "" : ", ") + c.first + "=" + c.second;
        svg::Series s{name.empty() ? m : name, svg::color(i), {}, false, {}};
        for (const auto& [x, vals] : byv) {
          Agg a = aggregate(vals);
          s.pts.emplace_back(x, a.mean);
          s.band.emplace_back(a.mean - a.half, a.mean + a.half);
          ymax = std::max(ymax, a.mean + a.half);
        }
        if (spec.replicas < 2) s.band.clear();
        series.push_back(std::move(s));
      }
      svg::Axes ax{q.path, m, q.low, q.high, 0, ymax > 0 ? ymax * 1.05 : 1};
      html += svg::line_chart("probe_" + m, m + " at the probed values", ax, series);
    }
  }
  write_file(opt.out + "/sweep.html", html + "</body></html>\n");
  text += fmt::format("\n{} runs; wrote {}/sweep.csv (tidy: run x metric), runs.csv, {}sweep.html\n", runs.size(),
                      opt.out_shown, spec.search ? "search.csv, " : "");
  return text;
}

}  // namespace bfv::whatif

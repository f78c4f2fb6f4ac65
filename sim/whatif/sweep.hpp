// `bfvsim sweep SWEEP.yaml`: one base scenario, parameters as lists, ranges or zipped tuples,
// `replicas: N` seeds per point, and an optional `search:` that finds the knee of one parameter by
// bisection. Every run is a `bfvsim run --set ... --seed ... --out runs/<id>` process (one SimGrid
// engine per process), launched locally (-j N), by GNU parallel (--sshloginfile) or as a Slurm job
// array; the results are merged the same way from runs/<id>/report.json. Format: docs/whatif.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/whatif/summary.hpp"

namespace bfv::whatif {

struct SweepParam {
  std::string path;
  std::vector<std::string> values;
};
// One axis of the grid: a single parameter, or several zipped (varied together).
struct SweepDim {
  std::string name;                 // column name of the labels ("" when none)
  std::vector<std::string> labels;  // one per value ("" when none)
  std::vector<SweepParam> params;
  std::size_t size() const { return params.empty() ? 0 : params.front().values.size(); }
};

struct Criterion {
  bool no_error = false, no_rejected = false, all_active = false;
  std::vector<std::pair<std::string, double>> below;  // metric < value
  std::string text;                                   // as written, for reports
  // Whether one run satisfies it; `why` says what failed.
  bool holds(const RunSummary& r, std::string* why = nullptr) const;
};

struct SweepSearch {
  std::string path;
  double low = 0, high = 0, resolution = 0;
  bool integer = false;
  int max_probes = 24;
  std::vector<double> at;  // probed first and reported as they are (e.g. the planned rate)
  Criterion criterion;
};

struct SweepSpec {
  std::string file, name, base;  // base: path as resolved against the sweep file's directory
  std::string base_shown;        // base as written in the sweep file
  uint64_t seed = 1;
  int replicas = 1;
  std::vector<std::pair<std::string, std::string>> sets;   // applied to every run
  std::vector<std::pair<std::string, std::string>> confs;  // (service, ini file)
  std::vector<SweepDim> dims;
  std::vector<std::string> metrics;  // charted in sweep.html
  std::optional<SweepSearch> search;
};

// Strict: unknown keys, bad ranges, zipped lists of unequal length -> ScenarioError naming file:line.
SweepSpec load_sweep(const std::string& path);

struct SweepOptions {
  std::string out;        // output directory (absolute: runs may start elsewhere)
  std::string out_shown;  // as the user gave it, for messages
  int jobs = 1;
  std::string engine = "local";  // local | parallel | slurm
  std::string sshloginfile;      // GNU parallel --sshloginfile
  std::string sbatch_args;       // extra sbatch arguments (partition, time, account)
  bool collect = false;          // only merge runs/<id>/report.json already there
  std::string bfvsim;            // this executable
};

// Runs the sweep, writes sweep.csv, runs.csv, sweep.html (and search.csv), returns the console text.
std::string run_sweep(const SweepSpec& spec, const SweepOptions& opt);

// Student-t 97.5% quantile for `df` degrees of freedom (two-sided 95% confidence interval).
double t975(int df);

}  // namespace bfv::whatif

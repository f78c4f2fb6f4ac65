#include "sim/cli/whatif_cli.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "sim/whatif/compare.hpp"
#include "sim/whatif/sweep.hpp"
#include "core/text_safety.hpp"

namespace bfv::cli {

LoadOptions LoadFlags::options() const {
  LoadOptions o;
  o.sets = sets;
  for (const auto& [svc, f] : {std::pair<const char*, const std::string&>{"nova", nova},
                               {"cinder", cinder},
                               {"glance", glance},
                               {"placement", placement}})
    if (!f.empty()) o.conf_files.emplace_back(svc, f);
  return o;
}

std::string describe_settings(const Scenario& s) {
  std::string out;
  if (!s.applied_settings.empty()) {
    out += "applied over the scenario file (later wins):\n";
    for (const auto& a : s.applied_settings) {
      std::string v = a.value;  // continuation lines of an ini value, on one line
      for (auto& c : v)
        if (c == '\n') c = ' ';
      out += "  " + a.path + " = " + v + "    (" + a.source + ")\n";
    }
  }
  if (!s.options_not_modelled.empty()) {
    out += "present, not modelled:\n";
    for (const auto& o : s.options_not_modelled) {
      out += "  " + o.file + ":" + std::to_string(o.line) + " [" + o.section + "] " + o.option;
      if (o.values.size() > 1) out += " (" + std::to_string(o.values.size()) + " values)";
      if (!o.note.empty()) out += " — " + o.note;
      out += "\n";
    }
  }
  return out;
}

void add_load_flags(CLI::App* cmd, LoadFlags& f) {
  cmd->add_option(
         "--set", f.sets,
         "PATH=VALUE: set a scenario key before validation, e.g. config.nova.DEFAULT.max_concurrent_builds=20 "
         "or workload[0].arrival.rate=4 (repeatable; beats the ini files; `bfvsim options` lists every config option)")
      ->take_all()
      ->allow_extra_args(false);
  cmd->add_option("--nova-conf", f.nova, "the cloud's nova.conf: options bfvsim models are applied over the scenario");
  cmd->add_option("--cinder-conf", f.cinder,
                  "the cloud's cinder.conf (enabled_backends sections map to topology.cinder_backends)");
  cmd->add_option("--glance-conf", f.glance, "the cloud's glance-api.conf");
  cmd->add_option("--placement-conf", f.placement, "the cloud's placement.conf");
}

void add_whatif_commands(CLI::App& app, WhatifCommands& w) {
  w.compare =
      app.add_subcommand("compare", "Compare two or more `run --out` directories side by side (table + compare.html)");
  w.compare->add_option("DIR", w.dirs, "run output directories; differences are against the first")
      ->required()
      ->expected(2, -1);
  w.compare->add_option("--html", w.html, "where to write the HTML comparison (default compare.html)");
  w.sweep = app.add_subcommand("sweep", "Run a parameter sweep or knee search (SWEEP.yaml, docs/whatif.md)");
  w.sweep->add_option("SWEEP", w.sweep_file, "sweep YAML file")->required();
  w.sweep->add_option("--out", w.out, "output directory (default sweep-<name>)");
  w.sweep->add_option("-j,--jobs", w.jobs, "runs at once (local and parallel: per host; slurm: array throttle)");
  w.sweep->add_option("--engine", w.engine, "local (default), parallel (GNU parallel) or slurm (sbatch --array)")
      ->check(CLI::IsMember({"local", "parallel", "slurm"}));
  w.sweep->add_option("--sshloginfile", w.sshloginfile,
                      "GNU parallel --sshloginfile: the hosts to run on (implies --engine parallel)");
  w.sweep->add_option("--sbatch-args", w.sbatch_args,
                      "extra sbatch arguments, e.g. \"--partition=batch --time=00:10:00\"");
  w.sweep->add_flag("--collect", w.collect, "run nothing: merge the runs/<id>/report.json already in --out");
}

int run_whatif_command(const WhatifCommands& w, const char* argv0) {
  if (*w.compare) {
    std::vector<whatif::RunSummary> runs;
    for (const auto& d : w.dirs) runs.push_back(whatif::read_run(d));
    std::fputs(text::term_safe(whatif::compare_text(runs)).c_str(), stdout);
    std::ofstream f(w.html);
    f << whatif::compare_html(runs);
    if (!f) throw std::runtime_error("cannot write " + w.html);
    std::printf("\nwrote %s\n", text::term_safe(w.html).c_str());
    return 0;
  }
  if (*w.sweep) {
    auto spec = whatif::load_sweep(w.sweep_file);
    whatif::SweepOptions o;
    o.out = w.out.empty() ? "sweep-" + spec.name : w.out;
    o.jobs = w.jobs;
    o.engine = !w.sshloginfile.empty() && w.engine == "local" ? "parallel" : w.engine;
    o.sshloginfile = w.sshloginfile;
    o.sbatch_args = w.sbatch_args;
    o.collect = w.collect;
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    o.bfvsim = ec ? std::filesystem::absolute(argv0).string() : self.string();
    o.out_shown = o.out;
    o.out = std::filesystem::absolute(o.out).lexically_normal().string();
    std::fputs(text::term_safe(whatif::run_sweep(spec, o)).c_str(), stdout);
    return 0;
  }
  return -1;
}

}  // namespace bfv::cli

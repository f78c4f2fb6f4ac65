// The what-if part of the command line (docs/whatif.md): --set and the ini-file flags on run,
// check and explain; the compare and sweep subcommands. Kept out of main.cpp.
#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "sim/scenario/scenario.hpp"

namespace bfv::cli {

struct LoadFlags {
  std::vector<std::string> sets;
  std::string nova, cinder, glance, placement;
  LoadOptions options() const;
};
// --set PATH=VALUE (repeatable), --nova-conf, --cinder-conf, --glance-conf, --placement-conf.
void add_load_flags(CLI::App* cmd, LoadFlags& flags);

// What `check` prints after its summary: the settings applied over the file and the ini options
// present but not modelled ("" when neither).
std::string describe_settings(const Scenario& s);

struct WhatifCommands {
  CLI::App* compare = nullptr;
  CLI::App* sweep = nullptr;
  std::vector<std::string> dirs;
  std::string html = "compare.html", sweep_file, out, engine = "local", sshloginfile, sbatch_args;
  int jobs = 1;
  bool collect = false;
};
void add_whatif_commands(CLI::App& app, WhatifCommands& w);
// Runs compare or sweep if one was given (returns its exit code), else -1.
int run_whatif_command(const WhatifCommands& w, const char* argv0);

}  // namespace bfv::cli

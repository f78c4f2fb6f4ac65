// bfvsim — command line. Exit codes: 0 ok, 1 scenario expectations failed, 2 bad input or usage, 3 an actor
// used more than half its stack (BFVSIM_STACK_CHECK=1), 4 an end-of-run invariant was violated.
#include <chrono>
#include <filesystem>
#include <cstdlib>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <malloc.h>
#include <optional>
#include <sstream>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "models/semantics/cli.hpp"
#include "models/semantics/permissive_cloud.hpp"
#include "models/semantics/server_create.hpp"
#include "reports/reports.hpp"
#include "sim/cli/whatif_cli.hpp"
#include "sim/runtime/expectations.hpp"
#include "sim/cli/calibrate.hpp"
#include "reports/rally_report.hpp"
#include "sim/runtime/run.hpp"
#include "core/engine/spawn.hpp"
#include "sim/scenario/options.hpp"
#include "sim/scenario/rally_task.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/yaml_node.hpp"
#include "core/text_safety.hpp"

namespace {

using bfv::text::term_safe;

// Everything bfvsim prints may echo user text (names, paths, command lines, errors quoting the
// input): it goes through term_safe, so no ESC, CSI or other control byte reaches the terminal.
void say(FILE* f, const std::string& s) { std::fputs(term_safe(s).c_str(), f); }

// JSON for the console or a file: a byte that is not UTF-8 (from a command-line argument) becomes
// U+FFFD instead of throwing after the work is done.
std::string dump_json(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

int cmd_check(const std::string& path, const bfv::LoadOptions& lo) {
  bfv::Scenario s = bfv::load_scenario(path, lo);
  size_t computes = 0;
  for (const auto& r : s.topology.racks) computes += r.computes.size();
  char counts[256];
  std::snprintf(
      counts, sizeof counts, "%zu racks, %zu computes, %zu cinder backends, %zu request streams, %zu expectations\n",
      s.topology.racks.size(), computes, s.topology.cinder_backends.size(), s.workload.size(), s.expect.size());
  say(stdout, path + ": ok — scenario '" + s.name + "': " + counts);
  say(stdout, bfv::cli::describe_settings(s));
  return 0;
}

// --out must be a directory bfvsim can create files in; checked before a long simulation, not after.
void check_out_dir(const std::string& out) {
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec || !std::filesystem::is_directory(out))
    throw std::runtime_error("--out " + out + ": cannot create that directory" + (ec ? ": " + ec.message() : ""));
  if (::access(out.c_str(), W_OK | X_OK) != 0)
    throw std::runtime_error("--out " + out + ": the directory is not writable");
}

// Colour only for a person at a terminal (and never with NO_COLOR set, no-color.org).
std::string paint(const char* code, const std::string& text) {
  static const bool on = isatty(1) && !std::getenv("NO_COLOR");
  return on ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
}

std::string xml_esc(const std::string& s) {
  std::string o;
  for (char c : s)
    o += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
  return o;
}

// Expectations as JUnit XML (the schema Jenkins, GitLab and GitHub test reporters read): one
// testsuite per scenario, one testcase per `expect:` entry, a <failure> for each that failed.
void write_junit(const std::string& file, const bfv::Scenario& s,
                 const std::vector<bfv::ExpectationFailure>& failures) {
  std::ofstream f(file);
  if (!f) throw std::runtime_error("cannot write --junit file " + file);
  f << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites><testsuite name=\"" << xml_esc(s.name) << "\" tests=\""
    << s.expect.size() << "\" failures=\"" << failures.size() << "\" errors=\"0\">\n";
  for (const auto& e : s.expect) {
    f << "  <testcase classname=\"" << xml_esc(s.name) << "\" name=\"" << xml_esc(e.text) << "\" file=\""
      << xml_esc(e.where) << "\"";
    const bfv::ExpectationFailure* fail = nullptr;
    for (const auto& x : failures)
      if (x.where == e.where) fail = &x;
    if (!fail) {
      f << "/>\n";
      continue;
    }
    f << ">\n    <failure message=\"" << xml_esc("expected " + fail->expected + ", actual " + fail->actual) << "\">"
      << xml_esc(fail->where + ": " + fail->text) << "</failure>\n  </testcase>\n";
  }
  f << "</testsuite></testsuites>\n";
  if (!f) throw std::runtime_error("cannot write --junit file " + file);
}

// `run --rally TASK`: the task file and `rally task start`'s --task-args / --task-args-file, and
// where to write `rally task report --json`'s file.
struct RallyCli {
  std::string task, args, args_file, json_out;
};

int cmd_run(const std::string& path, std::optional<uint64_t> seed, const std::string& out, bool quiet,
            const RallyCli& rally, bool timings, const bfv::LoadOptions& lo, const bfv::reports::ReportOptions& ropt,
            const std::string& junit, const std::string& flow_model, bool progress) {
  auto wall0 = std::chrono::steady_clock::now();
  if (!ropt.show_requests.empty() && out.empty())
    throw std::runtime_error("--show-request draws into report.html: give --out DIR too");
  bfv::Scenario s = bfv::load_scenario(path, lo);
  std::optional<bfv::RallyTask> task;
  if (!rally.task.empty())
    task = bfv::apply_rally_task(rally.task, s, {rally.args, rally.args_file});
  else if (!rally.args.empty() || !rally.args_file.empty() || !rally.json_out.empty())
    throw bfv::scn::ScenarioError("--task-args, --task-args-file and --rally-json go with --rally TASK");
  if (!out.empty()) check_out_dir(out);  // before the simulation, not after it
  bfv::RunOptions opt;
  opt.seed = seed;
  opt.progress = (isatty(2) || progress) && !quiet;
  opt.spill_dir = out;  // a big run's event log spills beside its reports (unlinked files: nothing stays)
  if (flow_model == "aggregate")
    opt.flow_model = bfv::RunOptions::FlowModel::Aggregate;
  else if (flow_model == "per-flow")
    opt.flow_model = bfv::RunOptions::FlowModel::PerFlow;
  std::optional<bfv::reports::ReportWriter> writer;
  if (!out.empty()) {
    auto ro = ropt;
    ro.progress = opt.progress;
    writer.emplace(out, ro);
    // The reports start as soon as the result is complete, beside the freeing of the cloud model
    // (run_scenario's last ~5-10 % on the small bench rows). Not for a spilled event log (a big run):
    // there the cloud model is freed and its pages handed back first, to keep the memory peak low.
    opt.on_result = [&writer](const bfv::RunResult& res) {
      if (!res.log.spilled()) writer->start(res);
    };
  }
  auto wall_load = std::chrono::steady_clock::now();
  // Left allocated on purpose: freeing every span, record and row at exit costs time for nothing.
  auto& r = *new bfv::RunResult;
  bfv::run_scenario(s, opt, r);
  // The cloud model (instances, volumes, placement) was freed at the end of run_scenario; hand its
  // pages back to the kernel before the reports run, or they stay resident in malloc's free lists
  // (at a million requests, ~1 KB per request of the reports' peak RSS; issue 16 item 4). Only then:
  // a run in memory has no such peak, and its writers would fault those pages back in.
  if (r.log.spilled()) malloc_trim(0);
  auto wall_sim = std::chrono::steady_clock::now();
  if (!bfv::stack_check_report()) {
    std::fprintf(stderr, "bfvsim: an actor class used more than half its stack (see core/engine/spawn.hpp)\n");
    return 3;
  }
  if (out.empty()) {
    say(stdout, bfv::reports::console_summary(r));
  } else {
    say(stdout, writer->finish(r));
    say(stdout, "\nreports written to " + out + "/ (report.json, requests.csv, phases.csv, report.html, trace.json)\n");
  }
  if (timings) {
    // Wall clock goes to stderr only: it must never reach a report (reports are byte-identical per seed).
    using sec = std::chrono::duration<double>;
    auto now = std::chrono::steady_clock::now();
    double total = sec(now - wall0).count(), load = sec(wall_load - wall0).count(),
           sim = sec(wall_sim - wall_load).count(), reports = sec(now - wall_sim).count();
    std::fprintf(stderr,
                 "timings: %.3f s wall = load %.3f + simulation %.3f + reports %.3f (reports %.1f%% of the run)\n",
                 total, load, sim, reports, 100.0 * reports / total);
    std::fprintf(stderr, "event log: %zu spans, %zu arrows, %zu samples, %s\n", r.log.spans().size(),
                 r.log.arrows().size(), r.log.samples().size(),
                 r.log.spilled() ? "spilled to temporary files (BFVSIM_SPILL; docs/performance.md)" : "in memory");
    if (r.flows.aggregate)
      std::fprintf(
          stderr,
          "flows: aggregate model: %llu transfers, %llu folded into %llu aggregate Comms, at most %llu on one route\n",
          static_cast<unsigned long long>(r.flows.members), static_cast<unsigned long long>(r.flows.folded),
          static_cast<unsigned long long>(r.flows.aggregates), static_cast<unsigned long long>(r.flows.max_population));
    else
      std::fprintf(stderr, "flows: per-flow model\n");
  }
  auto failures = bfv::check_expectations(s, r);
  if (!junit.empty()) write_junit(junit, s, failures);
  if (!s.expect.empty()) {
    std::printf("\nExpectations: %s\n",
                paint(failures.empty() ? "32" : "31", std::to_string(s.expect.size() - failures.size()) + " of " +
                                                          std::to_string(s.expect.size()) + " passed")
                    .c_str());
    for (const auto& f : failures)
      std::printf("  %s %s: %s\n    expected: %s\n    actual:   %s\n", paint("31;1", "FAILED").c_str(),
                  term_safe(f.where).c_str(), term_safe(f.text).c_str(), term_safe(f.expected).c_str(),
                  term_safe(f.actual).c_str());
  }
  bool sla_ok = true;
  if (task) {
    auto rep = bfv::rally_report(*task, r);
    say(stdout, rep.text);
    sla_ok = rep.sla_passed;
    // `rally task report --json --out FILE`; also rally.json next to the other reports with --out.
    std::vector<std::string> files;
    if (!rally.json_out.empty()) files.push_back(rally.json_out);
    if (!out.empty()) files.push_back(out + "/rally.json");
    for (const auto& f : files) {
      std::ofstream js(f);
      if (!js) throw bfv::scn::ScenarioError("--rally-json: cannot write '" + f + "'");
      js << dump_json(rep.json, 4) << "\n";
      say(stdout, "Rally JSON report written to " + f + "\n");
    }
  }
  // End-of-run invariants (sim/runtime/invariants.hpp): a violation is a bfvsim bug, whatever the
  // scenario says; the reports are written (they show the state), then the run fails with exit 4.
  if (!r.invariant_violations.empty()) {
    say(stderr,
        "bfvsim: INVARIANT VIOLATED at the end of the run (a bfvsim bug, not a problem with the scenario; "
        "please report it with the scenario and seed):\n");
    for (const auto& v : r.invariant_violations) say(stderr, "  " + v + "\n");
    return 4;
  }
  return failures.empty() && sla_ok ? 0 : 1;
}

bool looks_like_cli(const std::string& s) { return s.rfind("openstack ", 0) == 0 || s.rfind("nova ", 0) == 0; }

// --expect-status: exit 1 (and say why on stderr) when the answer is not `expect_status`; a command
// line the client refuses reaches no nova-api and has no HTTP status, so it never matches.
int explain_exit(std::optional<int> expect_status, std::optional<int> got) {
  if (!expect_status || got == expect_status) return 0;
  std::fprintf(stderr, "bfvsim: explain: expected HTTP %d, got %s\n", *expect_status,
               got ? ("HTTP " + std::to_string(*got)).c_str() : "no request (the client refused the command line)");
  return 1;
}

int cmd_explain(const std::string& request, const std::string& scenario_path, bool json, std::string microversion,
                std::optional<int> expect_status, const bfv::LoadOptions& lo) {
  bfv::Scenario s;
  if (scenario_path.empty() && !lo.empty()) throw bfv::scn::ScenarioError("--set and --*-conf need --scenario");
  if (!scenario_path.empty()) s = bfv::load_scenario(scenario_path, lo);
  nlohmann::json body;
  const bool permissive = scenario_path.empty();
  if (looks_like_cli(request)) {
    auto parsed = bfv::sem::parse_cli(request, permissive ? nullptr : &s.cloud, s.nova.api.max_microversion);
    if (!parsed.ok) {
      if (json) {
        nlohmann::json j{{"api_status", nullptr},
                         {"client_error", parsed.error},
                         {"client_exit_code", parsed.exit_code},
                         {"hint", parsed.hint}};
        say(stdout, dump_json(j, 2) + "\n");
      } else {
        say(stdout, "The client rejects this command line (exit " + std::to_string(parsed.exit_code) +
                        "); nothing reaches nova-api:\n  " + parsed.error + "\n");
        if (!parsed.hint.empty()) say(stdout, "\n" + parsed.hint + "\n");
      }
      return explain_exit(expect_status, std::nullopt);
    }
    body = parsed.body;
    if (microversion.empty()) microversion = parsed.microversion;
  } else {
    // A file holding the POST /servers body, JSON or YAML.
    auto doc = bfv::scn::load_file(request);
    body = doc.json();
  }
  if (microversion.empty()) microversion = "2.1";
  std::vector<std::string> stated;
  if (permissive) s.cloud = bfv::sem::permissive_cloud(body, &stated);
  const bfv::ProjectSpec* p = s.projects.empty() ? nullptr : &s.projects.front();
  bfv::sem::NovaQuota quota = p ? p->nova : s.nova.quota;
  auto ex = bfv::sem::explain_json(body, microversion, s.cloud, s.nova.api, quota, bfv::sem::NovaUsage{});
  ex["request_body"] = body;
  ex["microversion"] = microversion;
  if (permissive) ex["assumed_cloud"] = stated;
  if (json) {
    say(stdout, dump_json(ex, 2) + "\n");
  } else {
    if (permissive) {
      say(stdout,
          "No --scenario: a permissive cloud in which everything the request names exists, with these defaults:\n");
      for (const auto& l : stated) say(stdout, "  " + l + "\n");
      say(stdout, "\n");
    }
    say(stdout, bfv::sem::explain_text(ex));
  }
  std::fflush(stdout);
  return explain_exit(expect_status, ex["api_status"].is_number_integer()
                                         ? std::optional<int>(ex["api_status"].get<int>())
                                         : std::nullopt);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"bfvsim — a discrete-event simulator of OpenStack boot-from-volume (Nova, Cinder, Glance on SimGrid)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("bfvsim ") + BFVSIM_VERSION);
  app.footer("Run `bfvsim SUBCOMMAND --help` for a subcommand's options and an example.");
  bfv::reports::ReportOptions ropt;
  std::string junit;
  std::string scenario, out, request, explain_scenario, microversion;
  RallyCli rally;
  uint64_t seed = 0;
  bool json = false, quiet = false, timings = false, progress = false;
  std::string flow_model;
  bfv::cli::LoadFlags load_flags;
  bfv::cli::WhatifCommands whatif;

  auto* run = app.add_subcommand("run", "Simulate a scenario and print its timing report");
  run->add_option("SCENARIO", scenario, "scenario YAML file")->required();
  auto* seed_opt = run->add_option("--seed", seed, "override the scenario's RNG seed");
  run->add_option("--out", out, "write report.json, requests.csv, phases.csv, report.html and trace.json into DIR");
  run->add_flag("--quiet", quiet, "no progress bar");
  run->add_flag("--progress", progress,
                "progress bar and report-writing line on stderr even when it is not a terminal");
  run->add_flag("--trace-polls", ropt.trace_polls,
                "trace.json: every poll of a wait made of polls (GET, arrow, sleep); default: one span per wait with "
                "its poll count");
  run->add_option("--trace-detail", ropt.trace_detail,
                  "trace.json: the activities, waits, RPCs and arrows of at most N evenly spaced requests (0: every "
                  "request); every request's phases always")
      ->default_val(bfv::reports::kTraceDetail)
      ->check(CLI::Range(0, 1000000000));
  run->add_option(
         "--flow-model", flow_model,
         "bulk transfers sharing a route as one weighted SimGrid flow (aggregate: exact, the default with the CM02 "
         "network model) or one Comm each (per-flow; LV08 always uses it)")
      ->check(CLI::IsMember({"aggregate", "per-flow"}));
  run->add_flag("--timings", timings,
                "print the wall-clock time of loading, simulating and writing reports to stderr (reports: the time "
                "after the simulation; the writers start while it frees its cloud model)");
  run->add_option("--rally", rally.task,
                  "a Rally task file (v1/v2, YAML/JSON, Jinja2 template) run against SCENARIO's cloud; prints Rally's "
                  "tables and SLA");
  run->add_option("--task-args", rally.args, "Rally task arguments, JSON or YAML (as rally task start --task-args)");
  run->add_option("--task-args-file", rally.args_file,
                  "file of Rally task arguments, JSON or YAML (as rally task start --task-args-file)");
  run->add_option("--rally-json", rally.json_out, "write the JSON that `rally task report --json` writes to FILE");
  bfv::cli::add_load_flags(run, load_flags);
  run->add_option("--show-request", ropt.show_requests,
                  "draw the sequence diagram of this request in report.html (repeatable; "
                  "default: the median and the p95 boot)")
      ->type_name("NAME");
  run->add_option("--junit", junit, "write the scenario's expectations as JUnit XML to FILE (for CI test reports)")
      ->type_name("FILE");
  run->footer(
      "Example:\n  bfvsim run scenarios/storms/bfv-lvm-100.yaml --out out/lvm100 --junit out/lvm100.xml\n"
      "  then open out/lvm100/report.html; trace.json opens in ui.perfetto.dev");

  bfv::cli::CalibrateOptions cal;
  auto* calibrate =
      app.add_subcommand("calibrate", "Fit free constants of a cloud to Rally results (NLopt, derivative-free)");
  calibrate->add_option("--rally-results", cal.rally_results, "RESULTS.json from `rally task report --json`");
  calibrate->add_option(
      "--rally-table", cal.rally_table,
      "or the \"Response Times (sec)\" table `rally task start` printed (median, 95%ile and Avg per atomic action)");
  calibrate->add_option("--task", cal.task, "the Rally task file that produced them")->required();
  calibrate->add_option("--cloud", cal.cloud, "the bfvsim scenario of the cloud (topology, cloud, config)")->required();
  calibrate
      ->add_option(
          "--free", cal.free,
          "NAME=LO:HI, NAME a config path (cinder.timing.api_service_time), or NAME+NAME tied to one value; repeatable")
      ->required();
  calibrate->add_option(
      "--algorithm", cal.algorithm,
      "bobyqa (default), neldermead, sbplx (local, from the middle of the bounds) or crs2 (global, NLopt GN_CRS2_LM)");
  calibrate->add_option("--max-evals", cal.max_evals, "simulations at most (default 60)");
  calibrate->add_option("--tolerance", cal.tolerance,
                        "stop when the parameters' relative change is below this (default 1e-3)");
  calibrate->add_option("--out", cal.out, "also write the calibrated config: block to FILE");
  calibrate->footer(
      "Example:\n  bfvsim calibrate --rally-table scenarios/calibration/published/cinder30.txt \\\n"
      "    --task scenarios/calibration/cinder30.yaml --cloud scenarios/calibration/k8s-cinder-ceph.yaml \\\n"
      "    --free cinder.timing.volume_op_cpu=0.01:2 --free nova.timing.compute_build_cpu=0.1:10");

  auto* check = app.add_subcommand("check", "Load and validate a scenario without running it");
  check->add_option("SCENARIO", scenario, "scenario YAML file")->required();
  bfv::cli::add_load_flags(check, load_flags);
  check->footer("Example:\n  bfvsim check scenarios/quickstart.yaml");

  auto* explain = app.add_subcommand(
      "explain", "Show how Nova judges one server create: verdict, normalized BDMs, what a delete keeps");
  explain
      ->add_option(
          "REQUEST", request,
          "a file with the POST /servers body, or an 'openstack server create ...' / 'nova boot ...' command line")
      ->required();
  explain->add_option("--scenario", explain_scenario,
                      "scenario whose cloud state (flavors, images, volumes, config, quotas) to use");
  explain->add_option("--microversion", microversion,
                      "compute API microversion (default: the client's, or 2.1 for a body)");
  explain->add_flag("--json", json, "print JSON (api_status, api_error, bdms, on_delete)");
  explain->footer(
      "Without --scenario every flavor, image, volume, snapshot and network the request names exists, with\n"
      "the defaults it prints. Examples:\n  bfvsim explain scenarios/requests/seed-000.json\n"
      "  bfvsim explain 'openstack server create --flavor m1.small --image cirros --boot-from-volume 10 vm1'");
  bfv::cli::add_load_flags(explain, load_flags);
  bfv::cli::add_whatif_commands(app, whatif);
  auto* schema =
      app.add_subcommand("schema", "Print a JSON Schema (draft-07) of the scenario format, for editors and CI");
  schema->footer(
      "Generated from the loader's own key and option tables. Example:\n"
      "  bfvsim schema > scenario.schema.json\n"
      "  then start a scenario with  # yaml-language-server: $schema=scenario.schema.json");
  // Every option from the one declaration per option (models/<service>/params.hpp describe()); a
  // listing of its own, as ~130 options would drown `--help`.
  std::string options_service;
  bool options_markdown = false;
  auto* options =
      app.add_subcommand("options", "List every configuration option: path, default, unit, range and source");
  options->add_option("SERVICE", options_service, "only this config section")
      ->check(CLI::IsMember(bfv::option_services()));
  options->add_flag("--markdown", options_markdown,
                    "Markdown tables with what each option changes (docs/configuration.md)");
  options->footer(
      "Set an option in the scenario (config.<service>.<group>.<option>), with\n"
      "  --set config.nova.DEFAULT.max_concurrent_builds=20\n"
      "or from the cloud's own file (--nova-conf, --cinder-conf, --glance-conf, --placement-conf; not [timing]).");
  int expect_status = 0;
  auto* expect_status_opt =
      explain
          ->add_option("--expect-status", expect_status, "exit 1 unless Nova answers this HTTP status (e.g. 202, 400)")
          ->check(CLI::Range(100, 599));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11's messages quote the arguments: through term_safe like everything else.
    std::ostringstream o, err;
    int rc = app.exit(e, o, err);
    say(stdout, o.str());
    say(stderr, err.str());
    return rc == 0 ? 0 : 2;
  }
  try {
    const auto lo = load_flags.options();
    if (*run) {
      const int rc = cmd_run(scenario, seed_opt->count() ? std::optional<uint64_t>(seed) : std::nullopt, out, quiet,
                             rally, timings, lo, ropt, junit, flow_model, progress);
      // Every output is written and closed. Skip SimGrid's exit-time teardown: it would kill the
      // actors an end_after run leaves suspended mid-transfer, and SimGrid 3.32 aborts while it
      // destroys their Comms (issue 17); freeing the whole simulation is time for nothing anyway.
      std::cout.flush();
      std::fflush(nullptr);
      std::_Exit(rc);
    }
    if (*calibrate) return bfv::cli::cmd_calibrate(cal);
    if (*check) return cmd_check(scenario, lo);
    if (*schema) {
      std::cout << bfv::scenario_schema().dump(2) << "\n";
      return 0;
    }
    if (*options) {
      std::cout << bfv::options_listing(options_service, options_markdown);
      return 0;
    }
    if (*explain)
      return cmd_explain(request, explain_scenario, json, microversion,
                         expect_status_opt->count() ? std::optional<int>(expect_status) : std::nullopt, lo);
    if (int rc = bfv::cli::run_whatif_command(whatif, argv[0]); rc >= 0) return rc;
  } catch (const bfv::scn::ScenarioError& e) {
    say(stderr, std::string("bfvsim: ") + e.what() + "\n");
    return 2;
  } catch (const std::bad_alloc&) {
    std::fprintf(
        stderr,
        "bfvsim: out of memory: the scenario needs more memory than this machine has (limits: docs/limits.md)\n");
    return 2;
  } catch (const std::exception& e) {
    say(stderr, std::string("bfvsim: error: ") + e.what() + "\n");
    return 2;
  }
  return 2;
}

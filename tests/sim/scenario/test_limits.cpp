// Issue 17: hostile and extreme input ends in a ScenarioError naming file:line:col and the key
// (the CLI prints it and exits 2), before any work starts. One case per class of input; every limit
// is listed in docs/limits.md.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/scenario/limits.hpp"
#include "tests/sim/scenario/loader_test_util.hpp"
#include "sim/scenario/rally_task.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_node.hpp"
#include "core/units.hpp"

namespace {
using bfv::test::error_of;
using bfv::test::quickstart;
using bfv::test::replace;
std::string yaml_error(const std::string& text) {
  try {
    bfv::scn::load_string(text, "doc.yaml");
  } catch (const bfv::scn::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
}  // namespace

TEST_CASE("units: a finite number times its unit must stay finite") {
  CHECK_THROWS_WITH_AS(bfv::units::parse_time_s("1e306d"), doctest::Contains("too large"), bfv::units::UnitError);
  CHECK_THROWS_WITH_AS(bfv::units::parse_rate_Bps("1e300Tbps"), doctest::Contains("too large"), bfv::units::UnitError);
  CHECK(bfv::units::parse_time_s("2min") == 120.0);
}

TEST_CASE("times beyond 1e9 s of simulated time are refused at load, with the key") {
  std::string e = error_of(quickstart() + "\nend_after: \"1e300s\"\n");
  CHECK(e.find("s.yaml:") == 0);
  CHECK(e.find("end_after") != std::string::npos);
  CHECK(e.find("1e9 s") != std::string::npos);
}

TEST_CASE("integers are range-checked, never truncated to int") {
  std::string text = replace(quickstart(), "vcpus: 2", "vcpus: 4294967297");
  std::string e = error_of(text);
  CHECK(e.find("vcpus") != std::string::npos);
  CHECK(e.find("must be between") != std::string::npos);
}

TEST_CASE("percentiles outside 0-100 are refused at load") {
  std::string e = error_of(quickstart() + "\n  - {phase: boot, percentile: 250, below: 10s}\n");
  if (e == "no error")
    e = error_of(replace(quickstart(), "expect:", "expect:\n  - {phase: boot, percentile: 250, below: 10s}"));
  CHECK(e.find("percentile must be between 0 and 100") != std::string::npos);
}

TEST_CASE("sample_interval: 0 would never advance the sampler") {
  std::string e = error_of(quickstart() + "\nsample_interval: 0s\n");
  CHECK(e.find("sample_interval must be at least 1ms") != std::string::npos);
}

TEST_CASE("counts are bounded before anything is allocated") {
  std::string e = error_of(replace(quickstart(), "name: seed-000", "name: seed-000\n    count: 1000000000"));
  if (e.find("count") == std::string::npos) MESSAGE(e);
  CHECK(e.find("must be between 1 and 2000000") != std::string::npos);
}

TEST_CASE("a YAML alias cycle is refused quickly, not expanded until memory runs out") {
  auto t0 = std::chrono::steady_clock::now();
  std::string e = yaml_error("a: &a {x: *a}\n");
  CHECK(seconds_since(t0) < 2.0);
  // yaml-cpp either refuses the alias itself or builds a cycle, which the depth check stops.
  CHECK(e != "no error");
}

TEST_CASE("a billion-laughs document is refused by the expansion limit") {
  std::string doc = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    doc += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) doc += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
    doc += "]\n";
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string e = yaml_error(doc);
  CHECK(seconds_since(t0) < 5.0);
  CHECK(e.find("more than 1,000,000 nodes") != std::string::npos);
}

TEST_CASE("nesting deeper than 64 levels is refused with its line") {
  std::string doc = "server:\n  metadata: ";
  for (int i = 0; i < 70; ++i) doc += "{a: ";
  doc += "1";
  for (int i = 0; i < 70; ++i) doc += "}";
  doc += "\n";
  std::string e = yaml_error(doc);
  CHECK(e.find("doc.yaml:2:") == 0);
  CHECK(e.find("nesting deeper than 64") != std::string::npos);
}

TEST_CASE("invalid UTF-8 is refused with its line and column") {
  std::string e = yaml_error("name: ok\nother: caf\xC3\x28\n");
  CHECK(e.find("doc.yaml:2:11: not valid UTF-8") == 0);
  CHECK(yaml_error("name: caf\xC3\xA9\n") == "no error");   // é is fine
  CHECK(yaml_error("name: \xED\xA0\x80\n") != "no error");  // a UTF-16 surrogate is not UTF-8
}

TEST_CASE("files: FIFOs, directories and oversized files are refused without reading them") {
  char dir[] = "/tmp/bfvsim-limitsXXXXXX";
  REQUIRE(mkdtemp(dir) != nullptr);
  std::string fifo = std::string(dir) + "/fifo.yaml";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_WITH_AS(bfv::scn::read_text_file(fifo), doctest::Contains("not a regular file"),
                       bfv::scn::ScenarioError);
  CHECK_THROWS_WITH_AS(bfv::scn::read_text_file(dir), doctest::Contains("not a regular file"), bfv::scn::ScenarioError);
  CHECK_THROWS_WITH_AS(bfv::scn::read_text_file("/dev/zero"), doctest::Contains("not a regular file"),
                       bfv::scn::ScenarioError);
  std::string big = std::string(dir) + "/big.yaml";
  {
    std::ofstream out(big);
    out << "# " << std::string(bfv::limits::kMaxInputBytes, 'x') << "\n";
  }
  CHECK_THROWS_WITH_AS(bfv::scn::read_text_file(big), doctest::Contains("16 MiB"), bfv::scn::ScenarioError);
  std::remove(big.c_str());
  std::remove(fifo.c_str());
  rmdir(dir);
}

TEST_CASE("Rally: concurrency 1e9 and max_sleep 1e308 are refused at load") {
  bfv::Scenario s = bfv::load_scenario_text(quickstart(), "cloud.yaml");
  const std::string task =
      "NovaServers.boot_server:\n"
      "  - args: {flavor: {name: m1.medium}, image: {name: \"Ubuntu 18.04.4 CUDA\"}}\n"
      "    runner: {type: constant, times: 10, concurrency: 1000000000}\n";
  std::string e;
  try {
    bfv::apply_rally_task_text(task, "task.yaml", s);
  } catch (const bfv::scn::ScenarioError& x) {
    e = x.what();
  }
  CHECK(e.find("task.yaml:") == 0);
  CHECK(e.find("must be between 0 and 100000") != std::string::npos);
}

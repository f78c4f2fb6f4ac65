// Helpers shared by the loader's doctest suites (test_loader, test_limits): the quickstart text,
// the error a scenario text gives, and a checked text replacement.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace bfv::test {
inline std::string quickstart() {
  std::ifstream in("scenarios/quickstart.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
// The ScenarioError's text for `text` loaded as "s.yaml", or "no error".
inline std::string error_of(const std::string& text) {
  try {
    bfv::load_scenario_text(text, "s.yaml");
  } catch (const bfv::scn::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
inline std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}
}  // namespace bfv::test

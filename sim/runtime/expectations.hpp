// A scenario's `expect:` list checked against a finished run. Each failure says what was expected,
// what happened, and where the expectation is written (file:line).
#pragma once
#include <string>
#include <vector>

#include "core/percentile.hpp"
#include "core/run_result.hpp"
#include "sim/scenario/scenario.hpp"

namespace bfv {

struct ExpectationFailure {
  std::string where;
  std::string text;
  std::string expected;
  std::string actual;
};

std::vector<ExpectationFailure> check_expectations(const Scenario& s, const RunResult& r);

}  // namespace bfv

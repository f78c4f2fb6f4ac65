// The inputs a user controls, each as a libFuzzer target (issue 17). Every target must end in a
// clean result or a documented error (ScenarioError, CLI parse error, an HTTP verdict): any other
// exception, a crash, a sanitizer report or a hang is a bug. Built two ways (tests/fuzz/CMakeLists.txt):
//   - with clang's -fsanitize=fuzzer,address,undefined by scripts/fuzz.sh (bounded runs in CI);
//   - as a replay driver in the normal build: ctest feeds every file under
//     tests/fuzz/regressions/<target>/ through the same function.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace bfv::fuzz {

// Each returns normally for accepted and for cleanly rejected input.
void scenario(const std::string& text);  // the scenario loader (YAML, units, every section)
void units(const std::string& text);     // the unit parsers
void request(const std::string& text);   // a POST /servers body (JSON) through Nova's API rules
void cli(const std::string& text);       // a `nova boot` / `openstack server create` line
void rally(const std::string& text);     // a Rally task against the quickstart cloud

}  // namespace bfv::fuzz

// One libFuzzer binary per target: compiled with -DBFV_FUZZ_TARGET=<name> (tests/fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  bfv::fuzz::BFV_FUZZ_TARGET(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}

// ctest: every saved input under tests/fuzz/regressions/<target>/ (crashes the fuzzers found and
// the hostile inputs of issue 17, kept as regression tests) and tests/fuzz/seeds/<target>/ runs through its target in the normal build. A crash or an
// unexpected exception fails the test.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "tests/fuzz/fuzz_targets.hpp"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const fs::path base = argc > 1 ? argv[1] : "tests/fuzz";
  const std::map<std::string, void (*)(const std::string&)> targets{{"scenario", bfv::fuzz::scenario},
                                                                    {"units", bfv::fuzz::units},
                                                                    {"request", bfv::fuzz::request},
                                                                    {"cli", bfv::fuzz::cli},
                                                                    {"rally", bfv::fuzz::rally}};
  size_t n = 0;
  for (const char* set : {"regressions", "seeds"})
    for (const auto& [name, fn] : targets) {
      const fs::path root = base / set;
      if (!fs::is_directory(root / name)) continue;
      std::map<std::string, fs::path> files;  // sorted: the same order on every machine
      for (const auto& e : fs::directory_iterator(root / name))
        if (e.is_regular_file()) files[e.path().filename().string()] = e.path();
      for (const auto& [fname, path] : files) {
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        try {
          fn(ss.str());
        } catch (const std::exception& e) {
          std::cerr << "FAILED " << set << "/" << name << "/" << fname << ": unexpected exception: " << e.what()
                    << "\n";
          return 1;
        }
        ++n;
      }
    }
  std::cout << n << " passed, 0 failed\n";
  return n ? 0 : 1;
}

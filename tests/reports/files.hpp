// File helpers shared by the report suites: read a written output back, and a fresh output directory.
#pragma once
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace bfv::test {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// An empty directory under the system temp dir: "<prefix>-<name>", removed first if it exists.
inline std::filesystem::path fresh_dir(const std::string& prefix, const std::string& name) {
  std::filesystem::path d = std::filesystem::temp_directory_path() / (prefix + "-" + name);
  std::filesystem::remove_all(d);
  return d;
}

}  // namespace bfv::test

// A strict view of a YAML document: every access knows its file, line, column and key path,
// unknown keys are errors with a did-you-mean, and quantities go through the one unit parser.
// Errors are ScenarioError exceptions; the CLI prints what() and exits 2.
#pragma once
#include <climits>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "sim/scenario/scenario_keys.hpp"

namespace bfv::scn {

struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Closest candidate within a small edit distance, or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

class Node {
 public:
  Node(YAML::Node node, std::shared_ptr<const std::string> file, std::string path);

  const std::string& path() const { return path_; }
  std::string where() const;  // "file:line:col"
  [[noreturn]] void fail(const std::string& message) const;

  bool is_map() const { return node_.IsMap(); }
  bool is_seq() const { return node_.IsSequence(); }
  bool is_scalar() const { return node_.IsScalar(); }
  bool is_null() const { return node_.IsNull(); }

  // Declares the keys this mapping may hold; any other key is an error naming the closest allowed key.
  void allow_keys(std::initializer_list<const char*> allowed) const;
  void allow_keys(const std::vector<std::string>& allowed) const;
  // The keys a section declares in sim/scenario/scenario_keys.cpp (and `extra`, keys the caller
  // derives, e.g. the per-volume-type quotas): unknown keys as above, then each missing required key.
  void allow_keys(const Shape& shape, const std::vector<std::string>& extra = {}) const;

  Node req(const std::string& key) const;                 // required key
  std::optional<Node> opt(const std::string& key) const;  // optional key (absent or null -> nullopt)
  bool has(const std::string& key) const;
  std::vector<Node> items() const;                            // a sequence
  std::vector<std::pair<std::string, Node>> entries() const;  // a mapping, in file order

  std::string str() const;
  int64_t integer() const;
  // An integer in [lo, hi]; outside it fails naming the range (no silent truncation to int).
  int64_t integer_in(int64_t lo, int64_t hi) const;
  int int32() const;  // an integer that fits an int
  double number() const;
  bool boolean() const;
  double size_bytes() const;
  double rate_Bps() const;
  double time_s() const;  // at most limits::kMaxTimeS
  double flops() const;
  std::vector<std::string> str_list() const;

  // YAML -> JSON keeping what the user wrote: quoted scalars stay strings ("20"), plain ones become
  // numbers, booleans or null when they read as such. Used for Nova API bodies pasted verbatim.
  nlohmann::json json() const;

  // Convenience: optional typed values with defaults.
  std::string str_or(const std::string& key, const std::string& def) const;
  int64_t int_or(const std::string& key, int64_t def) const;
  int int32_or(const std::string& key, int def) const;
  double num_or(const std::string& key, double def) const;
  bool bool_or(const std::string& key, bool def) const;
  double time_or(const std::string& key, double def) const;

  const YAML::Node& raw() const { return node_; }

 private:
  std::string kind() const;
  double time_parsed_s() const;
  YAML::Node node_;
  std::shared_ptr<const std::string> file_;
  std::string path_;
};

// An integer within the bounds `key` declares (Key::min / Key::max).
inline int64_t bounded(const Node& n, const Key& key) {
  return n.integer_in(key.min.value_or(INT64_MIN), key.max.value_or(INT64_MAX));
}

// Every input file goes through here, read once: a regular file of at most limits::kMaxInputBytes,
// valid UTF-8 (the first bad byte is named by line:col). FIFOs, devices and directories are refused.
std::string read_text_file(const std::string& path);
// Throws ScenarioError "<name>:<line>:<col>: not valid UTF-8 ..." at the first invalid byte.
void check_utf8(const std::string& text, const std::string& display_name);

// YAML documents are checked after parsing: nesting at most limits::kMaxYamlDepth (an alias cycle
// never ends, so it hits this), at most limits::kMaxYamlNodes nodes with aliases expanded (a
// "billion laughs" document), scalars at most limits::kMaxScalarBytes.
Node load_file(const std::string& path);
Node load_string(const std::string& text, const std::string& display_name);

}  // namespace bfv::scn

#include "sim/scenario/yaml_node.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "sim/units.hpp"

namespace bfv::scn {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string join_path(const std::string& base, const std::string& key) { return base.empty() ? key : base + "." + key; }

}  // namespace

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_d = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_d) { best_d = d; best = c; }
  }
  return best;
}

Node::Node(YAML::Node node, std::shared_ptr<const std::string> file, std::string path)
    : node_(std::move(node)), file_(std::move(file)), path_(std::move(path)) {}

std::string Node::where() const {
  auto m = node_.Mark();
  std::ostringstream os;
  os << *file_;
  if (m.line >= 0) os << ":" << (m.line + 1) << ":" << (m.column + 1);
  return os.str();
}

void Node::fail(const std::string& message) const {
  throw ScenarioError(where() + ": " + (path_.empty() ? std::string("(top level)") : path_) + ": " + message);
}

std::string Node::kind() const {
  if (node_.IsMap()) return "a mapping";
  if (node_.IsSequence()) return "a list";
  if (node_.IsNull()) return "empty";
  return "'" + node_.Scalar() + "'";
}

void Node::allow_keys(std::initializer_list<const char*> allowed) const {
  allow_keys(std::vector<std::string>(allowed.begin(), allowed.end()));
}

void Node::allow_keys(const std::vector<std::string>& allowed) const {
  if (!node_.IsMap()) fail("expected a mapping, found " + kind());
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string key = it->first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    Node k(it->first, file_, join_path(path_, key));
    std::string hint = did_you_mean(key, allowed);
    std::string msg = "unknown key '" + key + "'";
    if (!hint.empty()) msg += "; did you mean '" + hint + "'?";
    else {
      msg += " (allowed here: ";
      for (size_t i = 0; i < allowed.size(); ++i) msg += (i ? ", " : "") + allowed[i];
      msg += ")";
    }
    k.fail(msg);
  }
}

bool Node::has(const std::string& key) const { return node_.IsMap() && node_[key] && !node_[key].IsNull(); }

Node Node::req(const std::string& key) const {
  if (!node_.IsMap()) fail("expected a mapping, found " + kind());
  YAML::Node child = node_[key];
  if (!child || child.IsNull()) fail("missing required key '" + key + "'");
  return Node(child, file_, join_path(path_, key));
}

std::optional<Node> Node::opt(const std::string& key) const {
  if (!node_.IsMap()) fail("expected a mapping, found " + kind());
  YAML::Node child = node_[key];
  if (!child || child.IsNull()) return std::nullopt;
  return Node(child, file_, join_path(path_, key));
}

std::vector<Node> Node::items() const {
  if (!node_.IsSequence()) fail("expected a list, found " + kind());
  std::vector<Node> out;
  for (size_t i = 0; i < node_.size(); ++i) out.emplace_back(node_[i], file_, path_ + "[" + std::to_string(i) + "]");
  return out;
}

std::vector<std::pair<std::string, Node>> Node::entries() const {
  if (!node_.IsMap()) fail("expected a mapping, found " + kind());
  std::vector<std::pair<std::string, Node>> out;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    std::string key = it->first.as<std::string>();
    out.emplace_back(key, Node(it->second, file_, join_path(path_, key)));
  }
  return out;
}

std::string Node::str() const {
  if (!node_.IsScalar()) fail("expected a string, found " + kind());
  return node_.Scalar();
}

int64_t Node::integer() const {
  if (!node_.IsScalar() || node_.Tag() == "!") fail("expected an integer, found " + kind());
  const std::string& s = node_.Scalar();
  try {
    size_t pos = 0;
    long long v = std::stoll(s, &pos);
    if (pos == s.size()) return v;
  } catch (...) {
  }
  fail("expected an integer, found '" + s + "'");
}

double Node::number() const {
  if (!node_.IsScalar() || node_.Tag() == "!") fail("expected a number, found " + kind());
  const std::string& s = node_.Scalar();
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) fail("expected a number, found '" + s + "'");
  return v;
}

bool Node::boolean() const {
  if (node_.IsScalar() && node_.Tag() != "!") {
    const std::string& s = node_.Scalar();
    if (s == "true" || s == "True" || s == "yes") return true;
    if (s == "false" || s == "False" || s == "no") return false;
  }
  fail("expected true or false, found " + kind());
}

#define BFV_UNIT_GETTER(fn, parser)                 \
  double Node::fn() const {                         \
    if (!node_.IsScalar()) fail("expected a quantity with a unit, found " + kind()); \
    try {                                           \
      return units::parser(node_.Scalar());         \
    } catch (const units::UnitError& e) {           \
      fail(e.what());                               \
    }                                               \
  }
BFV_UNIT_GETTER(size_bytes, parse_size_bytes)
BFV_UNIT_GETTER(rate_Bps, parse_rate_Bps)
BFV_UNIT_GETTER(time_s, parse_time_s)
BFV_UNIT_GETTER(flops, parse_flops)
#undef BFV_UNIT_GETTER

std::vector<std::string> Node::str_list() const {
  std::vector<std::string> out;
  for (const auto& n : items()) out.push_back(n.str());
  return out;
}

nlohmann::json Node::json() const {
  if (node_.IsNull()) return nullptr;
  if (node_.IsSequence()) {
    auto arr = nlohmann::json::array();
    for (const auto& n : items()) arr.push_back(n.json());
    return arr;
  }
  if (node_.IsMap()) {
    auto obj = nlohmann::json::object();
    for (const auto& [k, v] : entries()) obj[k] = v.json();
    return obj;
  }
  const std::string& s = node_.Scalar();
  if (node_.Tag() == "!") return s;  // quoted: the user wrote a string
  if (s == "null" || s == "~") return nullptr;
  if (s == "true" || s == "True") return true;
  if (s == "false" || s == "False") return false;
  try {
    size_t pos = 0;
    long long v = std::stoll(s, &pos);
    if (pos == s.size()) return v;
  } catch (...) {
  }
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) return d;
  return s;
}

std::string Node::str_or(const std::string& key, const std::string& def) const {
  auto n = opt(key);
  return n ? n->str() : def;
}
int64_t Node::int_or(const std::string& key, int64_t def) const {
  auto n = opt(key);
  return n ? n->integer() : def;
}
double Node::num_or(const std::string& key, double def) const {
  auto n = opt(key);
  return n ? n->number() : def;
}
bool Node::bool_or(const std::string& key, bool def) const {
  auto n = opt(key);
  return n ? n->boolean() : def;
}
double Node::time_or(const std::string& key, double def) const {
  auto n = opt(key);
  return n ? n->time_s() : def;
}

Node load_string(const std::string& text, const std::string& display_name) {
  auto file = std::make_shared<const std::string>(display_name);
  try {
    return Node(YAML::Load(text), file, "");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(*file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": YAML syntax error: " + e.msg);
  }
}

Node load_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScenarioError(path + ": cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  return load_string(ss.str(), path);
}

}  // namespace bfv::scn

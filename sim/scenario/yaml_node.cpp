#include "sim/scenario/yaml_node.hpp"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

#include "sim/scenario/limits.hpp"
#include "core/units.hpp"

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
    if (d < best_d) {
      best_d = d;
      best = c;
    }
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
    if (!hint.empty())
      msg += "; did you mean '" + hint + "'?";
    else {
      msg += " (allowed here: ";
      for (size_t i = 0; i < allowed.size(); ++i) msg += (i ? ", " : "") + allowed[i];
      msg += ")";
    }
    k.fail(msg);
  }
}

void Node::allow_keys(const Shape& shape, const std::vector<std::string>& extra) const {
  std::vector<std::string> allowed = shape.names();
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  allow_keys(allowed);
  for (const auto& k : shape.keys)
    if (k.required) (void)req(k.name);
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

int64_t Node::integer_in(int64_t lo, int64_t hi) const {
  const int64_t v = integer();
  if (v < lo || v > hi)
    fail("must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", found " + std::to_string(v));
  return v;
}

int Node::int32() const { return static_cast<int>(integer_in(INT_MIN, INT_MAX)); }

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

#define BFV_UNIT_GETTER(fn, parser)                                                  \
  double Node::fn() const {                                                          \
    if (!node_.IsScalar()) fail("expected a quantity with a unit, found " + kind()); \
    try {                                                                            \
      return units::parser(node_.Scalar());                                          \
    } catch (const units::UnitError& e) {                                            \
      fail(e.what());                                                                \
    }                                                                                \
  }
BFV_UNIT_GETTER(size_bytes, parse_size_bytes)
BFV_UNIT_GETTER(rate_Bps, parse_rate_Bps)
BFV_UNIT_GETTER(time_parsed_s, parse_time_s)
BFV_UNIT_GETTER(flops, parse_flops)

double Node::time_s() const {
  const double t = time_parsed_s();
  if (t > limits::kMaxTimeS)
    fail("'" + node_.Scalar() + "' is beyond bfvsim's limit of 1e9 s of simulated time (docs/limits.md)");
  return t;
}
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
int Node::int32_or(const std::string& key, int def) const {
  auto n = opt(key);
  return n ? n->int32() : def;
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

void check_utf8(const std::string& text, const std::string& display_name) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = n != 0 && i + n <= text.size();
    uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; ok && k < n; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      ok = (cc >> 6) == 0x2;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8 either.
    if (ok && ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
               (cp >= 0xD800 && cp <= 0xDFFF)))
      ok = false;
    if (!ok) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      throw ScenarioError(display_name + ":" + std::to_string(line) + ":" + std::to_string(col) +
                          ": not valid UTF-8 (byte " + hex + "); bfvsim reads UTF-8 text only");
    }
    if (c == '\n')
      line++, col = 1;
    else
      col++;
    i += n;
  }
}

namespace {

// Walks the parsed document with aliases expanded, bounded in depth and in nodes visited.
struct ShapeCheck {
  std::shared_ptr<const std::string> file;
  size_t visited = 0;
  void walk(const YAML::Node& n, int depth) {
    if (++visited > limits::kMaxYamlNodes)
      fail(n,
           "the document expands to more than 1,000,000 nodes (aliases counted each time they are used: "
           "docs/limits.md)");
    if (depth > limits::kMaxYamlDepth)
      fail(n, "nesting deeper than 64 levels (an alias that contains itself never ends: docs/limits.md)");
    if (n.IsScalar()) {
      if (n.Scalar().size() > limits::kMaxScalarBytes) fail(n, "a value longer than 1 MiB (docs/limits.md)");
      return;
    }
    if (n.IsSequence())
      for (const auto& c : n) walk(c, depth + 1);
    else if (n.IsMap())
      for (const auto& kv : n) {
        // yaml-cpp accepts `? [a, b]: x`; every key bfvsim reads is a word (a bad_conversion otherwise).
        if (!kv.first.IsScalar()) fail(kv.first, "a mapping key must be a plain value, not a list or a mapping");
        walk(kv.first, depth + 1);
        walk(kv.second, depth + 1);
      }
  }
  [[noreturn]] void fail(const YAML::Node& n, const std::string& what) const {
    const auto m = n.Mark();
    std::string where = *file;
    if (m.line >= 0) where += ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
    throw ScenarioError(where + ": " + what);
  }
};

}  // namespace

Node load_string(const std::string& text, const std::string& display_name) {
  auto file = std::make_shared<const std::string>(display_name);
  if (text.size() > limits::kMaxInputBytes)
    throw ScenarioError(display_name + ": larger than bfvsim's 16 MiB input limit (docs/limits.md)");
  check_utf8(text, display_name);
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(*file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1) +
                        ": YAML syntax error: " + e.msg);
  }
  ShapeCheck{file}.walk(doc, 0);
  return Node(doc, file, "");
}

std::string read_text_file(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw ScenarioError(path + ": cannot open file (" + std::strerror(errno) + ")");
  if (!S_ISREG(st.st_mode))
    throw ScenarioError(path + ": not a regular file (a directory, FIFO or device); bfvsim reads files only");
  if (static_cast<uint64_t>(st.st_size) > limits::kMaxInputBytes)
    throw ScenarioError(path + ": larger than bfvsim's 16 MiB input limit (docs/limits.md)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path + ": cannot open file");
  std::string text(static_cast<size_t>(st.st_size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  check_utf8(text, path);
  return text;
}

Node load_file(const std::string& path) { return load_string(read_text_file(path), path); }

}  // namespace bfv::scn

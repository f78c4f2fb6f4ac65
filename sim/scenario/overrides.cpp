// --set PATH=VALUE and the cloud's ini files, applied to the scenario's YAML tree before the strict
// loader reads it, so an override is validated exactly like the same key written in the file.
// Order: scenario file < ini files (--nova-conf, ...) < --set. Every applied setting is recorded
// (Scenario::applied_settings -> report.json "overrides"). Like SimGrid's --cfg=name:value.
#include <fstream>
#include <sstream>

#include "sim/scenario/loader_parts.hpp"
#include "sim/scenario/oslo_ini.hpp"

namespace bfv {
namespace {

struct Step {
  std::string key;   // mapping key, or
  long index = -1;   // list index, or
  std::string name;  // list element whose `name` is this ([storm])
};

[[noreturn]] void bad(const std::string& what, const std::string& source, const std::string& msg) {
  throw scn::ScenarioError(source + " " + what + ": " + msg);
}

std::vector<Step> parse_path(const std::string& path, const std::string& source) {
  std::vector<Step> steps;
  std::size_t i = 0;
  auto fail = [&](const std::string& m) { bad(path, source, m); };
  if (path.empty()) fail("empty path");
  while (i < path.size()) {
    if (path[i] == '[') {
      auto close = path.find(']', i);
      if (close == std::string::npos) fail("'[' without ']'");
      std::string inner = path.substr(i + 1, close - i - 1);
      if (inner.empty()) fail("empty []");
      Step st;
      if (inner.find_first_not_of("0123456789") == std::string::npos)
        st.index = std::stol(inner);
      else
        st.name = inner;
      steps.push_back(st);
      i = close + 1;
      if (i < path.size() && path[i] == '.') ++i;
      continue;
    }
    auto end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    std::string key = path.substr(i, end - i);
    if (key.empty()) fail("empty key (two dots in a row?)");
    steps.push_back(Step{key, -1, ""});
    i = end;
    if (i < path.size() && path[i] == '.') {
      ++i;
      if (i == path.size()) fail("path ends with '.'");
    }
  }
  return steps;
}

// A value as YAML would read it in the file: "20" a plain scalar, "'20'" a quoted string, "[a, b]" a list.
YAML::Node parse_value(const std::string& v, const std::string& what, const std::string& source) {
  if (!v.empty() && (v[0] == '[' || v[0] == '{')) {
    try {
      return YAML::Load(v);
    } catch (const YAML::Exception& e) {
      bad(what, source, "value '" + v + "' is not valid YAML: " + e.msg);
    }
  }
  YAML::Node n(v.size() >= 2 && (v[0] == '"' || v[0] == '\'') && v.back() == v[0] ? v.substr(1, v.size() - 2) : v);
  if (v.size() >= 2 && (v[0] == '"' || v[0] == '\'') && v.back() == v[0]) n.SetTag("!");
  return n;
}

std::string describe(const YAML::Node& n) {
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  if (n.IsScalar()) return "'" + n.Scalar() + "'";
  return "empty";
}

// Walks `root` along `path`, creating missing mapping keys; replaces the leaf with `value`.
void apply_one(YAML::Node root, const std::string& path, const YAML::Node& value, const std::string& source) {
  auto steps = parse_path(path, source);
  YAML::Node cur;
  cur.reset(root);
  std::string at;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const Step& st = steps[k];
    bool last = k + 1 == steps.size();
    if (st.index >= 0 || !st.name.empty()) {
      std::string here = at + "[" + (st.index >= 0 ? std::to_string(st.index) : st.name) + "]";
      if (!cur.IsSequence())
        bad(path, source, (at.empty() ? "the top level" : at) + " is " + describe(cur) + ", not a list");
      long found = -1;
      if (st.index >= 0) {
        if (st.index >= static_cast<long>(cur.size()))
          bad(path, source,
              at + " has " + std::to_string(cur.size()) + " entries; index " + std::to_string(st.index) +
                  " is out of range");
        found = st.index;
      } else {
        std::vector<std::string> names;
        for (std::size_t j = 0; j < cur.size(); ++j)
          if (cur[j].IsMap() && cur[j]["name"] && cur[j]["name"].IsScalar()) {
            names.push_back(cur[j]["name"].Scalar());
            if (names.back() == st.name && found < 0) found = static_cast<long>(j);
          }
        if (found < 0) {
          std::string hint = scn::did_you_mean(st.name, names);
          bad(path, source,
              "no entry of " + at + " has name '" + st.name + "'" +
                  (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
        }
      }
      at = here;
      if (last) {
        cur[static_cast<std::size_t>(found)] = value;
        return;
      }
      YAML::Node next = cur[static_cast<std::size_t>(found)];
      cur.reset(next);
      continue;
    }
    at = at.empty() ? st.key : at + "." + st.key;
    if (cur.IsNull()) cur = YAML::Node(YAML::NodeType::Map);
    if (!cur.IsMap()) bad(path, source, "cannot set '" + st.key + "' inside " + describe(cur));
    if (last) {
      cur[st.key] = value;
      return;
    }
    if (!cur[st.key] || cur[st.key].IsNull()) cur[st.key] = YAML::Node(YAML::NodeType::Map);
    YAML::Node next = cur[st.key];
    cur.reset(next);
  }
}

}  // namespace

void apply_setting(YAML::Node root, const std::string& path, const YAML::Node& value, const std::string& source) {
  apply_one(std::move(root), path, value, source);
}

Scenario load_scenario(const std::string& path, const LoadOptions& opt) {
  if (opt.empty()) return load_scenario(path);
  scn::Node doc = scn::load_file(path);
  YAML::Node root = YAML::Clone(doc.raw());
  if (!root.IsMap()) doc.fail("a scenario is a mapping with name, topology, cloud, workload, ...");
  std::vector<AppliedSetting> applied;
  std::vector<UnmodelledOption> unmodelled;
  for (const auto& [service, file] : opt.conf_files) {
    auto conf = read_service_conf(service, file, root);
    for (const auto& s : conf.settings) {
      apply_one(root, s.path, s.value, s.source);
      applied.push_back({s.path, s.text, s.source});
    }
    unmodelled.insert(unmodelled.end(), conf.not_modelled.begin(), conf.not_modelled.end());
  }
  for (const auto& set : opt.sets) {
    auto eq = set.find('=');
    if (eq == std::string::npos || eq == 0)
      throw scn::ScenarioError("--set " + set + ": expected PATH=VALUE, e.g. workload[0].arrival.rate=4");
    std::string p = set.substr(0, eq), v = set.substr(eq + 1);
    apply_one(root, p, parse_value(v, p, "--set"), "--set");
    applied.push_back({p, v, "--set"});
  }
  Scenario s;
  try {
    s = load_scenario_root(scn::Node(root, std::make_shared<const std::string>(path), ""), path);
  } catch (const scn::ScenarioError& e) {
    // Name the override behind the error: the latest setting whose path the message mentions.
    std::string msg = e.what();
    auto mentions = [&](const std::string& path) {  // the error's key path is the setting's path or a prefix of it
      for (std::size_t n = path.size(); n > 0; n = path.find_last_of(".[", n - 1)) {
        if (msg.find(": " + path.substr(0, n) + ": ") != std::string::npos) return true;
        if (n == 0 || path.find_last_of(".[", n - 1) == std::string::npos) break;
      }
      return false;
    };
    for (auto it = applied.rbegin(); it != applied.rend(); ++it)
      if (mentions(it->path)) {
        std::string from = it->source == "--set" ? "--set " + it->path + "=" + it->value : it->source;
        throw scn::ScenarioError(msg + " (from " + from + ")");
      }
    throw;
  }
  s.applied_settings = std::move(applied);
  s.options_not_modelled = std::move(unmodelled);
  return s;
}

}  // namespace bfv

// oslo.config ini files -> scenario settings. Syntax as oslo_config/iniparser.py::BaseParser.parse:
// `[section]` headers; `key = value` or `key: value` (the first of '=' / ':' splits); a line
// starting with a space or tab continues the previous value (joined with '\n'); a blank line ends
// it; lines starting with '#' or ';' are comments; a value wholly in matching quotes loses them;
// an option before any section is an error (cfg.py::ConfigParser.error_no_section). Group names
// are lower-cased except DEFAULT (cfg.py::_normalize_group_name). A key given twice keeps every
// value (multi-valued options, MultiStrOpt); a single-valued option takes the last one.
// Types follow oslo_config/types.py (Integer, Float, Boolean: true/1/on/yes, false/0/off/no).
#include "sim/scenario/oslo_ini.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/scenario/loader_parts.hpp"
#include "sim/scenario/options.hpp"
#include "core/units.hpp"

namespace bfv {
namespace {

std::string rstrip(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  return s;
}
std::string strip(const std::string& s) {
  std::size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  return rstrip(s.substr(a));
}
std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
std::string group_of(const std::string& section) { return section == "DEFAULT" ? section : lower(section); }

// Options cinder-volume reads per backend (cinder/volume/driver.py volume_opts and the driver
// options, registered in the backend section and [backend_defaults]: cinder/volume/configuration.py
// ::BackendGroupConfiguration). With enabled_backends set, [DEFAULT] copies of them are not read.
const std::vector<std::string> kCinderBackendOpts{"image_volume_cache_enabled",
                                                  "image_volume_cache_max_size_gb",
                                                  "image_volume_cache_max_count",
                                                  "volume_clear",
                                                  "volume_clear_size",
                                                  "max_over_subscription_ratio",
                                                  "reserved_percentage",
                                                  "volume_copy_bps_limit",
                                                  "rbd_max_clone_depth"};
// ...of which the scenario has a per-backend field (topology.cinder_backends[]); the rest are cloud-wide.
const std::vector<std::string> kPerBackendField{"image_volume_cache_enabled", "image_volume_cache_max_size_gb",
                                                "image_volume_cache_max_count", "volume_clear",
                                                "max_over_subscription_ratio"};

// A per-backend field with no [DEFAULT] declaration is read as a string.
const ModelledOption kPlainString{"", "", OptType::Str, {}};

bool in(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

std::vector<IniEntry> parse_oslo_ini(const std::string& text, const std::string& file) {
  std::vector<IniEntry> out;
  std::istringstream in(text);
  std::string raw, section;
  bool have_section = false, pending = false;
  IniEntry cur;
  std::vector<std::string> parts;
  int lineno = 0;
  auto fail = [&](const std::string& msg, const std::string& line) {
    throw scn::ScenarioError(file + ":" + std::to_string(lineno) + ": " + msg + ": '" + line +
                             "' (oslo.config ini syntax)");
  };
  auto flush = [&] {
    if (!pending) return;
    cur.value.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) cur.value += (i ? "\n" : "") + parts[i];
    out.push_back(cur);
    pending = false;
  };
  while (std::getline(in, raw)) {
    ++lineno;
    std::string line = rstrip(raw);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (!pending) fail("unexpected continuation line", line);
      parts.push_back(strip(line));
      continue;
    }
    flush();
    if (line[0] == '[') {
      if (line.back() != ']') fail("invalid section (must end with ])", line);
      if (line.size() <= 2) fail("empty section name", line);
      section = line.substr(1, line.size() - 2);
      have_section = true;
    } else if (line[0] == '#' || line[0] == ';') {
      continue;
    } else {
      auto colon = line.find(':'), equal = line.find('=');
      if (colon == std::string::npos && equal == std::string::npos) fail("no ':' or '=' found in assignment", line);
      auto split = (colon == std::string::npos || (equal != std::string::npos && equal < colon)) ? equal : colon;
      std::string key = strip(line.substr(0, split)), value = strip(line.substr(split + 1));
      if (value.size() >= 2 && value.front() == value.back() && (value[0] == '"' || value[0] == '\''))
        value = value.substr(1, value.size() - 2);
      if (key.empty()) fail("key cannot be empty", line);
      if (!have_section) fail("no section header before this option", line);
      cur = IniEntry{section, key, "", lineno};
      parts.assign(1, value);
      pending = true;
    }
  }
  flush();
  return out;
}

namespace {

// The value as the loader should read it, or an error naming file:line.
YAML::Node typed(const IniEntry& e, const ModelledOption& m, const std::string& file, const std::string& service) {
  const OptType t = m.type;
  auto fail = [&](const std::string& expected) {
    throw scn::ScenarioError(file + ":" + std::to_string(e.line) + ": [" + e.section + "] " + e.key + " = '" + e.value +
                             "': " + expected);
  };
  const std::string& v = e.value;
  switch (t) {
    case OptType::Int:
    case OptType::LL: {
      std::size_t pos = 0;
      try {
        (void)std::stoll(v, &pos);
      } catch (...) {
        pos = 0;
      }
      if (v.empty() || pos != v.size()) fail("expected an integer (oslo.config IntOpt)");
      return YAML::Node(v);
    }
    case OptType::Num: {
      if (service == "glance" && e.key == "user_storage_quota") {
        // glance: a non-negative integer with an optional case-sensitive unit B, KB, MB, GB, TB
        // (1024-based, glance/api/common.py::get_remaining_quota); bfvsim stores bytes.
        std::size_t digits = 0;
        while (digits < v.size() && std::isdigit(static_cast<unsigned char>(v[digits]))) ++digits;
        std::string unit = v.substr(digits);
        static const std::map<std::string, double> mult{
            {"", 1}, {"B", 1}, {"KB", 1024.0}, {"MB", 1048576.0}, {"GB", 1073741824.0}, {"TB", 1099511627776.0}};
        if (!digits || !mult.count(unit))
          fail("expected a non-negative integer with an optional unit B, KB, MB, GB or TB");
        return YAML::Node(std::to_string(static_cast<long long>(std::stod(v.substr(0, digits)) * mult.at(unit))));
      }
      if (v == "auto") fail("'auto' is not modelled by bfvsim: give the ratio as a number");
      char* end = nullptr;
      (void)std::strtod(v.c_str(), &end);
      if (v.empty() || end != v.c_str() + v.size()) fail("expected a number (oslo.config FloatOpt)");
      return YAML::Node(v);
    }
    case OptType::Bool: {
      std::string l = lower(v);
      if (l == "true" || l == "1" || l == "on" || l == "yes") return YAML::Node("true");
      if (l == "false" || l == "0" || l == "off" || l == "no") return YAML::Node("false");
      fail("expected a boolean (oslo.config BoolOpt: true/false, yes/no, on/off, 1/0)");
    }
    case OptType::Time: try { units::parse_time_s(v);
      } catch (const units::UnitError& ex) {
        fail(ex.what());
      }
      return YAML::Node(v);
    case OptType::Rate: try { units::parse_rate_Bps(v);
      } catch (const units::UnitError& ex) {
        fail(ex.what());
      }
      return YAML::Node(v);
    case OptType::Enum:  // oslo.config's choices: refused here, at the ini file's line
      if (std::find(m.doc.choices.begin(), m.doc.choices.end(), v) == m.doc.choices.end())
        fail(choice_error(e.key, v, m.doc));
      [[fallthrough]];
    case OptType::Str:
    case OptType::OptStr:
    case OptType::List: {
      YAML::Node n(v);
      n.SetTag("!");
      return n;
    }
  }
  return YAML::Node(v);
}

}  // namespace

ServiceConf read_service_conf(const std::string& service, const std::string& file, const YAML::Node& scenario) {
  std::ifstream f(file);
  if (!f) throw scn::ScenarioError(file + ": cannot open --" + service + "-conf file");
  std::stringstream ss;
  ss << f.rdbuf();
  auto entries = parse_oslo_ini(ss.str(), file);
  const auto modelled = modelled_options(service);
  auto where = [&](const IniEntry& e) { return file + ":" + std::to_string(e.line); };

  // The last occurrence of each (group, key) is the value oslo.config uses; every occurrence is kept for the record.
  std::map<std::pair<std::string, std::string>, std::size_t> last;
  for (std::size_t i = 0; i < entries.size(); ++i) last[{group_of(entries[i].section), entries[i].key}] = i;

  ServiceConf out;
  std::map<std::pair<std::string, std::string>, std::size_t> unmodelled_at;
  auto not_modelled = [&](const IniEntry& e, const std::string& note) {
    auto key = std::make_pair(e.section, e.key);
    auto it = unmodelled_at.find(key);
    if (it != unmodelled_at.end()) {
      out.not_modelled[it->second].values.push_back(e.value);
      return;
    }
    unmodelled_at[key] = out.not_modelled.size();
    out.not_modelled.push_back({file, e.line, e.section, e.key, {e.value}, note});
  };
  auto set = [&](const IniEntry& e, const std::string& path, YAML::Node value, const std::string& note = "") {
    out.settings.push_back({path, std::move(value), e.value, where(e) + note});
  };

  // cinder: enabled_backends names the backend sections; each must be a backend of the scenario's
  // topology (the hardware comes from the scenario, the options from the file).
  std::map<std::string, std::string> backend_of_section;  // section -> scenario backend name
  if (service == "cinder") {
    auto it = last.find({"DEFAULT", "enabled_backends"});
    if (it != last.end()) {
      const IniEntry& eb = entries[it->second];
      std::vector<std::string> scenario_backends;
      if (scenario["topology"] && scenario["topology"]["cinder_backends"] &&
          scenario["topology"]["cinder_backends"].IsSequence())
        for (const auto& b : scenario["topology"]["cinder_backends"])
          if (b.IsMap() && b["name"] && b["name"].IsScalar()) scenario_backends.push_back(b["name"].Scalar());
      std::string item;
      std::stringstream list(eb.value);
      while (std::getline(list, item, ',')) {
        item = strip(item);
        if (item.empty()) continue;
        std::string name = item;
        if (!in(scenario_backends, name)) {
          // else match by the section's volume_backend_name
          for (const auto& e : entries)
            if (e.section == item && e.key == "volume_backend_name" && in(scenario_backends, e.value)) name = e.value;
        }
        if (!in(scenario_backends, name))
          throw scn::ScenarioError(where(eb) + ": [DEFAULT] enabled_backends names '" + item +
                                   "', but the scenario's topology.cinder_backends has no backend of that name or "
                                   "volume_backend_name (the backend's hardware comes from the scenario)");
        backend_of_section[item] = name;
      }
    }
  }
  const bool multi_backend = !backend_of_section.empty();
  std::vector<std::string> driver_sections;  // sections with a volume_driver: backends, enabled or not
  if (service == "cinder")
    for (const auto& e : entries)
      if (e.key == "volume_driver" && !in(driver_sections, e.section)) driver_sections.push_back(e.section);

  for (std::size_t i = 0; i < entries.size(); ++i) {
    const IniEntry& e = entries[i];
    const std::string g = group_of(e.section);
    bool is_last = last[{g, e.key}] == i;
    auto find = [&](const std::string& group, const std::string& key) -> const ModelledOption* {
      for (const auto& m : modelled)
        if (m.group == group && m.name == key) return &m;
      return nullptr;
    };
    if (service == "cinder") {
      if (g == "DEFAULT" && e.key == "enabled_backends") continue;  // used above
      if (auto b = backend_of_section.find(e.section); b != backend_of_section.end()) {
        std::string base = "topology.cinder_backends[" + b->second + "].";
        if (!is_last) continue;
        if (in(kPerBackendField, e.key)) {
          const auto* m = find("DEFAULT", e.key);
          set(e, base + e.key, typed(e, m ? *m : kPlainString, file, service));
        } else if (in(kCinderBackendOpts, e.key)) {
          const auto* m = find("DEFAULT", e.key);
          set(e, "config.cinder.DEFAULT." + e.key, typed(e, *m, file, service),
              " (bfvsim models one value for every backend)");
        } else if (e.key == "lvm_type") {
          // cinder/volume/drivers/lvm.py lvm_opts: default (thick) | thin | auto (thin where supported)
          std::string t = e.value == "default" ? "thick" : e.value == "thin" || e.value == "auto" ? "thin" : "";
          if (t.empty())
            throw scn::ScenarioError(where(e) + ": [" + e.section + "] lvm_type = '" + e.value +
                                     "': expected default, thin or auto");
          set(e, base + "lvm_type", YAML::Node(t),
              e.value == "auto" ? " (auto: thin, as where thin LVM is supported)" : "");
        } else if (e.key == "volume_driver") {
          std::string d = e.value == "cinder.volume.drivers.lvm.LVMVolumeDriver" ? "lvm"
                          : e.value == "cinder.volume.drivers.rbd.RBDDriver"     ? "rbd"
                                                                                 : "";
          if (d.empty())
            throw scn::ScenarioError(where(e) + ": [" + e.section + "] volume_driver = '" + e.value +
                                     "': bfvsim models cinder.volume.drivers.lvm.LVMVolumeDriver and "
                                     "cinder.volume.drivers.rbd.RBDDriver only");
          set(e, base + "driver", YAML::Node(d));
        } else if (e.key == "volume_backend_name") {
          continue;  // used to match the backend
        } else {
          not_modelled(e, "backend option not modelled");
        }
        continue;
      }
      if (g == "backend_defaults") {
        if (!is_last) continue;
        if (in(kCinderBackendOpts, e.key)) {
          const auto* m = find("DEFAULT", e.key);
          set(e, "config.cinder.DEFAULT." + e.key, typed(e, *m, file, service));
        } else {
          not_modelled(e, "backend option not modelled");
        }
        continue;
      }
      if (g == "DEFAULT" && multi_backend && in(kCinderBackendOpts, e.key)) {
        not_modelled(e,
                     "not read by cinder-volume when enabled_backends is set: put it in the backend section or "
                     "[backend_defaults]");
        continue;
      }
    }
    if (service == "cinder" && in(driver_sections, e.section)) {
      not_modelled(e, "backend section not named by enabled_backends: cinder-volume does not start it");
      continue;
    }
    if (g == "timing") {  // bfvsim's own group: never in a real file
      not_modelled(e, "[timing] is bfvsim's own group: set it in the scenario or with --set");
      continue;
    }
    if (const auto* m = find(g, e.key)) {
      YAML::Node v = typed(e, *m, file, service);  // every occurrence must have the right type
      if (is_last) set(e, "config." + service + "." + g + "." + e.key, v);
      continue;
    }
    not_modelled(e, "");
  }
  return out;
}

}  // namespace bfv

// The cloud's own ini files (nova.conf, cinder.conf, glance-api.conf, placement.conf) read with
// oslo.config's syntax and turned into scenario settings. Internal to the scenario loader.
#pragma once
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/settings.hpp"

namespace bfv {

// One line of an ini file after oslo_config/iniparser.py::BaseParser.parse: continuation lines
// joined with '\n', surrounding quotes stripped.
struct IniEntry {
  std::string section;  // as written
  std::string key, value;
  int line = 0;  // line of the key
};
// Throws scn::ScenarioError "file:line: ..." for what oslo.config refuses (ParseError).
std::vector<IniEntry> parse_oslo_ini(const std::string& text, const std::string& file);

struct ConfSetting {
  std::string path;  // scenario key path
  YAML::Node value;
  std::string text;    // value as written in the file
  std::string source;  // "file:line"
};
struct ServiceConf {
  std::vector<ConfSetting> settings;
  std::vector<UnmodelledOption> not_modelled;
};
// service: nova | cinder | glance | placement. `scenario` is the scenario's YAML tree (read only):
// cinder backend sections are matched to its topology.cinder_backends. A value of the wrong type,
// or a backend bfvsim cannot map, throws ScenarioError naming file:line.
ServiceConf read_service_conf(const std::string& service, const std::string& file, const YAML::Node& scenario);

// Sets one scenario key (overrides.cpp): creates missing mapping keys, indexes lists by number or
// by an entry's `name` ([lvm-1]).
void apply_setting(YAML::Node root, const std::string& path, const YAML::Node& value, const std::string& source);

}  // namespace bfv

// Parsing of `openstack server create ...` and `nova boot ...` command lines into the exact
// `POST /servers` body each real client sends, with the client's own parse errors.
// Pure: no SimGrid, no YAML. Followed upstream (read 2026):
//   python-openstackclient openstackclient/compute/v2/server.py::CreateServer, BDMAction,
//     BDMLegacyAction, NICAction (OSC >= 7 sends through openstacksdk compute create_server)
//   osc-lib osc_lib/cli/parseractions.py::MultiKeyValueAction
//   python-novaclient novaclient/v2/shell.py::_boot, _parse_block_device_mapping_v2, _parse_nics;
//     novaclient/v2/servers.py::ServerManager._boot; novaclient/base.py::_parse_block_device_mapping
// See docs/cli.md for the supported forms, key maps, defaults and error texts.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/semantics/cloud.hpp"

namespace bfv::sem {

struct CliParse {
  bool ok = false;
  nlohmann::json body;       // {"server": {...}} exactly as the client would POST it
  std::string microversion;  // X-OpenStack-Nova-API-Version the client would send
  std::string client;        // "openstack" | "nova"
  int exit_code = 0;         // client's exit status on error: argparse usage error 2, CommandError 1
  std::string error;         // the client's own error text (argparse: "<prog>: error: ..." line)
  std::string hint;          // bfvsim's extra help (long-key OSC form, `nova boot` form)
  bool wait = false;         // `openstack ... --wait` / `nova boot --poll` (no effect on the body)
};

// Newest compute microversion each client knows (what it negotiates down from by default).
inline constexpr const char* kOscSdkMaxMicroversion =
    "2.100";  // openstacksdk openstack/compute/v2/server.py::Server._max_microversion
inline constexpr const char* kNovaclientMaxMicroversion = "2.96";  // novaclient/__init__.py::API_MAX_VERSION

// `cloud` may be null: names are then used as ids and nothing is looked up.
// `nova_max_microversion` is the newest microversion nova-api advertises (NovaConfig::max_microversion);
// both clients negotiate min(client max, server max) unless --os-compute-api-version is given.
CliParse parse_cli(const std::string& command_line, const CloudState* cloud,
                   const std::string& nova_max_microversion = "2.96");

// Shell-like word splitting (single quotes, double quotes, backslash escapes). Returns false and
// sets *error on an unterminated quote or a trailing backslash.
bool shell_split(const std::string& line, std::vector<std::string>* words, std::string* error);

// Compare "X.Y" microversions numerically (2.100 > 2.96). Returns <0, 0, >0.
int compare_microversion(const std::string& a, const std::string& b);

}  // namespace bfv::sem

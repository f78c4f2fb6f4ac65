// `openstack server create`, cut where python-openstackclient cuts it
// (openstackclient/compute/v2/server.py): CreateServer.get_parser's option table, with OSC's own
// argparse actions (BDMAction, BDMLegacyAction, NICAction, osc-lib's MultiKeyValueAction and
// KeyValueAction), fills OscServerCreateArgs; parse_osc_server_create then runs the sections of
// CreateServer.take_action, each a function below. Internal to the CLI parsers and their tests
// (tests/models/semantics/cli/test_cli_osc.cpp).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/semantics/cli_argparse.hpp"
#include "models/semantics/cli_detail.hpp"

namespace bfv::sem::cli_detail::osc {

// One entry of dest='nics', as NICAction / NoneNICAction / AutoNICAction append it.
struct Nic {
  std::string net_id, port_id, v4, v6, tag;
  std::string special;  // "auto" | "none"
};

// CreateServer.get_parser's argparse Namespace.
struct OscServerCreateArgs {
  std::optional<std::string> server_name;  // positional <server-name>
  std::optional<std::string> flavor, image, volume, snapshot, password, key_name, description, availability_zone,
      hostname;
  // --image-property: the last value, split at its first '=' by match_image (upstream collects a
  // KeyValueAction dict of every pair).
  std::optional<std::string> image_property;
  std::optional<std::string> user_data;                        // accepted, the file is not read
  long long boot_from_volume = 0, swap = 0, min = 1, max = 1;  // type=int; 0 counts as not given
  bool delete_on_termination = false, wait = false;
  std::vector<nlohmann::json> block_device_mapping;  // BDMLegacyAction: v2 dicts, raw strings
  std::vector<nlohmann::json> block_devices;         // BDMAction: values still strings
  std::vector<nlohmann::json> ephemerals;            // MultiKeyValueAction(required size, optional format)
  std::vector<Nic> nics;
  std::optional<std::vector<std::string>> security_groups;  // None unless --security-group / --no-security-group
  std::vector<std::pair<std::string, std::string>> properties, hints;  // KeyValueAction / KeyValueAppendAction
  std::optional<bool> config_drive;                                    // --use-config-drive / --no-config-drive
  std::vector<std::string> tags;
};

// CreateServer.get_parser (plus cliff's ShowOne output options), in bfvsim's declaration order;
// the disk, security group and config drive groups are mutually exclusive.
const ArgParser<OscServerCreateArgs>& osc_server_create_parser();

// ---- argparse actions: each returns the ArgumentError message, without "argument --opt: " ----
// osc_lib/cli/parseractions.py::MultiKeyValueAction.__call__ (+ validate_keys). `valid` is printed in
// declared order; upstream joins a Python set, whose order varies from run to run (hash seed).
std::optional<std::string> multi_key_value(const std::string& value, const std::vector<std::string>& required,
                                           const std::vector<std::string>& valid,
                                           std::vector<std::pair<std::string, std::string>>* out);
// server.py::BDMAction.__call__: MultiKeyValueAction over the BDM v2 field names, no required key.
// A path to a JSON file is also accepted upstream; bfvsim does not read files.
std::optional<std::string> bdm_action(const std::string& value, std::vector<nlohmann::json>* out);
// server.py::BDMLegacyAction.__call__: dev-name=id[:type[:size[:delete-on-terminate]]] -> a v2 dict.
std::optional<std::string> bdm_legacy_action(const std::string& value, std::vector<nlohmann::json>* out);
// server.py::NICAction.__call__; `key` is "net-id" (--network), "port-id" (--port) or "" (--nic).
std::optional<std::string> nic_action(const std::string& key, std::string value, std::vector<Nic>* nics);
// osc_lib parseractions.py::KeyValueAction / KeyValueAppendAction (--property, --hint).
std::optional<std::string> key_value_action(const std::string& value,
                                            std::vector<std::pair<std::string, std::string>>* out);
// openstackclient/common/envvars.py::bool_from_str(strict=True).
std::optional<bool> bool_from_str(const std::string& value);

// ---- CreateServer.take_action, section by section (CommandError, exit 1) ----
struct BootSource {
  bool have_image = false;              // --image or --image-property given
  std::string image, volume, snapshot;  // ids ("" when not given)
};
// take_action's nested _match_image for --image-property (image properties, plus name and disk_format).
std::optional<Fail> match_image(const CloudState* cloud, const std::string& image_property, std::string* image_id);
// "Lookup parsed_args.image", then --volume and --snapshot (each refused with --boot-from-volume)
// and the --delete-on-termination check, in take_action's order.
std::optional<Fail> find_boot_source(const OscServerCreateArgs& args, const CloudState* cloud, BootSource* src);
// compute_client.find_flavor(ignore_missing=False).
std::optional<Fail> find_flavor(const CloudState* cloud, const std::string& flavor, std::string* flavor_id);
// The root mapping: --boot-from-volume (image->volume; imageRef then not sent), else image->local,
// volume->volume or snapshot->volume.
std::optional<Fail> root_block_device(const OscServerCreateArgs& args, const BootSource& src,
                                      std::vector<nlohmann::json>* bdms, bool* send_image);
// "if parsed_args.swap" and "for mapping in parsed_args.ephemerals".
void swap_and_ephemerals(const OscServerCreateArgs& args, std::vector<nlohmann::json>* bdms);
// "for mapping in parsed_args.block_device_mapping": names resolved to ids by source type.
std::optional<Fail> resolve_block_device_mapping(const OscServerCreateArgs& args, const CloudState* cloud,
                                                 std::vector<nlohmann::json>* bdms);
// "for mapping in parsed_args.block_devices": boot_index int, tag/volume_type gates, type defaults,
// delete_on_termination by bool_from_str.
std::optional<Fail> prepare_block_devices(const OscServerCreateArgs& args, const Versions& ver,
                                          std::vector<nlohmann::json>* bdms);
// The networks section: auto/none alone and from 2.37, NIC tags from 2.43, network ids checked,
// and "auto" when no NIC option was given from 2.37.
std::optional<Fail> networks_from_nics(const OscServerCreateArgs& args, const CloudState* cloud, const Versions& ver,
                                       nlohmann::json* networks);
// take_action's kwargs (with the --tag and --hostname gates) as openstacksdk's compute create_server
// sends them (Server._prepare_request: scheduler hints at the top level).
std::optional<Fail> server_body(const OscServerCreateArgs& args, const Versions& ver, const std::string& image_id,
                                const std::string& flavor_id, const std::vector<nlohmann::json>& bdms,
                                const nlohmann::json& networks, nlohmann::json* body);

}  // namespace bfv::sem::cli_detail::osc

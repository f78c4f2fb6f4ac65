// `nova boot`, cut where python-novaclient cuts it (novaclient/v2/shell.py, novaclient/v2/servers.py):
// the do_boot option table fills NovaBootArgs (argparse's Namespace); parse_nova_boot then runs the
// steps of shell.py::_boot, each a function named after its upstream counterpart, and
// boot_body builds the request as servers.py::ServerManager._boot. Internal to the CLI parsers and
// their tests (tests/models/semantics/cli/test_cli_nova.cpp).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/semantics/cli_argparse.hpp"
#include "models/semantics/cli_detail.hpp"

namespace bfv::sem::cli_detail::nova {

// do_boot's argparse Namespace: one member per @utils.arg above novaclient/v2/shell.py::do_boot.
struct NovaBootArgs {
  std::optional<std::string> name;  // positional <name>
  std::optional<std::string> flavor, image, boot_volume, snapshot, key_name, availability_zone, security_groups,
      swap,  // no type=: stays a string
      config_drive, admin_pass, description, tags, hostname;
  // Parsed and not sent by bfvsim: user data is a file it does not read; access IPs, host and
  // hypervisor hostname are not modelled.
  std::optional<std::string> user_data, access_ip_v4, access_ip_v6, host, hypervisor_hostname;
  std::optional<long long> min_count, max_count;                                 // type=int
  std::vector<std::pair<std::string, std::string>> image_with, scheduler_hints;  // type=_key_value_pairing
  std::vector<std::string> meta, block_device_mapping, block_device, ephemeral, nics;
  bool poll = false, return_reservation_id = false;
};

// The @utils.arg decorators of do_boot, in bfvsim's declaration order; start_version gates
// --description (2.19), --tags (2.52), --host/--hypervisor-hostname (2.74), --hostname (2.90).
const ArgParser<NovaBootArgs>& nova_boot_parser();

// shell.py::_boot's boot_args and boot_kwargs: what ServerManager._boot turns into the body.
struct NovaBootKwargs {
  std::string name, image, flavor;  // ids; image "" when none (imageRef "")
  nlohmann::json meta = nlohmann::json::object();
  std::string key_name, availability_zone, admin_pass, description, hostname;  // "" = not sent
  long long min_count = 1, max_count = 1;
  std::optional<std::vector<std::string>> security_groups;
  std::vector<std::pair<std::string, std::string>> block_device_mapping;  // {device_name: mapping}, dict order
  nlohmann::json block_device_mapping_v2 = nlohmann::json::array();
  nlohmann::json nics;  // "auto" | "none" | [nic_info, ...] as _parse_nics returns it
  std::vector<std::pair<std::string, std::string>> scheduler_hints;
  bool config_drive = false;
  std::vector<std::string> tags;
};

// shell.py::_find_image (glance find_image: id, else name); without a cloud the value is the id.
std::optional<Fail> find_image(const CloudState* cloud, const std::string& image, std::string* image_id);
// shell.py::_match_image for --image-with: the first image whose properties hold every pair.
std::optional<Fail> match_image(const CloudState* cloud, const std::vector<std::pair<std::string, std::string>>& wanted,
                                std::string* image_id);
// shell.py::_find_flavor.
std::optional<Fail> find_flavor(const CloudState* cloud, const std::string& flavor, std::string* flavor_id);
// shell.py::_meta_parsing.
std::optional<Fail> meta_parsing(const std::vector<std::string>& metadata, nlohmann::json* meta);
// shell.py::_parse_device_spec: `spec_dict.update([arg.split('=')])`, in first-seen key order.
std::optional<Fail> parse_device_spec(const std::string& spec, std::vector<std::pair<std::string, std::string>>* out);
// shell.py::_parse_block_device_mapping_v2: --boot-volume, --snapshot, --block-device, --ephemeral,
// --swap in that order. A KeyError's Fail names the spec (for the long-keys hint).
std::optional<Fail> parse_block_device_mapping_v2(const NovaBootArgs& args, const std::string& microversion,
                                                  nlohmann::json* bdm);
// shell.py::_parse_nics: "auto"/"none", a list of nic_info dicts, or the default ("auto" from 2.37, else []).
std::optional<Fail> parse_nics(const std::vector<std::string>& nics, const std::string& microversion,
                               nlohmann::json* out);
// servers.py::ServerManager._boot (with base.py::_parse_block_device_mapping for legacy v1 entries).
std::optional<Fail> boot_body(const NovaBootKwargs& k, nlohmann::json* body);

}  // namespace bfv::sem::cli_detail::nova

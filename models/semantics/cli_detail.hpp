// Internals shared by the `openstack server create` and `nova boot` parsers (cli_osc.cpp,
// cli_nova.cpp): an argparse-like option scanner (walked through the option tables of
// cli_argparse.hpp), lookups and small helpers. Not a public API.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "models/semantics/cli.hpp"

namespace bfv::sem::cli_detail {

struct OptSpec {
  std::string name;  // "--block-device", "-f"
  bool takes_value = true;
};

// One option occurrence or positional, in command-line order (argparse applies actions in order,
// so the first failing action decides the error).
struct Arg {
  std::string opt;  // canonical option name; "" for a positional
  std::string value;
  bool has_value = false;
};

struct ArgScan {
  std::vector<Arg> args;
  std::vector<std::string> unrecognized;  // argparse "unrecognized arguments: ..."
  std::string error;                      // immediate argparse error (ambiguous option, missing value)
};

// argparse-like scan: exact or unique-prefix long options (allow_abbrev), --opt=value,
// "--" ends options, values may not look like options (negative numbers may).
ArgScan scan_args(const std::vector<std::string>& words, const std::vector<OptSpec>& specs);

// Python int() on a command-line string (surrounding blanks, sign, digits, underscores between digits).
std::optional<long long> py_int(const std::string& s);

// A client's error: its exit status and text as printed; `block_device` is the --block-device value
// the client refused when bfvsim can hint at the other client's spelling (cli_hint.cpp).
struct Fail {
  int code = 0;
  std::string msg;
  std::string block_device;
};

// Scheduler hints as both clients send them: repeated keys become lists.
nlohmann::json merge_scheduler_hints(const std::vector<std::pair<std::string, std::string>>& hints);

// A word as a shell would need it quoted (for hints).
std::string shell_quote(const std::string& w);
std::string join_words(const std::vector<std::string>& words);
// Words joined by single spaces as argparse's "unrecognized arguments: %s" ' '.join does, except that
// an empty word adds no space while nothing precedes it (as bfvsim always printed it).
std::string join_plain(const std::vector<std::string>& words);

// Python-style "{k!r}: v" helpers are not needed; split on a char keeping empties (str.split(c)).
std::vector<std::string> split(const std::string& s, char c);

// Microversion gating as each client does it.
struct Versions {
  std::string server_max;                       // nova-api's max microversion
  std::optional<std::string> explicit_version;  // --os-compute-api-version (minor given)
  std::string negotiated;                       // what is sent
};
bool mv_at_least(const std::string& have, const std::string& want);
// openstacksdk openstack/utils.py::supports_microversion: within the server's range and, when the
// user pinned a version, not above it.
bool supports_microversion(const Versions& v, const std::string& want);

// Name-or-id lookups as both clients do them: the id, else the first resource with that name
// (novaclient v2/images.py::GlanceManager.find_image via shell.py::_find_image; openstacksdk
// resource.py::Resource.find behind OSC's find_image / find_volume).
const Image* find_image_by_id_or_name(const CloudState& cloud, const std::string& id_or_name);
const Volume* find_volume_by_id_or_name(const CloudState& cloud, const std::string& id_or_name);

// Shared by the two client parsers; defined in cli_osc.cpp / cli_nova.cpp.
CliParse parse_osc_server_create(const std::vector<std::string>& words, const CloudState* cloud, const Versions& v);
CliParse parse_nova_boot(const std::vector<std::string>& words, const CloudState* cloud, const Versions& v);

// novaclient short key -> BDM v2 field (novaclient/v2/shell.py::CLIENT_BDM2_KEYS), in upstream order.
const std::vector<std::pair<std::string, std::string>>& novaclient_bdm_keys();
// OSC --block-device valid keys (openstackclient/compute/v2/server.py::BDMAction), declared order.
const std::vector<std::string>& osc_bdm_keys();

// Hints that translate between the two spellings of a --block-device value. Return "" when the
// value cannot be translated (unknown keys, malformed pairs).
std::string short_to_long_bdm(const std::string& value);
std::string long_to_short_bdm(const std::string& value);
// bfvsim's hints for a --block-device value the client refused: `nova boot` given OSC's long keys
// (a KeyError), `openstack server create` given novaclient's short keys (BDMAction). `words` are the
// command's arguments; the OSC hint is "" when the value cannot be translated.
std::string nova_block_device_hint(const std::vector<std::string>& words, const std::string& spec);
std::string osc_block_device_hint(const std::vector<std::string>& words, const std::string& value);
// Rewrite an `openstack server create` argument list as `nova boot` (best effort, for hints).
std::vector<std::string> osc_words_to_nova(const std::vector<std::string>& words);
std::vector<std::string> nova_words_to_osc(const std::vector<std::string>& words);

}  // namespace bfv::sem::cli_detail

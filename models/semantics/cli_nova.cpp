// `nova boot` as python-novaclient does it: novaclient/v2/shell.py::do_boot, _boot,
// _parse_block_device_mapping_v2, _parse_nics; novaclient/v2/servers.py::ServerManager._boot;
// novaclient/base.py::BootingManagerWithFind._parse_block_device_mapping. Layout in cli_nova.hpp.
// argparse errors print "error: <msg>\nTry 'nova help boot' ..." and exit 2; anything raised later is
// printed by novaclient/shell.py::main as "ERROR (<ExceptionClass>): <msg>" with exit 1.
#include "models/semantics/cli_nova.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace bfv::sem::cli_detail::nova {
namespace {

using nlohmann::json;
using A = NovaBootArgs;

Fail usage(const std::string& msg) { return {2, "error: " + msg + "\nTry 'nova help boot' for more information.", ""}; }
Fail raised(const std::string& cls, const std::string& msg) { return {1, "ERROR (" + cls + "): " + msg, ""}; }

// type=_key_value_pairing with action='append' (shell.py::_key_value_pairing).
Action<A> append_key_value_pairing(std::vector<std::pair<std::string, std::string>> A::*dest) {
  return custom<A>([dest](A& a, const std::string& v) -> std::optional<std::string> {
    const auto eq = v.find('=');
    if (eq == std::string::npos) return "'" + v + "' is not in the format of 'key=value'";
    (a.*dest).emplace_back(v.substr(0, eq), v.substr(eq + 1));
    return std::nullopt;
  });
}

bool valid_ipv4(const std::string& s) {
  // Four dot-separated decimal octets 0-255 without leading zeros (the regex novaclient's
  // netutils-style check used), scanned by hand: no regex recursion on user text (issue 17).
  int parts = 0;
  size_t i = 0;
  while (true) {
    size_t j = i;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    const size_t len = j - i;
    if (len == 0 || len > 3 || (len > 1 && s[i] == '0') || std::stoi(s.substr(i, len)) > 255) return false;
    ++parts;
    if (j == s.size()) break;
    if (s[j] != '.' || parts == 4) return false;
    i = j + 1;
  }
  return parts == 4;
}
bool valid_ipv6(const std::string& s) {
  return s.find(':') != std::string::npos && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
         });
}

// shell.py::_boot: the min_count / max_count checks.
std::optional<Fail> boot_counts(const NovaBootArgs& args, long long* min_count, long long* max_count) {
  if (args.min_count) {
    if (*args.min_count < 1) return raised("CommandError", "min_count should be >= 1");
    *min_count = *max_count = *args.min_count;
  }
  if (args.max_count) {
    if (*args.max_count < 1) return raised("CommandError", "max_count should be >= 1");
    *max_count = *args.max_count;
  }
  if (args.min_count && args.max_count && *args.min_count > *args.max_count)
    return raised("CommandError", "min_count should be <= max_count");
  return std::nullopt;
}

// shell.py::_boot: `device_name, mapping = bdm.split('=', 1)` into a dict (a repeated device name
// keeps its first place and the last mapping).
std::optional<Fail> block_device_mapping_dict(const std::vector<std::string>& legacy,
                                              std::vector<std::pair<std::string, std::string>>* out) {
  for (const auto& b : legacy) {
    const auto eq = b.find('=');
    if (eq == std::string::npos) return raised("ValueError", "not enough values to unpack (expected 2, got 1)");
    bool found = false;
    for (auto& kv : *out)
      if (kv.first == b.substr(0, eq)) kv.second = b.substr(eq + 1), found = true;
    if (!found) out->emplace_back(b.substr(0, eq), b.substr(eq + 1));
  }
  return std::nullopt;
}

// shell.py::_boot: `str(args.config_drive).lower()` must be true/1 (sent) or false/0/""/none (not sent).
std::optional<Fail> config_drive_value(const std::optional<std::string>& option, bool* config_drive) {
  if (!option) return std::nullopt;
  std::string c;
  for (char ch : *option) c += static_cast<char>(std::tolower(ch));
  if (c == "true" || c == "1")
    *config_drive = true;
  else if (!(c == "false" || c == "0" || c.empty() || c == "none"))
    return raised("CommandError", "The value of the '--config-drive' option must be a boolean value.");
  return std::nullopt;
}

// base.py::BootingManagerWithFind._parse_block_device_mapping: dev=id[:type[:size[:delete]]] -> v1.
std::optional<Fail> parse_block_device_mapping(const std::vector<std::pair<std::string, std::string>>& mapping,
                                               json* v1) {
  *v1 = json::array();
  for (const auto& [dev, m] : mapping) {
    json d{{"device_name", dev}};
    const auto parts = split(m, ':');
    if (parts.size() > 1 && parts[1].rfind("snap", 0) == 0)
      d["snapshot_id"] = parts[0];
    else
      d["volume_id"] = parts[0];
    if (parts.size() > 2 && !parts[2].empty()) {
      auto n = py_int(parts[2]);
      if (!n) return raised("ValueError", "invalid literal for int() with base 10: '" + parts[2] + "'");
      d["volume_size"] = std::to_string(*n);  // str(int(size))
    }
    if (parts.size() > 3) d["delete_on_termination"] = parts[3];  // verbatim, even ""
    v1->push_back(d);
  }
  return std::nullopt;
}

}  // namespace

const ArgParser<NovaBootArgs>& nova_boot_parser() {
  static const ArgParser<NovaBootArgs> p{
      "<name>",
      &A::name,
      {
          {"--flavor", store(&A::flavor)},
          {"--image", store(&A::image)},
          {"--image-with", append_key_value_pairing(&A::image_with)},
          {"--boot-volume", store(&A::boot_volume)},
          {"--snapshot", store(&A::snapshot)},
          {"--min-count", store_int(&A::min_count)},
          {"--max-count", store_int(&A::max_count)},
          {"--meta", append(&A::meta)},
          {"--key-name", store(&A::key_name)},
          {"--user-data", store(&A::user_data)},
          {"--availability-zone", store(&A::availability_zone)},
          {"--security-groups", store(&A::security_groups)},
          {"--block-device-mapping", append(&A::block_device_mapping)},
          {"--block-device", append(&A::block_device)},
          {"--swap", store(&A::swap)},
          {"--ephemeral", append(&A::ephemeral)},
          {"--hint", append_key_value_pairing(&A::scheduler_hints)},  // dest='scheduler_hints'
          {"--nic", append(&A::nics)},                                // dest='nics'
          {"--config-drive", store(&A::config_drive)},
          {"--poll", store_true(&A::poll)},
          {"--admin-pass", store(&A::admin_pass)},
          {"--access-ip-v4", store(&A::access_ip_v4)},
          {"--access-ip-v6", store(&A::access_ip_v6)},
          {"--return-reservation-id", store_true(&A::return_reservation_id)},
          {"-h", ignored<A>(false)},
          {"--help", ignored<A>(false)},
          {"--description", store(&A::description), nullptr, "2.19"},
          {"--tags", store(&A::tags), nullptr, "2.52"},
          {"--host", store(&A::host), nullptr, "2.74"},
          {"--hypervisor-hostname", store(&A::hypervisor_hostname), nullptr, "2.74"},
          {"--hostname", store(&A::hostname), nullptr, "2.90"},
      }};
  return p;
}

std::optional<Fail> find_image(const CloudState* cloud, const std::string& image, std::string* image_id) {
  *image_id = image;
  if (!cloud) return std::nullopt;
  const Image* found = find_image_by_id_or_name(*cloud, image);
  if (!found) return raised("CommandError", "No Image matching " + image + ". (HTTP 404)");
  *image_id = found->id;
  return std::nullopt;
}

std::optional<Fail> match_image(const CloudState* cloud, const std::vector<std::pair<std::string, std::string>>& wanted,
                                std::string* image_id) {
  if (cloud)
    for (const auto& i : cloud->images) {
      bool all = true;
      for (const auto& [k, v] : wanted) {
        auto it = i.properties.find(k);
        all = all && it != i.properties.end() && it->second == v;
      }
      if (all) {
        *image_id = i.id;
        return std::nullopt;
      }
    }
  return raised("CommandError", "No images match the property expected by --image-with");
}

std::optional<Fail> find_flavor(const CloudState* cloud, const std::string& flavor, std::string* flavor_id) {
  *flavor_id = flavor;
  if (!cloud) return std::nullopt;
  const Flavor* f = cloud->find_flavor(flavor);
  if (!f) return raised("NotFound", "No Flavor matching {'ram': '" + flavor + "'}. (HTTP 404)");
  *flavor_id = f->id;
  return std::nullopt;
}

std::optional<Fail> meta_parsing(const std::vector<std::string>& metadata, json* meta) {
  *meta = json::object();
  for (const auto& m : metadata) {
    const auto eq = m.find('=');
    if (eq == std::string::npos) {
      std::string list;
      for (const auto& x : metadata) list += (list.empty() ? "" : ", ") + ("'" + x + "'");
      return raised("ArgumentTypeError", "'[" + list + "]' is not in the format of 'key=value'");
    }
    (*meta)[m.substr(0, eq)] = m.substr(eq + 1);
  }
  return std::nullopt;
}

std::optional<Fail> parse_device_spec(const std::string& spec, std::vector<std::pair<std::string, std::string>>* out) {
  for (const auto& arg : split(spec, ',')) {
    const auto parts = split(arg, '=');
    if (parts.size() == 1)
      return raised("ArgumentTypeError",
                    "Expected a comma-separated list of key=value pairs. '" + arg + "' is not a key=value pair.");
    if (parts.size() > 2)  // "a=b=c": dict.update gets a 3-sequence
      return raised("ValueError", "dictionary update sequence element #0 has length " + std::to_string(parts.size()) +
                                      "; 2 is required");
    bool found = false;
    for (auto& kv : *out)
      if (kv.first == parts[0]) kv.second = parts[1], found = true;
    if (!found) out->emplace_back(parts[0], parts[1]);
  }
  return std::nullopt;
}

std::optional<Fail> parse_block_device_mapping_v2(const NovaBootArgs& args, const std::string& mv, json* bdm) {
  *bdm = json::array();
  if (args.boot_volume && !args.boot_volume->empty())
    bdm->push_back({{"uuid", *args.boot_volume},
                    {"source_type", "volume"},
                    {"destination_type", "volume"},
                    {"boot_index", 0},
                    {"delete_on_termination", false}});
  if (args.snapshot && !args.snapshot->empty())
    bdm->push_back({{"uuid", *args.snapshot},
                    {"source_type", "snapshot"},
                    {"destination_type", "volume"},
                    {"boot_index", 0},
                    {"delete_on_termination", false}});
  const bool supports_tags =
      compare_microversion(mv, "2.32") == 0 || mv_at_least(mv, "2.42");  // _supports_block_device_tags
  for (const auto& spec : args.block_device) {
    std::vector<std::pair<std::string, std::string>> kv;
    if (auto f = parse_device_spec(spec, &kv)) return f;
    auto has = [&](const char* k) {
      for (const auto& p : kv)
        if (p.first == k) return true;
      return false;
    };
    if (has("tag") && !supports_tags)
      return raised("CommandError", "'tag' in block device mapping is not supported in API version " + mv + ".");
    if (has("volume_type") && !mv_at_least(mv, "2.67"))
      return raised("CommandError",
                    "'volume_type' in block device mapping is not supported in API version " + mv + ".");
    json d = json::object();
    for (const auto& [k, v] : kv) {
      std::string field;
      for (const auto& [s, l] : novaclient_bdm_keys())
        if (s == k) field = l;
      if (field.empty()) {  // CLIENT_BDM2_KEYS[key] -> KeyError, printed by shell.main
        Fail f = raised("KeyError", "'" + k + "'");
        f.block_device = spec;
        return f;
      }
      d[field] = v;  // values stay strings ("20", "0")
    }
    if (!d.contains("source_type") || d["source_type"] == "") {
      d["source_type"] = "blank";
    } else {
      const std::string st = d["source_type"];
      if (st != "volume" && st != "image" && st != "snapshot" && st != "blank")
        return raised("CommandError",
                      "The value of source_type key of --block-device should be one of "
                      "'volume', 'image', 'snapshot' or 'blank' but it was '" +
                          st + "'");
    }
    if (!d.contains("destination_type") || d["destination_type"] == "") {
      const std::string st = d["source_type"];
      if (st == "image" || st == "blank")
        d["destination_type"] = "local";  // note: image -> local
      else
        d["destination_type"] = "volume";
    } else {
      const std::string dt = d["destination_type"];
      if (dt != "local" && dt != "volume")
        return raised("CommandError",
                      "The value of destination_type key of --block-device should be either "
                      "'local' or 'volume' but it was '" +
                          dt + "'");
    }
    if (d.contains("delete_on_termination")) {
      const std::string action = d["delete_on_termination"];
      if (action != "remove" && action != "preserve")
        return raised("CommandError",
                      "The value of shutdown key of --block-device shall be either 'remove' "
                      "or 'preserve' but it was '" +
                          action + "'");
      d["delete_on_termination"] = action == "remove";
    } else if (d["destination_type"] == "local") {
      d["delete_on_termination"] = true;
    }
    bdm->push_back(d);
  }
  for (const auto& e : args.ephemeral) {
    json d{
        {"source_type", "blank"}, {"destination_type", "local"}, {"boot_index", -1}, {"delete_on_termination", true}};
    std::vector<std::pair<std::string, std::string>> kv;
    if (auto f = parse_device_spec(e, &kv)) return f;  // ArgumentTypeError is not a ValueError: not re-wrapped
    for (const auto& [k, v] : kv) {
      if (k == "size") d["volume_size"] = v;
      if (k == "format") d["guest_format"] = v;
    }
    bdm->push_back(d);
  }
  if (args.swap && !args.swap->empty())
    bdm->push_back({{"source_type", "blank"},
                    {"destination_type", "local"},
                    {"boot_index", -1},
                    {"delete_on_termination", true},
                    {"guest_format", "swap"},
                    {"volume_size", *args.swap}});
  return std::nullopt;
}

std::optional<Fail> parse_nics(const std::vector<std::string>& nic_strs, const std::string& mv, json* out) {
  const bool auto_alloc = mv_at_least(mv, "2.37");
  const bool nic_tags =
      (mv_at_least(mv, "2.32") && !mv_at_least(mv, "2.37")) || mv_at_least(mv, "2.42");  // _supports_nic_tags
  std::string form = "--nic <";
  if (auto_alloc) form += "auto,none,";
  form += "net-id=net-uuid,net-name=network-name,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,port-id=port-uuid";
  if (nic_tags) form += ",tag=tag";
  form += ">, with only one of net-id, net-name or port-id specified.";
  if (auto_alloc) form += " Specifying a --nic of auto or none cannot be used with any other --nic value.";
  auto nic_err = [&](const std::string& s) {
    return raised("CommandError", "Invalid nic argument '" + s + "'. Nic arguments must be of the form " + form);
  };
  json nics = json::array();
  std::optional<std::string> special;
  for (const auto& nic_str : nic_strs) {
    json info = json::object();
    bool info_set = false, auto_or_none = false;
    for (const auto& kv : split(nic_str, ',')) {
      if (auto_or_none) return raised("CommandError", "'auto' or 'none' cannot be used with any other nic arguments");
      if (kv == "auto" || kv == "none") {
        if (!auto_alloc) return nic_err(nic_str);
        if (info_set) return raised("CommandError", "'auto' or 'none' cannot be used with any other nic arguments");
        special = kv, auto_or_none = true;
        continue;
      }
      const auto eq = kv.find('=');
      if (eq == std::string::npos) return nic_err(nic_str);
      std::string k = kv.substr(0, eq);
      const std::string v = kv.substr(eq + 1);
      static const std::set<std::string> keys{"net-id", "v4-fixed-ip", "v6-fixed-ip", "port-id", "net-name"};
      if (!keys.count(k) && !(k == "tag" && nic_tags)) return nic_err(nic_str);
      if (k == "net-name") k = "net-id";  // resolved through neutron; bfvsim uses the name as the id
      if (info.contains(k)) return nic_err(nic_str);
      info[k] = v, info_set = true;
    }
    if (auto_or_none) continue;
    if (info.contains("v4-fixed-ip") && !valid_ipv4(info["v4-fixed-ip"]))
      return raised("CommandError", "Invalid ipv4 address.");
    if (info.contains("v6-fixed-ip") && !valid_ipv6(info["v6-fixed-ip"]))
      return raised("CommandError", "Invalid ipv6 address.");
    const bool has_net = info.contains("net-id") && info["net-id"] != "";
    const bool has_port = info.contains("port-id") && info["port-id"] != "";
    if (has_net == has_port) return nic_err(nic_str);
    nics.push_back(info);
  }
  if (special) {
    if (!nics.empty()) return nic_err(nic_strs.back());
    *out = *special;
  } else if (nics.empty()) {
    *out = auto_alloc ? json("auto") : json::array();
  } else {
    *out = nics;
  }
  return std::nullopt;
}

std::optional<Fail> boot_body(const NovaBootKwargs& k, json* body) {
  json s{{"name", k.name},
         {"imageRef", k.image},
         {"flavorRef", k.flavor},
         {"min_count", k.min_count},
         {"max_count", k.max_count}};
  if (!k.meta.empty()) s["metadata"] = k.meta;
  if (!k.key_name.empty()) s["key_name"] = k.key_name;
  if (k.config_drive) s["config_drive"] = true;
  if (!k.admin_pass.empty()) s["adminPass"] = k.admin_pass;
  if (k.security_groups) {
    s["security_groups"] = json::array();
    for (const auto& g : *k.security_groups) s["security_groups"].push_back({{"name", g}});
  }
  if (!k.availability_zone.empty()) s["availability_zone"] = k.availability_zone;
  if (!k.block_device_mapping.empty()) {
    if (auto f = parse_block_device_mapping(k.block_device_mapping, &s["block_device_mapping"])) return f;
  } else if (!k.block_device_mapping_v2.empty()) {
    json bdm = k.block_device_mapping_v2;
    if (!k.image.empty())  // bug 1433609: the client inserts the image as the local root disk
      bdm.insert(bdm.begin(), json{{"uuid", k.image},
                                   {"source_type", "image"},
                                   {"destination_type", "local"},
                                   {"boot_index", 0},
                                   {"delete_on_termination", true}});
    s["block_device_mapping_v2"] = bdm;
  }
  if (k.nics.is_string()) {
    s["networks"] = k.nics;
  } else {
    json all = json::array();
    for (const auto& n : k.nics) {
      json d = json::object();
      if (n.contains("net-id") && n["net-id"] != "") d["uuid"] = n["net-id"];
      if (n.contains("v4-fixed-ip") && n.contains("v6-fixed-ip"))
        return raised("CommandError", "Only one of 'v4-fixed-ip' and 'v6-fixed-ip' may be provided.");
      if (n.contains("v4-fixed-ip"))
        d["fixed_ip"] = n["v4-fixed-ip"];
      else if (n.contains("v6-fixed-ip"))
        d["fixed_ip"] = n["v6-fixed-ip"];
      if (n.contains("port-id") && n["port-id"] != "") d["port"] = n["port-id"];
      if (n.contains("tag") && n["tag"] != "") d["tag"] = n["tag"];
      all.push_back(d);
    }
    s["networks"] = all;
  }
  if (!k.description.empty()) s["description"] = k.description;
  if (!k.tags.empty()) s["tags"] = k.tags;
  if (!k.hostname.empty()) s["hostname"] = k.hostname;
  *body = json{{"server", s}};
  if (!k.scheduler_hints.empty()) (*body)["os:scheduler_hints"] = merge_scheduler_hints(k.scheduler_hints);
  return std::nullopt;
}

}  // namespace bfv::sem::cli_detail::nova

namespace bfv::sem::cli_detail {

// shell.py::do_boot: argparse, then _boot's steps in upstream order, then ServerManager._boot.
CliParse parse_nova_boot(const std::vector<std::string>& words, const CloudState* cloud, const Versions& ver) {
  using namespace nova;
  const std::string& mv = ver.negotiated;
  CliParse r;
  r.client = "nova";
  r.microversion = mv;
  auto failed = [&](const Fail& f) {
    r.ok = false, r.exit_code = f.code, r.error = f.msg;
    if (!f.block_device.empty()) r.hint = nova_block_device_hint(words, f.block_device);
    return r;
  };
  NovaBootArgs args;
  const auto bad = parse_args(nova_boot_parser(), words, mv, &args);
  r.wait = args.poll;
  if (bad) return failed(usage(bad->message));

  // ---- shell.py::_boot ----
  if (!args.flavor || args.flavor->empty()) return failed(raised("CommandError", "you need to specify a Flavor ID."));
  NovaBootKwargs k;
  k.name = *args.name;
  if (args.image && !args.image->empty())
    if (auto f = find_image(cloud, *args.image, &k.image)) return failed(*f);
  if (k.image.empty() && !args.image_with.empty())
    if (auto f = match_image(cloud, args.image_with, &k.image)) return failed(*f);
  if (auto f = boot_counts(args, &k.min_count, &k.max_count)) return failed(*f);
  if (auto f = find_flavor(cloud, *args.flavor, &k.flavor)) return failed(*f);
  if (auto f = meta_parsing(args.meta, &k.meta)) return failed(*f);
  if (args.key_name) k.key_name = *args.key_name;
  if (args.availability_zone) k.availability_zone = *args.availability_zone;
  if (args.security_groups && !args.security_groups->empty()) k.security_groups = split(*args.security_groups, ',');
  if (auto f = block_device_mapping_dict(args.block_device_mapping, &k.block_device_mapping)) return failed(*f);
  if (auto f = parse_block_device_mapping_v2(args, mv, &k.block_device_mapping_v2)) return failed(*f);
  const int n_boot_args =
      !k.image.empty() + (args.boot_volume && !args.boot_volume->empty()) + (args.snapshot && !args.snapshot->empty());
  const bool have_bdm = !k.block_device_mapping_v2.empty() || !k.block_device_mapping.empty();
  if (n_boot_args > 1 || (n_boot_args == 0 && !have_bdm))
    return failed(raised("CommandError",
                         "you need to specify at least one source ID (Image, Snapshot, or Volume), a "
                         "block device mapping or provide a set of properties to match against an image"));
  if (!k.block_device_mapping.empty() && !k.block_device_mapping_v2.empty())
    return failed(raised("CommandError",
                         "you can't mix old block devices (--block-device-mapping) with the new ones "
                         "(--block-device, --boot-volume, --snapshot, --ephemeral, --swap)"));
  if (auto f = parse_nics(args.nics, mv, &k.nics)) return failed(*f);
  k.scheduler_hints = args.scheduler_hints;
  if (auto f = config_drive_value(args.config_drive, &k.config_drive)) return failed(*f);
  if (args.admin_pass) k.admin_pass = *args.admin_pass;
  if (args.description) k.description = *args.description;
  if (args.tags && !args.tags->empty()) k.tags = split(*args.tags, ',');
  if (args.hostname) k.hostname = *args.hostname;

  // ---- servers.py::ServerManager._boot ----
  if (auto f = boot_body(k, &r.body)) return failed(*f);
  r.ok = true;
  return r;
}

}  // namespace bfv::sem::cli_detail

// `nova boot` as python-novaclient does it: novaclient/v2/shell.py::_boot,
// _parse_block_device_mapping_v2, _parse_nics; novaclient/v2/servers.py::ServerManager._boot;
// novaclient/base.py::BootingManagerWithFind._parse_block_device_mapping.
// argparse errors print "error: <msg>\nTry 'nova help boot' ..." and exit 2; anything raised later is
// printed by novaclient/shell.py::main as "ERROR (<ExceptionClass>): <msg>" with exit 1.
#include <algorithm>
#include <cctype>
#include <set>

#include "models/semantics/cli_detail.hpp"

namespace bfv::sem::cli_detail {
namespace {

using nlohmann::json;

struct Fail {
  int code;
  std::string msg;
};
Fail usage(const std::string& msg) { return {2, "error: " + msg + "\nTry 'nova help boot' for more information."}; }
Fail raised(const std::string& cls, const std::string& msg) { return {1, "ERROR (" + cls + "): " + msg}; }

std::vector<OptSpec> nova_specs(const std::string& mv) {
  // Options gated by start_version/end_version exist only at those microversions (utils.arg).
  std::vector<OptSpec> s{{"--flavor"}, {"--image"}, {"--image-with"}, {"--boot-volume"}, {"--snapshot"},
                         {"--min-count"}, {"--max-count"}, {"--meta"}, {"--key-name"}, {"--user-data"},
                         {"--availability-zone"}, {"--security-groups"}, {"--block-device-mapping"},
                         {"--block-device"}, {"--swap"}, {"--ephemeral"}, {"--hint"}, {"--nic"},
                         {"--config-drive"}, {"--poll", false}, {"--admin-pass"}, {"--access-ip-v4"},
                         {"--access-ip-v6"}, {"--return-reservation-id", false}, {"-h", false}, {"--help", false}};
  if (mv_at_least(mv, "2.19")) s.push_back({"--description"});
  if (mv_at_least(mv, "2.52")) s.push_back({"--tags"});
  if (mv_at_least(mv, "2.74")) s.push_back({"--host"}), s.push_back({"--hypervisor-hostname"});
  if (mv_at_least(mv, "2.90")) s.push_back({"--hostname"});
  return s;
}

// novaclient/v2/shell.py::_parse_device_spec: `spec_dict.update([arg.split('=')])`.
std::optional<Fail> device_spec(const std::string& spec, std::vector<std::pair<std::string, std::string>>* out) {
  for (const auto& arg : split(spec, ',')) {
    const auto parts = split(arg, '=');
    if (parts.size() == 1)
      return raised("ArgumentTypeError", "Expected a comma-separated list of key=value pairs. '" + arg +
                                             "' is not a key=value pair.");
    if (parts.size() > 2)  // "a=b=c": dict.update gets a 3-sequence
      return raised("ValueError", "dictionary update sequence element #0 has length " +
                                      std::to_string(parts.size()) + "; 2 is required");
    bool found = false;
    for (auto& kv : *out)
      if (kv.first == parts[0]) kv.second = parts[1], found = true;
    if (!found) out->emplace_back(parts[0], parts[1]);
  }
  return std::nullopt;
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

}  // namespace

CliParse parse_nova_boot(const std::vector<std::string>& words, const CloudState* cloud, const Versions& ver) {
  CliParse r;
  r.client = "nova";
  r.microversion = ver.negotiated;
  const std::string& mv = ver.negotiated;
  auto failed = [&](const Fail& f) {
    r.ok = false, r.exit_code = f.code, r.error = f.msg;
    return r;
  };

  const ArgScan scan = scan_args(words, nova_specs(mv));
  std::optional<std::string> flavor, image, boot_volume, snapshot, key_name, az, swap, sgs, description, tags_opt,
      hostname, admin_pass, config_drive_opt;
  std::optional<long long> min_count, max_count;
  std::vector<std::string> legacy, block_devices, ephemerals, nic_strs, metas, positionals, image_with;
  std::vector<std::pair<std::string, std::string>> hints;
  for (const auto& a : scan.args) {
    const auto& o = a.opt;
    if (o.empty()) positionals.push_back(a.value);
    else if (o == "--flavor") flavor = a.value;
    else if (o == "--image") image = a.value;
    else if (o == "--boot-volume") boot_volume = a.value;
    else if (o == "--snapshot") snapshot = a.value;
    else if (o == "--key-name") key_name = a.value;
    else if (o == "--availability-zone") az = a.value;
    else if (o == "--swap") swap = a.value;  // no type=: stays a string
    else if (o == "--security-groups") sgs = a.value;
    else if (o == "--description") description = a.value;
    else if (o == "--tags") tags_opt = a.value;
    else if (o == "--hostname") hostname = a.value;
    else if (o == "--admin-pass") admin_pass = a.value;
    else if (o == "--config-drive") config_drive_opt = a.value;
    else if (o == "--poll") r.wait = true;
    else if (o == "--block-device-mapping") legacy.push_back(a.value);
    else if (o == "--block-device") block_devices.push_back(a.value);
    else if (o == "--ephemeral") ephemerals.push_back(a.value);
    else if (o == "--nic") nic_strs.push_back(a.value);
    else if (o == "--meta") metas.push_back(a.value);
    else if (o == "--min-count" || o == "--max-count") {
      auto n = py_int(a.value);
      if (!n) return failed(usage(invalid_int(o, a.value)));
      (o == "--min-count" ? min_count : max_count) = *n;
    } else if (o == "--hint" || o == "--image-with") {  // type=_key_value_pairing
      const auto eq = a.value.find('=');
      if (eq == std::string::npos)
        return failed(usage("argument " + o + ": '" + a.value + "' is not in the format of 'key=value'"));
      if (o == "--hint") hints.emplace_back(a.value.substr(0, eq), a.value.substr(eq + 1));
      else image_with.push_back(a.value);
    }
  }
  if (!scan.error.empty()) return failed(usage(scan.error));
  if (positionals.empty()) return failed(usage("the following arguments are required: <name>"));
  std::vector<std::string> unrec = scan.unrecognized;
  unrec.insert(unrec.end(), positionals.begin() + 1, positionals.end());
  if (!unrec.empty()) {
    std::string u;
    for (const auto& w : unrec) u += (u.empty() ? "" : " ") + w;
    return failed(usage("unrecognized arguments: " + u));
  }

  // ---- shell.py::_boot ----
  if (!flavor || flavor->empty()) return failed(raised("CommandError", "you need to specify a Flavor ID."));
  std::string image_id;
  if (image && !image->empty()) {
    image_id = *image;
    if (cloud) {  // cs.glance.find_image: by id, else by name (v2/images.py::GlanceManager.find_image)
      const Image* found = cloud->find_image(*image);
      for (const auto& i : cloud->images)
        if (!found && i.name == *image) found = &i;
      if (!found) return failed(raised("CommandError", "No Image matching " + *image + ". (HTTP 404)"));
      image_id = found->id;
    }
  }
  if (image_id.empty() && !image_with.empty()) {
    bool matched = false;
    if (cloud)
      for (const auto& i : cloud->images) {
        bool all = true;
        for (const auto& kv : image_with) {
          const auto eq = kv.find('=');
          auto it = i.properties.find(kv.substr(0, eq));
          all = all && it != i.properties.end() && it->second == kv.substr(eq + 1);
        }
        if (all) { image_id = i.id, matched = true; break; }
      }
    if (!matched) return failed(raised("CommandError", "No images match the property expected by --image-with"));
  }
  long long min_c = 1, max_c = 1;
  if (min_count) {
    if (*min_count < 1) return failed(raised("CommandError", "min_count should be >= 1"));
    min_c = max_c = *min_count;
  }
  if (max_count) {
    if (*max_count < 1) return failed(raised("CommandError", "max_count should be >= 1"));
    max_c = *max_count;
  }
  if (min_count && max_count && *min_count > *max_count)
    return failed(raised("CommandError", "min_count should be <= max_count"));
  std::string flavor_id = *flavor;
  if (cloud) {
    const Flavor* f = cloud->find_flavor(*flavor);
    if (!f) return failed(raised("NotFound", "No Flavor matching {'ram': '" + *flavor + "'}. (HTTP 404)"));
    flavor_id = f->id;
  }
  json meta = json::object();
  for (const auto& m : metas) {
    const auto eq = m.find('=');
    if (eq == std::string::npos) {
      std::string list;
      for (const auto& x : metas) list += (list.empty() ? "" : ", ") + ("'" + x + "'");
      return failed(raised("ArgumentTypeError", "'[" + list + "]' is not in the format of 'key=value'"));
    }
    meta[m.substr(0, eq)] = m.substr(eq + 1);
  }
  // Legacy mapping: a dict {device_name: mapping}; a repeated device name keeps the last mapping.
  std::vector<std::pair<std::string, std::string>> legacy_map;
  for (const auto& b : legacy) {
    const auto eq = b.find('=');
    if (eq == std::string::npos)
      return failed(raised("ValueError", "not enough values to unpack (expected 2, got 1)"));
    bool found = false;
    for (auto& kv : legacy_map)
      if (kv.first == b.substr(0, eq)) kv.second = b.substr(eq + 1), found = true;
    if (!found) legacy_map.emplace_back(b.substr(0, eq), b.substr(eq + 1));
  }

  // ---- _parse_block_device_mapping_v2 ----
  json bdm = json::array();
  if (boot_volume && !boot_volume->empty())
    bdm.push_back({{"uuid", *boot_volume}, {"source_type", "volume"}, {"destination_type", "volume"},
                   {"boot_index", 0}, {"delete_on_termination", false}});
  if (snapshot && !snapshot->empty())
    bdm.push_back({{"uuid", *snapshot}, {"source_type", "snapshot"}, {"destination_type", "volume"},
                   {"boot_index", 0}, {"delete_on_termination", false}});
  const bool supports_tags = compare_microversion(mv, "2.32") == 0 || mv_at_least(mv, "2.42");
  for (const auto& spec : block_devices) {
    std::vector<std::pair<std::string, std::string>> kv;
    if (auto f = device_spec(spec, &kv)) return failed(*f);
    auto has = [&](const char* k) {
      for (const auto& p : kv)
        if (p.first == k) return true;
      return false;
    };
    if (has("tag") && !supports_tags)
      return failed(raised("CommandError", "'tag' in block device mapping is not supported in API version " + mv + "."));
    if (has("volume_type") && !mv_at_least(mv, "2.67"))
      return failed(raised("CommandError", "'volume_type' in block device mapping is not supported in API version " + mv + "."));
    json d = json::object();
    for (const auto& [k, v] : kv) {
      std::string field;
      for (const auto& [s, l] : novaclient_bdm_keys())
        if (s == k) field = l;
      if (field.empty()) {  // CLIENT_BDM2_KEYS[key] -> KeyError, printed by shell.main
        r.hint = "`nova boot --block-device` takes novaclient's short keys (id, source, dest, size, shutdown, "
                 "bootindex, bus, device, format, type, tag, volume_type).";
        const auto short_form = long_to_short_bdm(spec);
        if (!short_form.empty()) {
          std::vector<std::string> fixed = words;
          for (auto& w : fixed)
            if (w == spec) w = short_form;
          std::vector<std::string> cmd{"nova", "boot"};
          cmd.insert(cmd.end(), fixed.begin(), fixed.end());
          r.hint += " Either write\n  " + join_words(cmd) + "\nor keep the long keys with OSC:\n  " +
                    join_words(nova_words_to_osc(words));
        }
        return failed(raised("KeyError", "'" + k + "'"));
      }
      d[field] = v;  // values stay strings ("20", "0")
    }
    if (!d.contains("source_type") || d["source_type"] == "") {
      d["source_type"] = "blank";
    } else {
      const std::string st = d["source_type"];
      if (st != "volume" && st != "image" && st != "snapshot" && st != "blank")
        return failed(raised("CommandError", "The value of source_type key of --block-device should be one of "
                                             "'volume', 'image', 'snapshot' or 'blank' but it was '" + st + "'"));
    }
    if (!d.contains("destination_type") || d["destination_type"] == "") {
      const std::string st = d["source_type"];
      if (st == "image" || st == "blank") d["destination_type"] = "local";  // note: image -> local
      else d["destination_type"] = "volume";
    } else {
      const std::string dt = d["destination_type"];
      if (dt != "local" && dt != "volume")
        return failed(raised("CommandError", "The value of destination_type key of --block-device should be either "
                                             "'local' or 'volume' but it was '" + dt + "'"));
    }
    if (d.contains("delete_on_termination")) {
      const std::string action = d["delete_on_termination"];
      if (action != "remove" && action != "preserve")
        return failed(raised("CommandError", "The value of shutdown key of --block-device shall be either 'remove' "
                                             "or 'preserve' but it was '" + action + "'"));
      d["delete_on_termination"] = action == "remove";
    } else if (d["destination_type"] == "local") {
      d["delete_on_termination"] = true;
    }
    bdm.push_back(d);
  }
  for (const auto& e : ephemerals) {
    json d{{"source_type", "blank"}, {"destination_type", "local"}, {"boot_index", -1}, {"delete_on_termination", true}};
    std::vector<std::pair<std::string, std::string>> kv;
    if (auto f = device_spec(e, &kv)) return failed(*f);  // ArgumentTypeError is not a ValueError: not re-wrapped
    for (const auto& [k, v] : kv) {
      if (k == "size") d["volume_size"] = v;
      if (k == "format") d["guest_format"] = v;
    }
    bdm.push_back(d);
  }
  if (swap && !swap->empty())
    bdm.push_back({{"source_type", "blank"}, {"destination_type", "local"}, {"boot_index", -1},
                   {"delete_on_termination", true}, {"guest_format", "swap"}, {"volume_size", *swap}});

  const int n_boot = !image_id.empty() + (boot_volume && !boot_volume->empty()) + (snapshot && !snapshot->empty());
  if (n_boot > 1 || (n_boot == 0 && bdm.empty() && legacy_map.empty()))
    return failed(raised("CommandError", "you need to specify at least one source ID (Image, Snapshot, or Volume), a "
                                         "block device mapping or provide a set of properties to match against an image"));
  if (!legacy_map.empty() && !bdm.empty())
    return failed(raised("CommandError", "you can't mix old block devices (--block-device-mapping) with the new ones "
                                         "(--block-device, --boot-volume, --snapshot, --ephemeral, --swap)"));

  // ---- _parse_nics ----
  const bool auto_alloc = mv_at_least(mv, "2.37");
  const bool nic_tags = (mv_at_least(mv, "2.32") && !mv_at_least(mv, "2.37")) || mv_at_least(mv, "2.42");
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
      if (auto_or_none) return failed(raised("CommandError", "'auto' or 'none' cannot be used with any other nic arguments"));
      if (kv == "auto" || kv == "none") {
        if (!auto_alloc) return failed(nic_err(nic_str));
        if (info_set) return failed(raised("CommandError", "'auto' or 'none' cannot be used with any other nic arguments"));
        special = kv, auto_or_none = true;
        continue;
      }
      const auto eq = kv.find('=');
      if (eq == std::string::npos) return failed(nic_err(nic_str));
      std::string k = kv.substr(0, eq);
      const std::string v = kv.substr(eq + 1);
      static const std::set<std::string> keys{"net-id", "v4-fixed-ip", "v6-fixed-ip", "port-id", "net-name"};
      if (!keys.count(k) && !(k == "tag" && nic_tags))
        return failed(nic_err(nic_str));
      if (k == "net-name") k = "net-id";  // resolved through neutron; bfvsim uses the name as the id
      if (info.contains(k)) return failed(nic_err(nic_str));
      info[k] = v, info_set = true;
    }
    if (auto_or_none) continue;
    if (info.contains("v4-fixed-ip") && !valid_ipv4(info["v4-fixed-ip"])) return failed(raised("CommandError", "Invalid ipv4 address."));
    if (info.contains("v6-fixed-ip") && !valid_ipv6(info["v6-fixed-ip"])) return failed(raised("CommandError", "Invalid ipv6 address."));
    const bool has_net = info.contains("net-id") && info["net-id"] != "";
    const bool has_port = info.contains("port-id") && info["port-id"] != "";
    if (has_net == has_port) return failed(nic_err(nic_str));
    nics.push_back(info);
  }
  json networks;
  if (special) {
    if (!nics.empty()) return failed(nic_err(nic_strs.back()));
    networks = *special;
  } else if (nics.empty()) {
    networks = auto_alloc ? json("auto") : json::array();
  }
  std::optional<bool> config_drive;
  if (config_drive_opt) {
    std::string c;
    for (char ch : *config_drive_opt) c += static_cast<char>(std::tolower(ch));
    if (c == "true" || c == "1") config_drive = true;
    else if (!(c == "false" || c == "0" || c.empty() || c == "none"))
      return failed(raised("CommandError", "The value of the '--config-drive' option must be a boolean value."));
  }

  // ---- servers.py::ServerManager._boot ----
  json s{{"name", positionals[0]}, {"imageRef", image_id}, {"flavorRef", flavor_id},
         {"min_count", min_c}, {"max_count", max_c}};
  if (!meta.empty()) s["metadata"] = meta;
  if (key_name && !key_name->empty()) s["key_name"] = *key_name;
  if (config_drive) s["config_drive"] = true;
  if (admin_pass && !admin_pass->empty()) s["adminPass"] = *admin_pass;
  if (sgs && !sgs->empty()) {
    s["security_groups"] = json::array();
    for (const auto& g : split(*sgs, ',')) s["security_groups"].push_back({{"name", g}});
  }
  if (az && !az->empty()) s["availability_zone"] = *az;
  if (!legacy_map.empty()) {
    json v1 = json::array();
    for (const auto& [dev, mapping] : legacy_map) {  // base.py::_parse_block_device_mapping
      json d{{"device_name", dev}};
      const auto parts = split(mapping, ':');
      if (parts.size() > 1 && parts[1].rfind("snap", 0) == 0) d["snapshot_id"] = parts[0];
      else d["volume_id"] = parts[0];
      if (parts.size() > 2 && !parts[2].empty()) {
        auto n = py_int(parts[2]);
        if (!n) return failed(raised("ValueError", "invalid literal for int() with base 10: '" + parts[2] + "'"));
        d["volume_size"] = std::to_string(*n);  // str(int(size))
      }
      if (parts.size() > 3) d["delete_on_termination"] = parts[3];  // verbatim, even ""
      v1.push_back(d);
    }
    s["block_device_mapping"] = v1;
  } else if (!bdm.empty()) {
    if (!image_id.empty())  // bug 1433609: the client inserts the image as the local root disk
      bdm.insert(bdm.begin(), json{{"uuid", image_id}, {"source_type", "image"}, {"destination_type", "local"},
                                   {"boot_index", 0}, {"delete_on_termination", true}});
    s["block_device_mapping_v2"] = bdm;
  }
  if (special || !nics.empty()) {
    if (special) s["networks"] = *special;
    else {
      json all = json::array();
      for (const auto& n : nics) {
        json d = json::object();
        if (n.contains("net-id") && n["net-id"] != "") d["uuid"] = n["net-id"];
        if (n.contains("v4-fixed-ip") && n.contains("v6-fixed-ip"))
          return failed(raised("CommandError", "Only one of 'v4-fixed-ip' and 'v6-fixed-ip' may be provided."));
        if (n.contains("v4-fixed-ip")) d["fixed_ip"] = n["v4-fixed-ip"];
        else if (n.contains("v6-fixed-ip")) d["fixed_ip"] = n["v6-fixed-ip"];
        if (n.contains("port-id") && n["port-id"] != "") d["port"] = n["port-id"];
        if (n.contains("tag") && n["tag"] != "") d["tag"] = n["tag"];
        all.push_back(d);
      }
      s["networks"] = all;
    }
  } else {
    s["networks"] = networks;
  }
  if (description && !description->empty()) s["description"] = *description;
  if (tags_opt && !tags_opt->empty()) s["tags"] = split(*tags_opt, ',');
  if (hostname && !hostname->empty()) s["hostname"] = *hostname;
  r.body = json{{"server", s}};
  if (!hints.empty()) {
    r.body["os:scheduler_hints"] = merge_scheduler_hints(hints);
  }
  r.ok = true;
  return r;
}

}  // namespace bfv::sem::cli_detail

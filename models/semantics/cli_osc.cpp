// `openstack server create` as python-openstackclient does it (openstackclient/compute/v2/server.py,
// CreateServer.get_parser / take_action, OSC >= 7 through openstacksdk). Order of errors: argparse
// actions in command-line order (exit 2), then required arguments, then unrecognized arguments,
// then take_action's CommandErrors (exit 1) in the order upstream raises them.
#include <map>
#include <set>

#include "models/semantics/cli_detail.hpp"

namespace bfv::sem::cli_detail {
namespace {

using nlohmann::json;

const std::vector<OptSpec>& osc_specs() {
  static const std::vector<OptSpec> s{
      {"--flavor"}, {"--image"}, {"--image-property"}, {"--volume"}, {"--snapshot"},
      {"--boot-from-volume"}, {"--delete-on-termination", false}, {"--block-device-mapping"},
      {"--block-device"}, {"--swap"}, {"--ephemeral"}, {"--network"}, {"--port"},
      {"--no-network", false}, {"--auto-network", false}, {"--nic"}, {"--password"},
      {"--no-security-group", false}, {"--security-group"}, {"--key-name"}, {"--property"},
      {"--user-data"}, {"--description"}, {"--availability-zone"}, {"--hint"},
      {"--use-config-drive", false}, {"--no-config-drive", false}, {"--min"}, {"--max"},
      {"--tag"}, {"--hostname"}, {"--wait", false},
      // cliff ShowOne output options (no effect on the request)
      {"-f"}, {"--format"}, {"-c"}, {"--column"}, {"--noindent", false}, {"--prefix"},
      {"--max-width"}, {"--fit-width", false}, {"--print-empty", false}, {"-h", false}, {"--help", false}};
  return s;
}

struct Fail {
  int code;
  std::string msg;
};

// argparse.ArgumentError as cliff prints it: "<prog>: error: argument <opt>: <msg>".
Fail usage(const std::string& msg) { return {2, "openstack server create: error: " + msg}; }
Fail arg_error(const std::string& opt, const std::string& msg) { return usage("argument " + opt + ": " + msg); }
Fail command_error(const std::string& msg) { return {1, msg}; }

// osc_lib/cli/parseractions.py::MultiKeyValueAction.__call__ (+ validate_keys). `valid` is printed in
// declared order; upstream joins a Python set, whose order varies from run to run (hash seed).
std::optional<Fail> multi_key_value(const std::string& opt, const std::string& value,
                                    const std::vector<std::string>& required, const std::vector<std::string>& valid,
                                    std::vector<std::pair<std::string, std::string>>* out) {
  std::map<std::string, size_t> pos;
  for (const auto& kv : split(value, ',')) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) return arg_error(opt, "Expected comma separated 'key=value' pairs, but got: " + kv);
    if (eq == 0) return arg_error(opt, "Each property key must be specified: " + kv);
    const auto k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (pos.count(k)) (*out)[pos[k]].second = v;  // dict.update: later value wins, first position kept
    else pos[k] = out->size(), out->emplace_back(k, v);
  }
  std::string invalid;
  for (const auto& [k, _] : *out)
    if (std::find(valid.begin(), valid.end(), k) == valid.end()) invalid += (invalid.empty() ? "" : ", ") + k;
  if (!invalid.empty()) {
    std::string vk;
    for (const auto& k : valid) vk += (vk.empty() ? "" : ", ") + k;
    return arg_error(opt, "Invalid keys " + invalid + " specified.\nValid keys are: " + vk);
  }
  std::string missing;
  for (const auto& k : required)
    if (!pos.count(k)) missing += (missing.empty() ? "" : ", ") + k;
  if (!missing.empty()) {
    std::string rk;
    for (const auto& k : required) rk += (rk.empty() ? "" : ", ") + k;
    return arg_error(opt, "Missing required keys " + missing + ".\nRequired keys are: " + rk);
  }
  return std::nullopt;
}

// openstackclient/common/envvars.py::bool_from_str(strict=True)
std::optional<bool> strict_bool(std::string v) {
  std::string s;
  for (char c : v)
    if (!std::isspace(static_cast<unsigned char>(c))) s += static_cast<char>(std::tolower(c));
  for (auto t : {"1", "t", "true", "on", "y", "yes"})
    if (s == t) return true;
  for (auto f : {"0", "f", "false", "off", "n", "no"})
    if (s == f) return false;
  return std::nullopt;
}

struct Nic {
  std::string net_id, port_id, v4, v6, tag;
  std::string special;  // "auto" | "none"
};
Nic special_nic(const std::string& what) {
  Nic n;
  n.special = what;
  return n;
}

// openstackclient/compute/v2/server.py::NICAction.__call__
std::optional<Fail> nic_action(const std::string& opt, const std::string& key, std::string values,
                               std::vector<Nic>* nics) {
  if (!key.empty()) {
    if (values.find_first_of(",=") != std::string::npos)
      return arg_error(opt, "Invalid argument " + values + "; characters ',' and '=' are not allowed");
    values = key + "=" + values;
  } else if (values == "auto" || values == "none") {
    nics->push_back(special_nic(values));
    return std::nullopt;
  }
  Nic n;
  for (const auto& kv : split(values, ',')) {
    const auto eq = kv.find('=');
    const auto k = kv.substr(0, eq);
    const auto v = eq == std::string::npos ? std::string() : kv.substr(eq + 1);
    std::string* slot = k == "net-id" ? &n.net_id : k == "port-id" ? &n.port_id : k == "v4-fixed-ip" ? &n.v4
                      : k == "v6-fixed-ip" ? &n.v6 : k == "tag" ? &n.tag : nullptr;
    if (!slot || v.empty())
      return arg_error(opt, "Invalid argument " + values + "; argument must be of form 'net-id=net-uuid,port-id="
                            "port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag'");
    *slot = v;
  }
  if (!n.net_id.empty() && !n.port_id.empty())
    return arg_error(opt, "Invalid argument " + values + "; either 'network' or 'port' should be specified but not both");
  if (!n.v4.empty() && !n.v6.empty())
    return arg_error(opt, "Invalid argument " + values + "; either 'v4-fixed-ip' or 'v6-fixed-ip' should be specified "
                          "but not both");
  nics->push_back(n);
  return std::nullopt;
}

// openstackclient/compute/v2/server.py::BDMLegacyAction.__call__ -> a v2 dict (no boot_index).
std::optional<Fail> legacy_bdm_action(const std::string& values, std::vector<json>* out) {
  const std::string opt = "--block-device-mapping";
  const auto eq = values.find('=');
  const std::string dev = values.substr(0, eq);
  const std::string map = eq == std::string::npos ? "" : values.substr(eq + 1);
  const auto parts = map.empty() ? std::vector<std::string>{} : split(map, ':');
  if (dev.empty() || parts.empty() || parts.size() > 4)
    return arg_error(opt, "Invalid argument " + values + "; argument must be of form "
                          "'dev-name=id[:type[:size[:delete-on-terminate]]]'");
  json m{{"device_name", dev}, {"uuid", parts[0]}, {"source_type", "volume"}, {"destination_type", "volume"}};
  if (parts.size() > 1 && !parts[1].empty()) {
    if (parts[1] != "volume" && parts[1] != "snapshot" && parts[1] != "image")
      return arg_error(opt, "Invalid argument " + values + "; 'type' must be one of: volume, snapshot, image");
    m["source_type"] = parts[1];
  }
  if (parts.size() > 2 && !parts[2].empty()) m["volume_size"] = parts[2];                // stays a string
  if (parts.size() > 3 && !parts[3].empty()) m["delete_on_termination"] = parts[3];      // raw string, unchecked
  out->push_back(m);
  return std::nullopt;
}

}  // namespace

CliParse parse_osc_server_create(const std::vector<std::string>& words, const CloudState* cloud, const Versions& ver) {
  CliParse r;
  r.client = "openstack";
  r.microversion = ver.negotiated;
  auto failed = [&](const Fail& f) {
    r.ok = false, r.exit_code = f.code, r.error = f.msg;
    return r;
  };
  // openstacksdk openstack/utils.py::supports_microversion: within the server's range and, when the
  // user pinned a version, not above it.
  auto supports = [&](const std::string& mv) {
    if (!mv_at_least(ver.server_max, mv)) return false;
    return !ver.explicit_version || mv_at_least(*ver.explicit_version, mv);
  };

  const ArgScan scan = scan_args(words, osc_specs());
  // --- argparse phase (exit 2) ---
  std::optional<std::string> name, flavor, image, image_property, volume, snapshot, key_name, az, description,
      hostname, password;
  long long bfv = 0, swap = 0, min_count = 1, max_count = 1;
  bool delete_on_term = false, sg_given = false;
  std::vector<json> legacy, block_devices, ephemerals;
  std::vector<Nic> nics;
  std::vector<std::string> security_groups, tags;
  std::vector<std::pair<std::string, std::string>> props, hints;
  std::optional<bool> config_drive;
  std::string disk_group_seen, sg_group_seen, cd_group_seen;  // argparse mutually exclusive groups
  std::vector<std::string> positionals;
  for (const auto& a : scan.args) {
    const auto& o = a.opt;
    if (o.empty()) {
      positionals.push_back(a.value);
      continue;
    }
    auto exclusive = [&](std::string* seen, std::initializer_list<const char*> group) -> std::optional<Fail> {
      bool in = false;
      for (auto g : group) in = in || o == g;
      if (!in) return std::nullopt;
      if (!seen->empty() && *seen != o) return arg_error(o, "not allowed with argument " + *seen);
      *seen = o;
      return std::nullopt;
    };
    if (auto f = exclusive(&disk_group_seen, {"--image", "--image-property", "--volume", "--snapshot"})) return failed(*f);
    if (auto f = exclusive(&sg_group_seen, {"--no-security-group", "--security-group"})) return failed(*f);
    if (auto f = exclusive(&cd_group_seen, {"--use-config-drive", "--no-config-drive"})) return failed(*f);
    auto as_int = [&](long long* dst) -> std::optional<Fail> {
      auto n = py_int(a.value);
      if (!n) return usage(invalid_int(o, a.value));
      *dst = *n;
      return std::nullopt;
    };
    std::optional<Fail> f;
    if (o == "--flavor") flavor = a.value;
    else if (o == "--image") image = a.value;
    else if (o == "--image-property") image_property = a.value;
    else if (o == "--volume") volume = a.value;
    else if (o == "--snapshot") snapshot = a.value;
    else if (o == "--key-name") key_name = a.value;
    else if (o == "--availability-zone") az = a.value;
    else if (o == "--description") description = a.value;
    else if (o == "--hostname") hostname = a.value;
    else if (o == "--password") password = a.value;
    else if (o == "--boot-from-volume") f = as_int(&bfv);
    else if (o == "--swap") f = as_int(&swap);
    else if (o == "--min") f = as_int(&min_count);
    else if (o == "--max") f = as_int(&max_count);
    else if (o == "--delete-on-termination") delete_on_term = true;
    else if (o == "--wait") r.wait = true;
    else if (o == "--block-device-mapping") f = legacy_bdm_action(a.value, &legacy);
    else if (o == "--block-device") {
      std::vector<std::pair<std::string, std::string>> kv;
      // BDMAction.validate_keys (the OSC override: no "required" keys). A path to a JSON file is
      // also accepted upstream; bfvsim does not read files.
      f = multi_key_value(o, a.value, {}, osc_bdm_keys(), &kv);
      if (f) {
        const auto long_form = short_to_long_bdm(a.value);
        if (!long_form.empty()) {
          std::vector<std::string> fixed = words;
          for (auto& w : fixed)
            if (w == a.value) w = long_form;
          r.hint = "`openstack server create --block-device` takes the BDM v2 field names (OSC >= 5.5); the short "
                   "keys source/id/dest/size/shutdown/bootindex are novaclient's. Either write\n  " +
                   join_words([&] { std::vector<std::string> c{"openstack", "server", "create"};
                                    c.insert(c.end(), fixed.begin(), fixed.end()); return c; }()) +
                   "\nor keep the short keys with novaclient:\n  " + join_words(osc_words_to_nova(words));
        }
      } else {
        json m = json::object();
        for (const auto& [k, v] : kv) m[k] = v;  // values stay strings until take_action
        block_devices.push_back(m);
      }
    } else if (o == "--ephemeral") {
      std::vector<std::pair<std::string, std::string>> kv;
      f = multi_key_value(o, a.value, {"size"}, {"size", "format"}, &kv);
      if (!f) {
        json m = json::object();
        for (const auto& [k, v] : kv) m[k] = v;
        ephemerals.push_back(m);
      }
    } else if (o == "--network") f = nic_action(o, "net-id", a.value, &nics);
    else if (o == "--port") f = nic_action(o, "port-id", a.value, &nics);
    else if (o == "--nic") f = nic_action(o, "", a.value, &nics);
    else if (o == "--no-network") nics.push_back(special_nic("none"));
    else if (o == "--auto-network") nics.push_back(special_nic("auto"));
    else if (o == "--security-group") sg_given = true, security_groups.push_back(a.value);
    else if (o == "--no-security-group") sg_given = true, security_groups.clear();
    else if (o == "--use-config-drive") config_drive = true;
    else if (o == "--no-config-drive") config_drive = false;
    else if (o == "--tag") tags.push_back(a.value);
    else if (o == "--property" || o == "--hint") {
      // osc_lib KeyValueAction / KeyValueAppendAction
      const auto eq = a.value.find('=');
      if (eq == std::string::npos)
        f = arg_error(o, "Expected 'key=value' type, but got: " + a.value);
      else if (eq == 0)
        f = arg_error(o, "Property key must be specified: " + a.value);
      else
        (o == "--property" ? props : hints).emplace_back(a.value.substr(0, eq), a.value.substr(eq + 1));
    }
    if (f) return failed(*f);
  }
  if (!scan.error.empty()) return failed(usage(scan.error));
  if (!positionals.empty()) name = positionals[0];
  std::vector<std::string> unrec = scan.unrecognized;
  unrec.insert(unrec.end(), positionals.begin() + (positionals.empty() ? 0 : 1), positionals.end());
  {
    std::string missing;
    if (!name) missing = "<server-name>";
    if (!flavor) missing += std::string(missing.empty() ? "" : ", ") + "--flavor";
    if (!missing.empty()) return failed(usage("the following arguments are required: " + missing));
  }
  if (!unrec.empty()) {
    std::string u;
    for (const auto& w : unrec) u += (u.empty() ? "" : " ") + w;
    return failed(usage("unrecognized arguments: " + u));
  }
  r.hint.clear();

  // --- take_action (CommandError, exit 1) ---
  std::string image_id;
  if (image) {
    image_id = *image;
    if (cloud) {  // image_client.find_image(ignore_missing=False)
      const Image* found = cloud->find_image(*image);
      for (const auto& i : cloud->images)
        if (!found && i.name == *image) found = &i;
      if (!found) return failed(command_error("No Image found for " + *image));
      image_id = found->id;
    }
  } else if (image_property) {
    const auto eq = image_property->find('=');
    const std::string k = image_property->substr(0, eq), v = eq == std::string::npos ? "" : image_property->substr(eq + 1);
    bool matched = false;
    if (cloud)
      for (const auto& i : cloud->images) {
        auto it = i.properties.find(k);
        if ((it != i.properties.end() && it->second == v) || (k == "name" && i.name == v) ||
            (k == "disk_format" && i.disk_format == v)) {
          image_id = i.id, matched = true;
          break;
        }
      }
    if (!matched) return failed(command_error("No images match the property expected by --image-property"));
  }
  const bool have_image = image || image_property;
  std::string volume_id, snapshot_id;
  if (volume) {
    if (bfv) return failed(command_error("--volume is not allowed with --boot-from-volume"));
    volume_id = *volume;
    if (cloud) {
      const Volume* found = cloud->find_volume(*volume);
      for (const auto& x : cloud->volumes)
        if (!found && x.name == *volume) found = &x;
      if (!found) return failed(command_error("No Volume found for " + *volume));
      volume_id = found->id;
    }
  }
  if (delete_on_term && !bfv)
    return failed(command_error("--delete-on-termination can only be used with --boot-from-volume"));
  if (snapshot) {
    if (bfv) return failed(command_error("--snapshot is not allowed with --boot-from-volume"));
    snapshot_id = *snapshot;
    if (cloud && !cloud->find_snapshot(*snapshot)) return failed(command_error("No Snapshot found for " + *snapshot));
  }
  std::string flavor_id = *flavor;
  if (cloud) {
    const Flavor* fl = cloud->find_flavor(*flavor);
    if (!fl) return failed(command_error("No Flavor found for " + *flavor));
    flavor_id = fl->id;
  }
  if (min_count > max_count) return failed(command_error("min instances should be <= max instances"));
  if (min_count < 1) return failed(command_error("min instances should be > 0"));
  if (max_count < 1) return failed(command_error("max instances should be > 0"));
  if (description && !description->empty() && !supports("2.19"))
    return failed(command_error("--os-compute-api-version 2.19 or greater is required to support the --description option"));

  json bdms = json::array();
  bool send_image = have_image;
  if (bfv) {  // `if parsed_args.boot_from_volume:` -- 0 counts as not given
    if (!have_image)
      return failed(command_error("An image (--image or --image-property) is required to support --boot-from-volume option"));
    bdms.push_back({{"uuid", image_id}, {"boot_index", 0}, {"source_type", "image"}, {"destination_type", "volume"},
                    {"volume_size", bfv}, {"delete_on_termination", delete_on_term}});
    send_image = false;  // booting from volume: no imageRef
  } else if (have_image) {
    bdms.push_back({{"uuid", image_id}, {"boot_index", 0}, {"source_type", "image"}, {"destination_type", "local"},
                    {"delete_on_termination", true}});
  } else if (volume) {
    bdms.push_back({{"uuid", volume_id}, {"boot_index", 0}, {"source_type", "volume"}, {"destination_type", "volume"}});
  } else if (snapshot) {
    bdms.push_back({{"uuid", snapshot_id}, {"boot_index", 0}, {"source_type", "snapshot"},
                    {"destination_type", "volume"}, {"delete_on_termination", false}});
  }
  if (swap)
    bdms.push_back({{"boot_index", -1}, {"source_type", "blank"}, {"destination_type", "local"},
                    {"guest_format", "swap"}, {"volume_size", swap}, {"delete_on_termination", true}});
  for (const auto& e : ephemerals) {
    json m{{"boot_index", -1}, {"source_type", "blank"}, {"destination_type", "local"},
           {"delete_on_termination", true}, {"volume_size", e.at("size")}};
    if (e.contains("format")) m["guest_format"] = e.at("format");
    bdms.push_back(m);
  }
  for (auto m : legacy) {  // names resolved to ids by source type
    if (cloud) {
      const std::string uuid = m["uuid"], st = m["source_type"];
      if (st == "volume") {
        const Volume* found = cloud->find_volume(uuid);
        for (const auto& x : cloud->volumes)
          if (!found && x.name == uuid) found = &x;
        if (!found) return failed(command_error("No Volume found for " + uuid));
        m["uuid"] = found->id;
      } else if (st == "snapshot") {
        if (!cloud->find_snapshot(uuid)) return failed(command_error("No Snapshot found for " + uuid));
      } else {
        const Image* found = cloud->find_image(uuid);
        for (const auto& i : cloud->images)
          if (!found && i.name == uuid) found = &i;
        if (!found) return failed(command_error("No Image found for " + uuid));
        m["uuid"] = found->id;
      }
    }
    bdms.push_back(m);
  }
  for (auto m : block_devices) {
    if (m.contains("boot_index")) {
      auto n = py_int(m["boot_index"].get<std::string>());
      if (!n) return failed(command_error("The boot_index key of --block-device should be an integer"));
      m["boot_index"] = *n;
    }
    if (m.contains("tag") && !supports("2.42"))
      return failed(command_error("--os-compute-api-version 2.42 or greater is required to support the tag key of --block-device"));
    if (m.contains("volume_type") && !supports("2.67"))
      return failed(command_error("--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device"));
    if (m.contains("source_type")) {
      static const std::set<std::string> ok{"volume", "image", "snapshot", "blank"};
      if (!ok.count(m["source_type"].get<std::string>()))
        return failed(command_error("The source_type key of --block-device should be one of: volume, image, snapshot, blank"));
    } else {
      m["source_type"] = "blank";
    }
    if (m.contains("destination_type")) {
      const std::string d = m["destination_type"];
      if (d != "local" && d != "volume")
        return failed(command_error("The destination_type key of --block-device should be one of: local, volume"));
    } else {
      m["destination_type"] = m["source_type"] == "blank" ? "local" : "volume";
    }
    if (m.contains("delete_on_termination")) {
      auto b = strict_bool(m["delete_on_termination"].get<std::string>());
      if (!b) return failed(command_error("The delete_on_termination key of --block-device should be a boolean-like value"));
      m["delete_on_termination"] = *b;
    } else if (m["destination_type"] == "local") {
      m["delete_on_termination"] = true;
    }
    bdms.push_back(m);
  }
  bool has_root = false;
  for (const auto& b : bdms) has_root = has_root || (b.contains("boot_index") && b["boot_index"].is_number() && b["boot_index"] == 0);
  if (!has_root)
    return failed(command_error("An image (--image, --image-property) or bootable volume (--volume, --snapshot, --block-device) is required"));

  json networks = json::array();
  bool special = false;
  for (const auto& n : nics) special = special || !n.special.empty();
  if (special) {
    if (nics.size() > 1)
      return failed(command_error("Specifying a --nic of auto or none cannot be used with any other --nic, --network or --port value."));
    if (!supports("2.37"))
      return failed(command_error("--os-compute-api-version 2.37 or greater is required to support explicit auto-allocation of a network or to disable network allocation"));
    networks = nics[0].special;
  } else {
    for (const auto& n : nics) {
      if (!n.tag.empty() && !supports("2.43"))
        return failed(command_error("--os-compute-api-version 2.43 or greater is required to support the --nic tag field"));
      if (cloud && !n.net_id.empty() && !cloud->networks.empty() &&
          std::find(cloud->networks.begin(), cloud->networks.end(), n.net_id) == cloud->networks.end())
        return failed(command_error("No Network found for " + n.net_id));
      json net = json::object();
      if (!n.net_id.empty()) net["uuid"] = n.net_id;
      if (!n.port_id.empty()) net["port"] = n.port_id;
      if (!n.v4.empty()) net["fixed_ip"] = n.v4;
      else if (!n.v6.empty()) net["fixed_ip"] = n.v6;
      if (!n.tag.empty()) net["tag"] = n.tag;
      networks.push_back(net);
    }
  }
  if (nics.empty() && supports("2.37")) networks = "auto";  // >= 2.37 requires a value

  // openstacksdk Server attributes -> request body keys (Body('imageRef') etc.).
  json s{{"name", *name}, {"imageRef", send_image ? image_id : ""}, {"flavorRef", flavor_id},
         {"min_count", min_count}, {"max_count", max_count}, {"networks", networks}};
  if (description && !description->empty()) s["description"] = *description;
  if (az && !az->empty()) s["availability_zone"] = *az;
  if (password && !password->empty()) s["adminPass"] = *password;
  if (!props.empty()) for (const auto& [k, v] : props) s["metadata"][k] = v;
  if (key_name && !key_name->empty()) s["key_name"] = *key_name;
  if (sg_given) {
    s["security_groups"] = json::array();
    for (const auto& g : security_groups) s["security_groups"].push_back({{"name", g}});
  }
  if (!bdms.empty()) s["block_device_mapping_v2"] = bdms;
  if (config_drive && *config_drive) s["config_drive"] = true;
  if (!tags.empty()) {
    if (!supports("2.52"))
      return failed(command_error("--os-compute-api-version 2.52 or greater is required to support the --tag option"));
    s["tags"] = tags;
  }
  if (hostname && !hostname->empty()) {
    if (!supports("2.90"))
      return failed(command_error("--os-compute-api-version 2.90 or greater is required to support the --hostname option"));
    s["hostname"] = *hostname;
  }
  r.body = json{{"server", s}};
  if (!hints.empty()) {
    // Server._prepare_request moves scheduler hints to the top level; repeated keys become lists.
    r.body["OS-SCH-HNT:scheduler_hints"] = merge_scheduler_hints(hints);
  }
  r.ok = true;
  return r;
}

}  // namespace bfv::sem::cli_detail

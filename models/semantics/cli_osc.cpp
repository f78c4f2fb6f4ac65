// `openstack server create` as python-openstackclient does it (openstackclient/compute/v2/server.py,
// CreateServer.get_parser / take_action, OSC >= 7 through openstacksdk). Layout in cli_osc.hpp.
// Order of errors: argparse actions in command-line order (exit 2), then required arguments, then
// unrecognized arguments, then take_action's CommandErrors (exit 1) in the order upstream raises them.
#include "models/semantics/cli_osc.hpp"

#include <cctype>
#include <map>
#include <set>

namespace bfv::sem::cli_detail::osc {
namespace {

using nlohmann::json;
using A = OscServerCreateArgs;

// argparse.ArgumentError as cliff prints it: "<prog>: error: argument <opt>: <msg>".
Fail usage(const std::string& msg) { return {2, "openstack server create: error: " + msg, ""}; }
Fail command_error(const std::string& msg) { return {1, msg, ""}; }

Nic special_nic(const std::string& what) {
  Nic n;
  n.special = what;
  return n;
}

// NoneNICAction / AutoNICAction: append_const to dest='nics'.
Action<A> special_nic_action(const char* what) {
  return custom_flag<A>([what](A& a, const std::string&) -> std::optional<std::string> {
    a.nics.push_back(special_nic(what));
    return std::nullopt;
  });
}

}  // namespace

const ArgParser<OscServerCreateArgs>& osc_server_create_parser() {
  using Pairs = std::vector<std::pair<std::string, std::string>> A::*;
  auto key_value = [](Pairs dest) {
    return custom<A>([dest](A& a, const std::string& v) { return key_value_action(v, &(a.*dest)); });
  };
  auto nic = [](const char* key) {
    return custom<A>([key](A& a, const std::string& v) { return nic_action(key, v, &a.nics); });
  };
  static const ArgParser<OscServerCreateArgs> p{
      "<server-name>",
      &A::server_name,
      {
          {"--flavor", store(&A::flavor), nullptr, nullptr, true},
          {"--image", store(&A::image), "disk"},
          {"--image-property", store(&A::image_property), "disk"},
          {"--volume", store(&A::volume), "disk"},
          {"--snapshot", store(&A::snapshot), "disk"},
          {"--boot-from-volume", store_int(&A::boot_from_volume)},
          {"--delete-on-termination", store_true(&A::delete_on_termination)},
          {"--block-device-mapping",
           custom<A>([](A& a, const std::string& v) { return bdm_legacy_action(v, &a.block_device_mapping); })},
          {"--block-device", custom<A>([](A& a, const std::string& v) { return bdm_action(v, &a.block_devices); })},
          {"--swap", store_int(&A::swap)},
          {"--ephemeral", custom<A>([](A& a, const std::string& v) -> std::optional<std::string> {
             std::vector<std::pair<std::string, std::string>> kv;
             if (auto e = multi_key_value(v, {"size"}, {"size", "format"}, &kv)) return e;
             json m = json::object();
             for (const auto& [k, x] : kv) m[k] = x;
             a.ephemerals.push_back(m);
             return std::nullopt;
           })},
          {"--network", nic("net-id")},
          {"--port", nic("port-id")},
          {"--no-network", special_nic_action("none")},
          {"--auto-network", special_nic_action("auto")},
          {"--nic", nic("")},
          {"--password", store(&A::password)},
          {"--no-security-group",
           store_const(&A::security_groups, std::optional<std::vector<std::string>>(std::vector<std::string>{})),
           "security-groups"},
          {"--security-group", custom<A>([](A& a, const std::string& v) -> std::optional<std::string> {
             if (!a.security_groups) a.security_groups.emplace();  // action='append'
             a.security_groups->push_back(v);
             return std::nullopt;
           }),
           "security-groups"},
          {"--key-name", store(&A::key_name)},
          {"--property", key_value(&A::properties)},
          {"--user-data", store(&A::user_data)},
          {"--description", store(&A::description)},
          {"--availability-zone", store(&A::availability_zone)},
          {"--hint", key_value(&A::hints)},
          {"--use-config-drive", store_const(&A::config_drive, std::optional<bool>(true)), "config-drive"},
          {"--no-config-drive", store_const(&A::config_drive, std::optional<bool>(false)), "config-drive"},
          {"--min", store_int(&A::min)},
          {"--max", store_int(&A::max)},
          {"--tag", append(&A::tags)},
          {"--hostname", store(&A::hostname)},
          {"--wait", store_true(&A::wait)},
          // cliff ShowOne output options (no effect on the request)
          {"-f", ignored<A>(true)},
          {"--format", ignored<A>(true)},
          {"-c", ignored<A>(true)},
          {"--column", ignored<A>(true)},
          {"--noindent", ignored<A>(false)},
          {"--prefix", ignored<A>(true)},
          {"--max-width", ignored<A>(true)},
          {"--fit-width", ignored<A>(false)},
          {"--print-empty", ignored<A>(false)},
          {"-h", ignored<A>(false)},
          {"--help", ignored<A>(false)},
      }};
  return p;
}

std::optional<std::string> multi_key_value(const std::string& value, const std::vector<std::string>& required,
                                           const std::vector<std::string>& valid,
                                           std::vector<std::pair<std::string, std::string>>* out) {
  std::map<std::string, size_t> pos;
  for (const auto& kv : split(value, ',')) {
    const auto eq = kv.find('=');
    if (eq == std::string::npos) return "Expected comma separated 'key=value' pairs, but got: " + kv;
    if (eq == 0) return "Each property key must be specified: " + kv;
    const auto k = kv.substr(0, eq), v = kv.substr(eq + 1);
    if (pos.count(k))
      (*out)[pos[k]].second = v;  // dict.update: later value wins, first position kept
    else
      pos[k] = out->size(), out->emplace_back(k, v);
  }
  std::string invalid;
  for (const auto& [k, _] : *out)
    if (std::find(valid.begin(), valid.end(), k) == valid.end()) invalid += (invalid.empty() ? "" : ", ") + k;
  if (!invalid.empty()) {
    std::string vk;
    for (const auto& k : valid) vk += (vk.empty() ? "" : ", ") + k;
    return "Invalid keys " + invalid + " specified.\nValid keys are: " + vk;
  }
  std::string missing;
  for (const auto& k : required)
    if (!pos.count(k)) missing += (missing.empty() ? "" : ", ") + k;
  if (!missing.empty()) {
    std::string rk;
    for (const auto& k : required) rk += (rk.empty() ? "" : ", ") + k;
    return "Missing required keys " + missing + ".\nRequired keys are: " + rk;
  }
  return std::nullopt;
}

std::optional<std::string> bdm_action(const std::string& value, std::vector<json>* out) {
  std::vector<std::pair<std::string, std::string>> kv;
  if (auto e = multi_key_value(value, {}, osc_bdm_keys(), &kv)) return e;
  json m = json::object();
  for (const auto& [k, v] : kv) m[k] = v;  // values stay strings until take_action
  out->push_back(m);
  return std::nullopt;
}

std::optional<std::string> bdm_legacy_action(const std::string& values, std::vector<json>* out) {
  const auto eq = values.find('=');
  const std::string dev = values.substr(0, eq);
  const std::string map = eq == std::string::npos ? "" : values.substr(eq + 1);
  const auto parts = map.empty() ? std::vector<std::string>{} : split(map, ':');
  if (dev.empty() || parts.empty() || parts.size() > 4)
    return "Invalid argument " + values +
           "; argument must be of form 'dev-name=id[:type[:size[:delete-on-terminate]]]'";
  json m{{"device_name", dev}, {"uuid", parts[0]}, {"source_type", "volume"}, {"destination_type", "volume"}};
  if (parts.size() > 1 && !parts[1].empty()) {
    if (parts[1] != "volume" && parts[1] != "snapshot" && parts[1] != "image")
      return "Invalid argument " + values + "; 'type' must be one of: volume, snapshot, image";
    m["source_type"] = parts[1];
  }
  if (parts.size() > 2 && !parts[2].empty()) m["volume_size"] = parts[2];            // stays a string
  if (parts.size() > 3 && !parts[3].empty()) m["delete_on_termination"] = parts[3];  // raw string, unchecked
  out->push_back(m);
  return std::nullopt;
}

std::optional<std::string> nic_action(const std::string& key, std::string values, std::vector<Nic>* nics) {
  if (!key.empty()) {
    if (values.find_first_of(",=") != std::string::npos)
      return "Invalid argument " + values + "; characters ',' and '=' are not allowed";
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
    std::string* slot = k == "net-id"        ? &n.net_id
                        : k == "port-id"     ? &n.port_id
                        : k == "v4-fixed-ip" ? &n.v4
                        : k == "v6-fixed-ip" ? &n.v6
                        : k == "tag"         ? &n.tag
                                             : nullptr;
    if (!slot || v.empty())
      return "Invalid argument " + values +
             "; argument must be of form 'net-id=net-uuid,port-id="
             "port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag'";
    *slot = v;
  }
  if (!n.net_id.empty() && !n.port_id.empty())
    return "Invalid argument " + values + "; either 'network' or 'port' should be specified but not both";
  if (!n.v4.empty() && !n.v6.empty())
    return "Invalid argument " + values + "; either 'v4-fixed-ip' or 'v6-fixed-ip' should be specified but not both";
  nics->push_back(n);
  return std::nullopt;
}

std::optional<std::string> key_value_action(const std::string& value,
                                            std::vector<std::pair<std::string, std::string>>* out) {
  const auto eq = value.find('=');
  if (eq == std::string::npos) return "Expected 'key=value' type, but got: " + value;
  if (eq == 0) return "Property key must be specified: " + value;
  out->emplace_back(value.substr(0, eq), value.substr(eq + 1));
  return std::nullopt;
}

std::optional<bool> bool_from_str(const std::string& v) {
  std::string s;
  for (char c : v)
    if (!std::isspace(static_cast<unsigned char>(c))) s += static_cast<char>(std::tolower(c));
  for (auto t : {"1", "t", "true", "on", "y", "yes"})
    if (s == t) return true;
  for (auto f : {"0", "f", "false", "off", "n", "no"})
    if (s == f) return false;
  return std::nullopt;
}

std::optional<Fail> match_image(const CloudState* cloud, const std::string& image_property, std::string* image_id) {
  const auto eq = image_property.find('=');
  const std::string k = image_property.substr(0, eq), v = eq == std::string::npos ? "" : image_property.substr(eq + 1);
  if (cloud)
    for (const auto& i : cloud->images) {
      auto it = i.properties.find(k);
      if ((it != i.properties.end() && it->second == v) || (k == "name" && i.name == v) ||
          (k == "disk_format" && i.disk_format == v)) {
        *image_id = i.id;
        return std::nullopt;
      }
    }
  return command_error("No images match the property expected by --image-property");
}

std::optional<Fail> find_boot_source(const OscServerCreateArgs& args, const CloudState* cloud, BootSource* src) {
  const bool bfv = args.boot_from_volume != 0;  // `if parsed_args.boot_from_volume:` -- 0 counts as not given
  if (args.image) {
    src->image = *args.image;
    if (cloud) {  // image_client.find_image(ignore_missing=False)
      const Image* found = find_image_by_id_or_name(*cloud, *args.image);
      if (!found) return command_error("No Image found for " + *args.image);
      src->image = found->id;
    }
  } else if (args.image_property) {
    if (auto f = match_image(cloud, *args.image_property, &src->image)) return f;
  }
  src->have_image = args.image || args.image_property;
  if (args.volume) {
    if (bfv) return command_error("--volume is not allowed with --boot-from-volume");
    src->volume = *args.volume;
    if (cloud) {  // volume_client.find_volume(ignore_missing=False)
      const Volume* found = find_volume_by_id_or_name(*cloud, *args.volume);
      if (!found) return command_error("No Volume found for " + *args.volume);
      src->volume = found->id;
    }
  }
  if (args.delete_on_termination && !bfv)
    return command_error("--delete-on-termination can only be used with --boot-from-volume");
  if (args.snapshot) {
    if (bfv) return command_error("--snapshot is not allowed with --boot-from-volume");
    src->snapshot = *args.snapshot;
    if (cloud && !cloud->find_snapshot(*args.snapshot)) return command_error("No Snapshot found for " + *args.snapshot);
  }
  return std::nullopt;
}

std::optional<Fail> find_flavor(const CloudState* cloud, const std::string& flavor, std::string* flavor_id) {
  *flavor_id = flavor;
  if (!cloud) return std::nullopt;
  const Flavor* fl = cloud->find_flavor(flavor);
  if (!fl) return command_error("No Flavor found for " + flavor);
  *flavor_id = fl->id;
  return std::nullopt;
}

std::optional<Fail> root_block_device(const OscServerCreateArgs& args, const BootSource& src, std::vector<json>* bdms,
                                      bool* send_image) {
  *send_image = src.have_image;
  if (args.boot_from_volume) {
    if (!src.have_image)
      return command_error("An image (--image or --image-property) is required to support --boot-from-volume option");
    bdms->push_back({{"uuid", src.image},
                     {"boot_index", 0},
                     {"source_type", "image"},
                     {"destination_type", "volume"},
                     {"volume_size", args.boot_from_volume},
                     {"delete_on_termination", args.delete_on_termination}});
    *send_image = false;  // booting from volume: no imageRef
  } else if (src.have_image) {
    bdms->push_back({{"uuid", src.image},
                     {"boot_index", 0},
                     {"source_type", "image"},
                     {"destination_type", "local"},
                     {"delete_on_termination", true}});
  } else if (args.volume) {
    bdms->push_back(
        {{"uuid", src.volume}, {"boot_index", 0}, {"source_type", "volume"}, {"destination_type", "volume"}});
  } else if (args.snapshot) {
    bdms->push_back({{"uuid", src.snapshot},
                     {"boot_index", 0},
                     {"source_type", "snapshot"},
                     {"destination_type", "volume"},
                     {"delete_on_termination", false}});
  }
  return std::nullopt;
}

void swap_and_ephemerals(const OscServerCreateArgs& args, std::vector<json>* bdms) {
  if (args.swap)
    bdms->push_back({{"boot_index", -1},
                     {"source_type", "blank"},
                     {"destination_type", "local"},
                     {"guest_format", "swap"},
                     {"volume_size", args.swap},
                     {"delete_on_termination", true}});
  for (const auto& e : args.ephemerals) {
    json m{{"boot_index", -1},
           {"source_type", "blank"},
           {"destination_type", "local"},
           {"delete_on_termination", true},
           {"volume_size", e.at("size")}};
    if (e.contains("format")) m["guest_format"] = e.at("format");
    bdms->push_back(m);
  }
}

std::optional<Fail> resolve_block_device_mapping(const OscServerCreateArgs& args, const CloudState* cloud,
                                                 std::vector<json>* bdms) {
  for (auto m : args.block_device_mapping) {
    if (cloud) {
      const std::string uuid = m["uuid"], st = m["source_type"];
      if (st == "volume") {
        const Volume* found = find_volume_by_id_or_name(*cloud, uuid);
        if (!found) return command_error("No Volume found for " + uuid);
        m["uuid"] = found->id;
      } else if (st == "snapshot") {
        if (!cloud->find_snapshot(uuid)) return command_error("No Snapshot found for " + uuid);
      } else {
        const Image* found = find_image_by_id_or_name(*cloud, uuid);
        if (!found) return command_error("No Image found for " + uuid);
        m["uuid"] = found->id;
      }
    }
    bdms->push_back(m);
  }
  return std::nullopt;
}

std::optional<Fail> prepare_block_devices(const OscServerCreateArgs& args, const Versions& ver,
                                          std::vector<json>* bdms) {
  for (auto m : args.block_devices) {
    if (m.contains("boot_index")) {
      auto n = py_int(m["boot_index"].get<std::string>());
      if (!n) return command_error("The boot_index key of --block-device should be an integer");
      m["boot_index"] = *n;
    }
    if (m.contains("tag") && !supports_microversion(ver, "2.42"))
      return command_error(
          "--os-compute-api-version 2.42 or greater is required to support the tag key of --block-device");
    if (m.contains("volume_type") && !supports_microversion(ver, "2.67"))
      return command_error(
          "--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device");
    if (m.contains("source_type")) {
      static const std::set<std::string> ok{"volume", "image", "snapshot", "blank"};
      if (!ok.count(m["source_type"].get<std::string>()))
        return command_error("The source_type key of --block-device should be one of: volume, image, snapshot, blank");
    } else {
      m["source_type"] = "blank";
    }
    if (m.contains("destination_type")) {
      const std::string d = m["destination_type"];
      if (d != "local" && d != "volume")
        return command_error("The destination_type key of --block-device should be one of: local, volume");
    } else {
      m["destination_type"] = m["source_type"] == "blank" ? "local" : "volume";
    }
    if (m.contains("delete_on_termination")) {
      auto b = bool_from_str(m["delete_on_termination"].get<std::string>());
      if (!b) return command_error("The delete_on_termination key of --block-device should be a boolean-like value");
      m["delete_on_termination"] = *b;
    } else if (m["destination_type"] == "local") {
      m["delete_on_termination"] = true;
    }
    bdms->push_back(m);
  }
  return std::nullopt;
}

std::optional<Fail> networks_from_nics(const OscServerCreateArgs& args, const CloudState* cloud, const Versions& ver,
                                       json* networks) {
  const auto& nics = args.nics;
  *networks = json::array();
  bool special = false;
  for (const auto& n : nics) special = special || !n.special.empty();
  if (special) {
    if (nics.size() > 1)
      return command_error(
          "Specifying a --nic of auto or none cannot be used with any other --nic, --network or --port value.");
    if (!supports_microversion(ver, "2.37"))
      return command_error(
          "--os-compute-api-version 2.37 or greater is required to support explicit auto-allocation of a network or to "
          "disable network allocation");
    *networks = nics[0].special;
  } else {
    for (const auto& n : nics) {
      if (!n.tag.empty() && !supports_microversion(ver, "2.43"))
        return command_error("--os-compute-api-version 2.43 or greater is required to support the --nic tag field");
      if (cloud && !n.net_id.empty() && !cloud->networks.empty() &&
          std::find(cloud->networks.begin(), cloud->networks.end(), n.net_id) == cloud->networks.end())
        return command_error("No Network found for " + n.net_id);
      json net = json::object();
      if (!n.net_id.empty()) net["uuid"] = n.net_id;
      if (!n.port_id.empty()) net["port"] = n.port_id;
      if (!n.v4.empty())
        net["fixed_ip"] = n.v4;
      else if (!n.v6.empty())
        net["fixed_ip"] = n.v6;
      if (!n.tag.empty()) net["tag"] = n.tag;
      networks->push_back(net);
    }
  }
  if (nics.empty() && supports_microversion(ver, "2.37")) *networks = "auto";  // >= 2.37 requires a value
  return std::nullopt;
}

std::optional<Fail> server_body(const OscServerCreateArgs& args, const Versions& ver, const std::string& image_id,
                                const std::string& flavor_id, const std::vector<json>& bdms, const json& networks,
                                json* body) {
  // openstacksdk Server attributes -> request body keys (Body('imageRef') etc.).
  json s{{"name", *args.server_name}, {"imageRef", image_id},  {"flavorRef", flavor_id},
         {"min_count", args.min},     {"max_count", args.max}, {"networks", networks}};
  if (args.description && !args.description->empty()) s["description"] = *args.description;
  if (args.availability_zone && !args.availability_zone->empty()) s["availability_zone"] = *args.availability_zone;
  if (args.password && !args.password->empty()) s["adminPass"] = *args.password;
  for (const auto& [k, v] : args.properties) s["metadata"][k] = v;
  if (args.key_name && !args.key_name->empty()) s["key_name"] = *args.key_name;
  if (args.security_groups) {
    s["security_groups"] = json::array();
    for (const auto& g : *args.security_groups) s["security_groups"].push_back({{"name", g}});
  }
  if (!bdms.empty()) s["block_device_mapping_v2"] = bdms;
  if (args.config_drive && *args.config_drive) s["config_drive"] = true;
  if (!args.tags.empty()) {
    if (!supports_microversion(ver, "2.52"))
      return command_error("--os-compute-api-version 2.52 or greater is required to support the --tag option");
    s["tags"] = args.tags;
  }
  if (args.hostname && !args.hostname->empty()) {
    if (!supports_microversion(ver, "2.90"))
      return command_error("--os-compute-api-version 2.90 or greater is required to support the --hostname option");
    s["hostname"] = *args.hostname;
  }
  *body = json{{"server", s}};
  // Server._prepare_request moves scheduler hints to the top level; repeated keys become lists.
  if (!args.hints.empty()) (*body)["OS-SCH-HNT:scheduler_hints"] = merge_scheduler_hints(args.hints);
  return std::nullopt;
}

}  // namespace bfv::sem::cli_detail::osc

namespace bfv::sem::cli_detail {

// CreateServer.take_action, after argparse: the boot source, flavor, counts, block device mappings,
// networks, then openstacksdk's create_server body.
CliParse parse_osc_server_create(const std::vector<std::string>& words, const CloudState* cloud, const Versions& ver) {
  using namespace osc;
  CliParse r;
  r.client = "openstack";
  r.microversion = ver.negotiated;
  auto failed = [&](const Fail& f) {
    r.ok = false, r.exit_code = f.code, r.error = f.msg;
    if (!f.block_device.empty()) r.hint = osc_block_device_hint(words, f.block_device);
    return r;
  };
  OscServerCreateArgs args;
  const auto bad = parse_args(osc_server_create_parser(), words, ver.negotiated, &args);
  r.wait = args.wait;
  if (bad) {
    Fail f = usage(bad->message);
    if (bad->opt == "--block-device") f.block_device = bad->value;  // BDMAction refused it
    return failed(f);
  }

  BootSource src;
  if (auto f = find_boot_source(args, cloud, &src)) return failed(*f);
  std::string flavor_id;
  if (auto f = find_flavor(cloud, *args.flavor, &flavor_id)) return failed(*f);
  if (args.min > args.max) return failed(command_error("min instances should be <= max instances"));
  if (args.min < 1) return failed(command_error("min instances should be > 0"));
  if (args.max < 1) return failed(command_error("max instances should be > 0"));
  if (args.description && !args.description->empty() && !supports_microversion(ver, "2.19"))
    return failed(
        command_error("--os-compute-api-version 2.19 or greater is required to support the --description option"));

  std::vector<json> bdms;
  bool send_image = false;
  if (auto f = root_block_device(args, src, &bdms, &send_image)) return failed(*f);
  swap_and_ephemerals(args, &bdms);
  if (auto f = resolve_block_device_mapping(args, cloud, &bdms)) return failed(*f);
  if (auto f = prepare_block_devices(args, ver, &bdms)) return failed(*f);
  bool has_root = false;
  for (const auto& b : bdms)
    has_root = has_root || (b.contains("boot_index") && b["boot_index"].is_number() && b["boot_index"] == 0);
  if (!has_root)
    return failed(command_error(
        "An image (--image, --image-property) or bootable volume (--volume, --snapshot, --block-device) is required"));

  json networks;
  if (auto f = networks_from_nics(args, cloud, ver, &networks)) return failed(*f);
  if (auto f = server_body(args, ver, send_image ? src.image : "", flavor_id, bdms, networks, &r.body))
    return failed(*f);
  r.ok = true;
  return r;
}

}  // namespace bfv::sem::cli_detail

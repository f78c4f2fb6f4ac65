// BDM dictionaries while nova-api transforms them (R11–R20, R27–R34).
// Mirrors nova/block_device.py (BlockDeviceDict.from_api, _validate, from_legacy,
// from_legacy_mapping, create_image_bdm, create_blank_bdm) and the list helpers of
// nova/compute/api.py (_merge_bdms_lists, _get_flavor_defined_bdms).
#include <algorithm>
#include <cctype>
#include <string_view>
#include <set>

#include "models/semantics/server_create_detail.hpp"

namespace bfv::sem {

nlohmann::json Bdm::to_json() const {
  nlohmann::json j;
  // a no_device entry may have neither (nova/block_device.py::from_legacy keeps it as given)
  j["source_type"] = source_type.empty() && no_device ? nlohmann::json(nullptr) : nlohmann::json(source_type);
  j["destination_type"] =
      destination_type.empty() && no_device ? nlohmann::json(nullptr) : nlohmann::json(destination_type);
  j["boot_index"] = boot_index ? nlohmann::json(*boot_index) : nlohmann::json(nullptr);
  j["volume_size"] = volume_size ? nlohmann::json(*volume_size) : nlohmann::json(nullptr);
  j["delete_on_termination"] = delete_on_termination;
  j["uuid"] = uuid ? nlohmann::json(*uuid) : nlohmann::json(nullptr);
  j["volume_type"] = volume_type ? nlohmann::json(*volume_type) : nlohmann::json(nullptr);
  if (device_name) j["device_name"] = *device_name;
  if (guest_format) j["guest_format"] = *guest_format;
  if (disk_bus) j["disk_bus"] = *disk_bus;
  if (device_type) j["device_type"] = *device_type;
  if (tag) j["tag"] = *tag;
  if (no_device) j["no_device"] = true;
  return j;
}

}  // namespace bfv::sem

namespace bfv::sem::detail {

using nlohmann::json;

std::string prepend_dev(const std::string& name) {  // block_device.py::prepend_dev
  if (name.empty() || name.rfind("/dev/", 0) == 0) return name;
  return "/dev/" + name;
}
std::string strip_dev(const std::string& name) {  // block_device.py::strip_dev
  return name.rfind("/dev/", 0) == 0 ? name.substr(5) : name;
}
bool to_bool_like(const json& v) {  // oslo_utils.strutils.bool_from_string (schema already limited values)
  if (v.is_boolean()) return v.get<bool>();
  if (!v.is_string()) return false;
  static const std::set<std::string> yes{"True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes", "t", "y"};
  return yes.count(v.get<std::string>()) > 0;
}
std::optional<int> to_int_like(const json& v) {
  if (v.is_number_integer()) return static_cast<int>(v.get<long long>());
  if (v.is_string()) {
    try {
      return static_cast<int>(std::stoll(v.get<std::string>()));
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

namespace {
std::optional<std::string> opt_str(const json& item, const char* key) {
  if (item.contains(key) && item[key].is_string()) return item[key].get<std::string>();
  return std::nullopt;
}
// Fields BlockDeviceDict knows in the new format (block_device.py::bdm_new_fields + db-only fields);
// `uuid` has been popped by from_api before _validate runs.
const std::set<std::string> kNewFields{
    "source_type", "destination_type",      "guest_format", "device_type", "disk_bus",    "boot_index",
    "device_name", "delete_on_termination", "snapshot_id",  "volume_id",   "volume_size", "image_id",
    "no_device",   "connection_info",       "tag",          "volume_type", "uuid"};
// Fills the normalized fields shared by every input format (R20).
void fill_common(WorkBdm& w, const json& item) {
  auto& b = w.b;
  if (auto d = opt_str(item, "device_name")) b.device_name = prepend_dev(*d);
  if (item.contains("volume_size") && !item["volume_size"].is_null()) b.volume_size = to_int_like(item["volume_size"]);
  if (item.contains("delete_on_termination")) b.delete_on_termination = to_bool_like(item["delete_on_termination"]);
  if (item.contains("boot_index") && !item["boot_index"].is_null())
    b.boot_index = to_int_like(item["boot_index"]);
  else
    w.boot_index_none = true;
  b.guest_format = opt_str(item, "guest_format");
  b.disk_bus = opt_str(item, "disk_bus");
  b.device_type = opt_str(item, "device_type");
  b.tag = opt_str(item, "tag");
  b.volume_type = opt_str(item, "volume_type");
  w.no_device = item.contains("no_device") && !item["no_device"].is_null() && item["no_device"] != false;
}
}  // namespace

WorkBdm bdm_from_api(const json& item, bool image_uuid_specified) {
  WorkBdm w;
  w.no_device = item.contains("no_device") && !item["no_device"].is_null() && item["no_device"] != false;
  const auto source = opt_str(item, "source_type");
  const auto dest = opt_str(item, "destination_type");
  const auto uuid = opt_str(item, "uuid");
  const bool has_uuid = uuid && !uuid->empty();
  const bool has_vtype = item.contains("volume_type") && item["volume_type"].is_string() &&
                         !item["volume_type"].get<std::string>().empty();
  if (!w.no_device) {  // R19: no_device entries skip these checks
    if (source == "blank" && has_uuid) fail(400, "R13", bdm_invalid("Invalid device UUID."));
    if (source != "blank") {
      if (!has_uuid) fail(400, "R14", bdm_invalid("Missing device UUID."));
      // R15: from_api computes source_type + '_id' with source_type None -> TypeError -> 500.
      if (!source) fail(500, "R15", kUnexpected);
    }
    if (source == "image" && dest == "local") {
      int bi = -1;  // missing or null boot_index counts as -1
      if (item.contains("boot_index") && !item["boot_index"].is_null())
        bi = to_int_like(item["boot_index"]).value_or(-1);
      if (!(image_uuid_specified && bi == 0)) fail(400, "R16", bdm_invalid("Mapping image to local is not supported."));
    }
    if (dest == "local" && has_vtype)
      fail(400, "R17", bdm_invalid("Specifying a volume_type with destination_type=local is not supported."));
    if (source == "volume" && has_vtype)
      fail(400, "R17", bdm_invalid("Specifying volume type to existing volume is not supported."));
  }
  // BlockDeviceDict._validate: bogus fields (R18), then required fields (R20; the schema catches
  // the malformed values first).
  std::string bogus;
  for (auto it = item.begin(); it != item.end(); ++it)
    if (!kNewFields.count(it.key())) bogus += (bogus.empty() ? "" : " ") + it.key();
  if (!bogus.empty()) fail(400, "R18", bdm_invalid("Following fields are invalid: " + bogus));
  if (!w.no_device && !source) fail(400, "R20", bdm_invalid("Some required fields are missing"));

  w.b.source_type = source.value_or("");
  w.b.destination_type = dest.value_or("");
  if (!w.no_device && source != "blank") w.b.uuid = uuid;
  fill_common(w, item);
  return w;
}

namespace {
bool is_ephemeral_name(const std::string& n) {  // block_device.py::is_ephemeral
  // '^ephemeral(\d|[1-9]\d+)$' by hand: no regex recursion on user text (issue 17).
  constexpr std::string_view prefix = "ephemeral";
  if (n.size() <= prefix.size() || n.compare(0, prefix.size(), prefix) != 0) return false;
  const std::string_view d(n.data() + prefix.size(), n.size() - prefix.size());
  if (d.size() > 1 && d[0] == '0') return false;
  return std::all_of(d.begin(), d.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}
}  // namespace

std::vector<WorkBdm> bdm_from_legacy_mapping(const json& v1_list, const std::string& image_uuid,
                                             const std::string& root_device_name, bool no_root, const NovaConfig& cfg) {
  std::vector<WorkBdm> out;
  for (const auto& item : v1_list) {
    // block_device.py::BlockDeviceDict.from_legacy (R31)
    WorkBdm w;
    fill_common(w, item);
    w.b.origin = "legacy_v1";
    w.b.boot_index.reset();
    w.boot_index_none = true;
    const std::string virt = item.value("virtual_name", std::string());
    if (virt == "swap" || is_ephemeral_name(virt)) {
      w.b.source_type = "blank";
      w.b.destination_type = "local";
      w.b.delete_on_termination = true;  // forced, whatever the request said
      if (virt == "swap")
        w.b.guest_format = "swap";
      else
        w.b.guest_format = cfg.default_ephemeral_format;
    } else if (opt_str(item, "snapshot_id")) {
      w.b.source_type = "snapshot";
      w.b.destination_type = "volume";
      w.b.uuid = opt_str(item, "snapshot_id");
    } else if (opt_str(item, "volume_id")) {
      w.b.source_type = "volume";
      w.b.destination_type = "volume";
      w.b.uuid = opt_str(item, "volume_id");
    } else if (w.no_device) {
      // kept only to override image-defined mappings (R29)
    } else {
      fail(400, "R31", bdm_invalid("Unrecognized legacy format."));
    }
    out.push_back(std::move(w));
  }
  if (no_root) {  // the image-defined list carries the root (R30)
    for (auto& w : out) {
      w.b.boot_index = -1;
      w.boot_index_none = false;
    }
    return out;
  }
  bool volume_backed = false;
  for (auto& w : out) {
    const auto& s = w.b.source_type;
    if ((s == "volume" || s == "snapshot" || s == "image") && w.b.device_name &&
        strip_dev(*w.b.device_name) == strip_dev(root_device_name)) {
      w.b.boot_index = 0;
      w.boot_index_none = false;
      volume_backed = true;
    } else if (!w.no_device) {
      w.b.boot_index = -1;
      w.boot_index_none = false;
    }
  }
  if (!volume_backed && !image_uuid.empty()) {
    // block_device.py::create_image_bdm: the root of an image-backed server (R32)
    WorkBdm root;
    root.b.source_type = "image";
    root.b.destination_type = "local";
    root.b.uuid = image_uuid;
    root.b.boot_index = 0;
    root.b.delete_on_termination = true;
    root.b.device_type = "disk";
    root.b.origin = "generated_root";
    out.insert(out.begin(), root);
  }
  return out;
}

WorkBdm bdm_from_image_property(const json& item) {
  // Image-defined BDMs are stored with <source>_id keys (nova/compute/api.py::snapshot_volume_backed
  // builds them from the original server's BDMs).
  WorkBdm w;
  fill_common(w, item);
  w.b.origin = "image_metadata";
  w.b.source_type = item.value("source_type", std::string());
  w.b.destination_type = item.value("destination_type", std::string());
  for (const char* k : {"snapshot_id", "volume_id", "image_id", "uuid"})
    if (auto v = opt_str(item, k)) {
      w.b.uuid = v;
      break;
    }
  return w;
}

std::vector<WorkBdm> merge_bdms_lists(const std::vector<WorkBdm>& overridable, const std::vector<WorkBdm>& overrider) {
  std::set<std::string> names;
  for (const auto& w : overrider)
    if (w.b.device_name) names.insert(*w.b.device_name);
  std::vector<WorkBdm> out = overrider;
  for (const auto& w : overridable)
    if (!w.b.device_name || !names.count(*w.b.device_name)) out.push_back(w);
  return out;
}

std::vector<WorkBdm> flavor_defined_bdms(const Flavor& flavor, const std::vector<WorkBdm>& bdms) {
  bool have_eph = false, have_swap = false;
  for (const auto& w : bdms) {
    if (w.no_device) continue;
    have_eph = have_eph || w.b.is_ephemeral();
    have_swap = have_swap || w.b.is_swap();
  }
  std::vector<WorkBdm> out;
  auto blank = [](int size, std::optional<std::string> fmt) {  // block_device.py::create_blank_bdm
    WorkBdm w;
    w.b.source_type = "blank";
    w.b.destination_type = "local";
    w.b.volume_size = size;
    w.b.boot_index = -1;
    w.b.delete_on_termination = true;
    w.b.guest_format = std::move(fmt);
    w.b.origin = "flavor";
    return w;
  };
  if (flavor.ephemeral_gb > 0 && !have_eph) out.push_back(blank(flavor.ephemeral_gb, std::nullopt));
  if (flavor.swap_mb > 0 && !have_swap) out.push_back(blank(flavor.swap_mb, std::string("swap")));
  return out;
}

}  // namespace bfv::sem::detail

// validate_server_create(): nova-api's answer to POST /servers, stage by stage in Nova's order
// (docs/bdm-rules.md, processing order; nova/api/openstack/compute/servers.py::ServersController.create and
// nova/compute/api.py::API.create/_create_instance/_provision_instances). The first stage that
// throws decides the HTTP status; later stages never run.
#include <algorithm>
#include <set>

#include "models/semantics/server_create_detail.hpp"

namespace bfv::sem {

using nlohmann::json;
using namespace detail;

namespace {

bool uuid_like(const std::string& s) {
  std::string hex;
  for (char c : s)
    if (c != '-') hex += c;
  return hex.size() == 32 && std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// compute/api.py::_check_and_transform_bdm (R27–R34): user BDMs -> the instance's BDM list.
std::vector<WorkBdm> check_and_transform_bdm(const BootMeta& meta, const Flavor& flavor, const std::string& image_ref,
                                             const std::string& root_device_name, int min_count, int max_count,
                                             bool legacy, const json& v1, const std::vector<WorkBdm>& user_v2,
                                             const NovaConfig& cfg) {
  // R28: a volume may not take the root's device name on an image-backed server. Compared
  // against the raw root name, so an image property "/dev/vda" never matches "vda" (quirk);
  // v1 entries have no destination_type and never trigger it.
  if (!image_ref.empty() && !legacy)
    for (const auto& w : user_v2)
      if (w.b.destination_type == bdm::kVolume && w.b.device_name && strip_dev(*w.b.device_name) == root_device_name)
        fail(400, "R28", "The volume cannot be assigned the same device name as the root device " + root_device_name);

  // R29: image-defined mappings (_get_image_defined_bdms).
  std::vector<WorkBdm> image_bdms;
  if (meta.present && meta.block_device_mapping.is_array() && !meta.block_device_mapping.empty()) {
    if (meta.bdm_v2) {
      for (const auto& item : meta.block_device_mapping) image_bdms.push_back(bdm_from_image_property(item));
    } else {
      image_bdms = bdm_from_legacy_mapping(meta.block_device_mapping, "", root_device_name, false, cfg);
      for (auto& w : image_bdms) w.b.origin = "image_metadata";
    }
  }
  const bool root_in_image =
      std::any_of(image_bdms.begin(), image_bdms.end(), [](const WorkBdm& w) { return w.b.boot_index == 0; });
  std::vector<WorkBdm> list;
  if (legacy) {
    list = bdm_from_legacy_mapping(v1, image_ref, root_device_name, root_in_image, cfg);  // R31/R32
  } else {
    for (const auto& w : user_v2)  // R30: the client-inserted image root yields to the image's root
      if (!(root_in_image && w.b.boot_index == 0 && w.b.source_type == bdm::kImage)) list.push_back(w);
  }
  list = merge_bdms_lists(image_bdms, list);

  if (min_count > 1 || max_count > 1)  // R33
    for (const auto& w : list)
      if (w.b.source_type == bdm::kVolume) fail(400, "R33", "Cannot attach one or more volumes to multiple instances");

  for (auto& w : flavor_defined_bdms(flavor, list)) list.push_back(std::move(w));  // R34

  // block_device_make_list_from_dicts: the BDM object's DeviceType enum raises ValueError -> 500
  // (code reading).
  static const std::set<std::string> kDeviceTypes{"cdrom", "disk", "floppy", "fs", "lun"};
  for (const auto& w : list)
    if (w.b.device_type && !kDeviceTypes.count(*w.b.device_type)) fail(500, "§9", kUnexpected);

  // no_device entries override image mappings by device name and are stored like the others
  // (block_device_obj.block_device_make_list_from_dicts keeps them); no device is made for them.
  for (auto& w : list) w.b.no_device = w.no_device;
  return list;
}

}  // namespace

Verdict validate_server_create(const json& body, const std::string& microversion, const CloudState& cloud,
                               const NovaConfig& cfg, const NovaQuota& quota, const NovaUsage& usage) {
  Verdict v;
  try {
    // 1. microversion header, JSON schema (R1–R10)
    const Microversion mv = parse_microversion(microversion, cfg.max_microversion);
    validate_schema(body, mv);
    const json& s = body.at("server");
    v.name = s.at("name").get<std::string>();
    v.flavor_id = s.at("flavorRef").is_string() ? s["flavorRef"].get<std::string>() : s["flavorRef"].dump();
    const std::string image_ref = s.value("imageRef", std::string());
    if (!image_ref.empty()) v.image_ref = image_ref;

    // 2. counts (max_count defaults to min_count) and the AZ string "az[:host[:node]]"
    const int min_count = s.contains("min_count") ? to_int_like(s["min_count"]).value_or(1) : 1;
    const int max_count = s.contains("max_count") ? to_int_like(s["max_count"]).value_or(min_count) : min_count;
    v.min_count = min_count;
    v.max_count = max_count;
    if (min_count > max_count) fail(400, "§1", "min_count must be <= max_count");
    std::string az = s.value("availability_zone", std::string());
    az = az.substr(0, az.find(':'));
    v.availability_zone = az;

    // 3. servers.py::_process_bdms_for_create (R11–R20)
    json v1 = s.value("block_device_mapping", json::array());
    const json v2raw = s.value("block_device_mapping_v2", json::array());
    if (!v1.empty() && !v2raw.empty())
      fail(400, "R11", "Using different block_device_mapping syntaxes is not allowed in the same request.");
    const bool legacy = v2raw.empty();  // no BDMs at all also take the legacy path (R32)
    std::vector<WorkBdm> user_v2;
    for (auto& item : v1)  // R12
      if (item.contains("delete_on_termination"))
        item["delete_on_termination"] = to_bool_like(item["delete_on_termination"]);
    for (const auto& item : v2raw) user_v2.push_back(bdm_from_api(item, !image_ref.empty()));
    const bool have_bdms = legacy ? !v1.empty() : !user_v2.empty();

    // 4. servers.py::_image_from_req_data (R21)
    if (image_ref.empty() && !have_bdms) fail(400, "R21", "Missing imageRef attribute");

    // 5. networks format, flavor lookup
    v.allocate_network = !(s.contains("networks") && s["networks"].is_string() && s["networks"] == "none");
    if (s.contains("networks") && s["networks"].is_array())
      for (const auto& n : s["networks"])
        if (n.contains("uuid") && !uuid_like(n["uuid"].get<std::string>()))
          fail(400, "§1",
               "Bad networks format: network uuid is not in proper format (" + n["uuid"].get<std::string>() + ")");
    // flavors.get_flavor_by_flavor_id matches the flavor id only; names are resolved by the
    // clients (CloudState::find_flavor also accepts names, so it is not used here).
    const Flavor* flavor = nullptr;
    for (const auto& f : cloud.flavors)
      if (f.id == v.flavor_id) {
        flavor = &f;
        break;
      }
    if (!flavor) fail(400, "§1", "Flavor " + v.flavor_id + " could not be found.");

    // 6. compute/api.py::API.create: requested AZ must exist
    if (!az.empty() && std::find(cloud.availability_zones.begin(), cloud.availability_zones.end(), az) ==
                           cloud.availability_zones.end())
      fail(400, "§1", "The requested availability zone is not available");

    // 6.1 boot metadata
    BootMeta meta;
    if (!image_ref.empty()) {
      const Image* img = cloud.find_image(image_ref);
      if (!img || img->status == "deleted") fail(400, "§1", "Can not find requested image");
      meta = image_boot_meta(*img, true);
    } else {
      meta = bdm_image_metadata(user_v2, v1, legacy, cloud);
    }

    // 6.2 _validate_and_build_base_options
    if (flavor->disabled) fail(400, "§1", "Flavor " + flavor->id + " could not be found.");
    if (s.contains("networks") && s["networks"].is_array() && !cloud.networks.empty())
      for (const auto& n : s["networks"])
        if (n.contains("uuid") &&
            std::find(cloud.networks.begin(), cloud.networks.end(), n["uuid"]) == cloud.networks.end())
          fail(400, "§1", "Network " + n["uuid"].get<std::string>() + " could not be found.");
    if (s.contains("key_name") && !cloud.keypairs.empty() &&
        std::find(cloud.keypairs.begin(), cloud.keypairs.end(), s["key_name"]) == cloud.keypairs.end())
      fail(400, "§1", "Invalid key_name provided.");
    std::string root_device_name = "vda";  // R27
    if (auto it = meta.properties.find("root_device_name"); it != meta.properties.end() && !it->second.empty())
      root_device_name = prepend_dev(it->second);

    // 6.3 _check_and_transform_bdm (R27–R34)
    std::vector<WorkBdm> bdms = check_and_transform_bdm(meta, *flavor, image_ref, root_device_name, min_count,
                                                        max_count, legacy, v1, user_v2, cfg);

    // 6.4 _checks_for_create_and_rebuild (R35–R40)
    const WorkBdm* root = nullptr;
    for (const auto& w : bdms)
      if (w.b.boot_index == 0) {
        root = &w;
        break;
      }
    validate_flavor_image(meta, *flavor, root, cfg);

    // 6.5 _provision_instances: quota (§2.F), volumes + AZ (R44/R51), per-instance BDMs (R41–R52)
    v.max_count = check_num_instances_quota(*flavor, min_count, max_count, quota, usage);
    const ValidateCtx ctx{cloud, cfg, *flavor, mv, image_ref};
    // _validate_bdm has nothing to check on a no_device entry (no source, no size); they keep their place.
    std::vector<WorkBdm> devices;
    for (const auto& w : bdms)
      if (!w.no_device) devices.push_back(w);
    v.availability_zone = check_volumes_and_az(devices, ctx, az);
    validate_bdm(devices, ctx);
    for (size_t i = 0, d = 0; i < bdms.size(); ++i)
      if (!bdms[i].no_device) bdms[i] = devices[d++];

    for (auto& w : bdms) {
      Bdm b = w.b;  // boot_index as Nova stores it: negative values are kept (nova/objects/block_device.py)
      if (b.boot_index == 0 && !b.no_device) v.boot_from_volume = b.destination_type == bdm::kVolume;
      v.bdms.push_back(std::move(b));
    }
  } catch (const ApiError& e) {
    v.status = e.status;
    v.error = e.what();
    v.rule = e.rule;
    v.bdms.clear();
  }
  return v;
}

}  // namespace bfv::sem

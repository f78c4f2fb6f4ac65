// The boot disk's image metadata and the flavor/image compatibility checks (R23–R27, R35–R40).
// Mirrors nova/block_device.py::get_bdm_image_metadata / get_image_metadata_from_volume and
// nova/compute/api.py::_detect_nonbootable_image_from_properties, _validate_flavor_image,
// _validate_flavor_image_nostatus.
#include <cctype>
#include <string>

#include "models/semantics/server_create_detail.hpp"

namespace bfv::sem::detail {

using nlohmann::json;
namespace {
constexpr int64_t kGiB = 1024LL * 1024 * 1024;

// block_device.py::get_device_letter: "vda" -> "a", "/dev/sdb1" -> "b", "xvda" -> "a".
std::string device_letter(const std::string& name) {
  // re.sub('^(x?v|s|h)d', '', name) then re.sub(r'\d+', '', ...), scanned by hand: std::regex
  // recurses once per character and user device names are unbounded (issue 17).
  std::string s = strip_dev(name);
  for (const char* p : {"xvd", "vd", "sd", "hd"})
    if (s.rfind(p, 0) == 0) {
      s.erase(0, std::char_traits<char>::length(p));
      break;
    }
  std::string out;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) out += c;
  return out;
}

int meta_int(const json& m, const char* key) {
  if (!m.is_object() || !m.contains(key)) return 0;
  const auto& v = m[key];
  if (v.is_number_integer()) return v.get<int>();
  if (v.is_string()) {
    try {
      return std::stoi(v.get<std::string>());
    } catch (...) {
    }
  }
  return 0;
}

// block_device.py::get_image_metadata_from_volume (R26).
BootMeta volume_meta(const Volume& vol) {
  BootMeta m;
  m.present = true;
  m.id = "None";
  m.status = "active";  // forced: a volume is always usable as boot metadata
  m.size_bytes = static_cast<int64_t>(vol.size_gb) * kGiB;
  const nlohmann::json& meta = vol.volume_image_metadata;
  m.min_disk_gb = meta_int(meta, "min_disk");
  m.min_ram_mb = meta_int(meta, "min_ram");
  if (meta.is_object())
    for (auto it = meta.begin(); it != meta.end(); ++it)
      if (it.value().is_string()) m.properties[it.key()] = it.value().get<std::string>();
  return m;
}
}  // namespace

BootMeta image_boot_meta(const Image& img, bool from_image_ref) {
  BootMeta m;
  m.present = true;
  m.id = from_image_ref ? img.id : "None";  // R36: BFV-from-image prints image_id None
  m.status = img.status;
  m.size_bytes = img.size.value_or(0);
  m.min_disk_gb = img.min_disk;
  m.min_ram_mb = img.min_ram;
  m.properties = img.properties;
  m.block_device_mapping = img.block_device_mapping;
  m.bdm_v2 = img.bdm_v2 || (img.properties.count("bdm_v2") && img.properties.at("bdm_v2") == "True");
  return m;
}

BootMeta bdm_image_metadata(const std::vector<WorkBdm>& v2, const json& v1, bool legacy, const CloudState& cloud) {
  struct Ids {
    std::optional<std::string> image, volume, snapshot;
  };
  std::vector<Ids> candidates;
  if (legacy) {
    for (const auto& item : v1) {
      if (device_letter(item.value("device_name", std::string())) != "a") continue;
      Ids ids;
      if (item.contains("volume_id") && item["volume_id"].is_string())
        ids.volume = item["volume_id"].get<std::string>();
      if (item.contains("snapshot_id") && item["snapshot_id"].is_string())
        ids.snapshot = item["snapshot_id"].get<std::string>();
      candidates.push_back(ids);
    }
  } else {
    for (const auto& w : v2) {
      if (w.b.boot_index != 0 || w.no_device) continue;
      Ids ids;
      if (w.b.source_type == bdm::kImage) ids.image = w.b.uuid;
      if (w.b.source_type == bdm::kVolume) ids.volume = w.b.uuid;
      if (w.b.source_type == bdm::kSnapshot) ids.snapshot = w.b.uuid;
      candidates.push_back(ids);
    }
  }
  for (auto ids : candidates) {
    if (ids.snapshot) {
      // R24: a snapshot inherits its parent volume's metadata; not found is not wrapped.
      const Snapshot* s = cloud.find_snapshot(*ids.snapshot);
      if (!s) fail(400, "R24", "Snapshot " + *ids.snapshot + " could not be found.");
      ids.volume = s->volume_id;
    }
    if (ids.image) {
      const Image* img = cloud.find_image(*ids.image);
      if (!img || img->status == "deleted") fail(400, "R23", bdm_invalid("failed to get image " + *ids.image + "."));
      return image_boot_meta(*img, false);
    }
    if (ids.volume) {
      const Volume* vol = cloud.find_volume(*ids.volume);
      if (!vol) fail(400, "R25", bdm_invalid("failed to get volume " + *ids.volume + "."));
      if (!vol->bootable) fail(400, "R25", "Block Device " + *ids.volume + " is not bootable.");
      return volume_meta(*vol);
    }
  }
  return {};  // R26: no boot BDM -> empty metadata; R41 rejects later
}

void validate_flavor_image(const BootMeta& meta, const Flavor& flavor, const WorkBdm* root_bdm, const NovaConfig& cfg) {
  // _detect_nonbootable_image_from_properties (R35): only for the instance's own imageRef.
  if (meta.present && meta.id != "None" && meta.properties.count("cinder_encryption_key_id"))
    fail(400, "R35",
         "Image " + meta.id +
             " is unacceptable: Direct booting of an image uploaded from an encrypted "
             "volume is unsupported.");
  // _validate_flavor_image: an empty metadata dict skips the status check.
  if (meta.present && meta.status != "active") fail(400, "R36", "Image " + meta.id + " is not active.");
  // _validate_flavor_image_nostatus
  if (flavor.ram_mb < meta.min_ram_mb) fail(400, "R37", "Flavor's memory is too small for requested image.");
  const int64_t min_disk = static_cast<int64_t>(meta.min_disk_gb) * kGiB;
  if (root_bdm && root_bdm->b.destination_type == bdm::kVolume) {
    // R38: only a requested size is checked; the flavor disk never is.
    if (root_bdm->b.volume_size && *root_bdm->b.volume_size > 0) {
      const int64_t dest = static_cast<int64_t>(*root_bdm->b.volume_size) * kGiB;
      if (min_disk > dest)
        fail(400, "R38",
             "Volume is smaller than the minimum size specified in image metadata. Volume size is " +
                 std::to_string(dest) + " bytes, minimum size is " + std::to_string(min_disk) + " bytes.");
    }
    return;
  }
  const int64_t dest = static_cast<int64_t>(flavor.disk_gb) * kGiB;
  if (dest != 0) {  // R39
    if (meta.size_bytes > dest)
      fail(400, "R39",
           "Flavor's disk is too small for requested image. Flavor disk is " + std::to_string(dest) +
               " bytes, image is " + std::to_string(meta.size_bytes) + " bytes.");
    if (min_disk > dest)
      fail(400, "R39",
           "Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is " +
               std::to_string(dest) + " bytes, minimum size is " + std::to_string(min_disk) + " bytes.");
  } else if (!cfg.zero_disk_flavor_allowed) {  // R40, policy os_compute_api:servers:create:zero_disk_flavor
    fail(403, "R40", "Only volume-backed servers are allowed for flavors with zero disk.");
  }
}

}  // namespace bfv::sem::detail

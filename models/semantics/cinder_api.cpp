// cinder-api's answer to the POST /volumes nova-compute sends for image/snapshot/blank->volume
// BDMs (docs/bdm-rules.md R56–R61; cinder/volume/flows/api/create_volume.py), and the fault text Nova records.
// Order: API lookups (cinder/api/v3/volumes.py::VolumeController.create), then
// cinder/volume/flows/api/create_volume.py::ExtractVolumeRequestTask (snapshot status, size,
// image metadata), then QuotaReserveTask (per_volume_size_limit, reserve) with
// cinder/quota_utils.py::process_reserve_over_quota choosing the exception.
#include "models/semantics/server_create.hpp"

namespace bfv::sem {
namespace {
constexpr long long kGiB = 1024LL * 1024 * 1024;
CinderVerdict reject(int status, const std::string& exc, const std::string& msg) { return {status, msg, exc}; }
long long ceil_gib(long long bytes) { return (bytes + kGiB - 1) / kGiB; }
}  // namespace

CinderVerdict cinder_check_volume_create(int size_gb, const std::optional<std::string>& image_id,
                                         const std::optional<std::string>& snapshot_id, const std::string& volume_type,
                                         const CloudState& cloud, const CinderConfig& cfg, const CinderQuota& quota,
                                         const CinderUsage& usage) {
  // API layer: volume type, snapshot, image lookups.
  std::string type_name = volume_type;
  if (!volume_type.empty()) {
    const VolumeType* t = cloud.find_volume_type(volume_type);
    if (t)
      type_name = t->name;
    else if (volume_type != cloud.default_volume_type)
      return reject(404, "VolumeTypeNotFoundByName", "Volume type with name " + volume_type + " could not be found.");
  }
  const Snapshot* snap = nullptr;
  if (snapshot_id) {
    snap = cloud.find_snapshot(*snapshot_id);
    if (!snap) return reject(404, "SnapshotNotFound", "Snapshot " + *snapshot_id + " could not be found.");
  }
  const Image* img = nullptr;
  if (image_id) {
    img = cloud.find_image(*image_id);
    if (!img || img->status == "deleted")
      return reject(400, "InvalidInput",
                    "Invalid input received: Invalid image identifier or unable to access requested image.");
  }
  // ExtractVolumeRequestTask._extract_snapshot (R59)
  if (snap && snap->status != "available")
    return reject(400, "InvalidSnapshot",
                  "Invalid snapshot: Originating snapshot status must be one of 'available' values");
  // _extract_size (R61)
  if (size_gb <= 0)
    return reject(
        400, "InvalidInput",
        "Invalid input received: Volume size '" + std::to_string(size_gb) + "' must be an integer and greater than 0");
  if (snap && size_gb < snap->size_gb)
    return reject(400, "InvalidInput",
                  "Invalid input received: Volume size '" + std::to_string(size_gb) +
                      "'GB cannot be smaller than the snapshot size " + std::to_string(snap->size_gb) +
                      "GB. They must be >= original snapshot size.");
  // volume_utils.py::check_image_metadata + check_virtual_size (R60)
  if (img) {
    if (img->status != "active")
      return reject(400, "InvalidInput", "Invalid input received: Image " + img->id + " is not active.");
    const long long image_gb = ceil_gib(img->size.value_or(0));
    if (image_gb > size_gb)
      return reject(400, "InvalidInput",
                    "Invalid input received: Size of specified image " + std::to_string(image_gb) +
                        "GB is larger than volume size " + std::to_string(size_gb) + "GB.");
    if (size_gb < img->min_disk)
      return reject(400, "InvalidInput",
                    "Invalid input received: Volume size " + std::to_string(size_gb) +
                        "GB cannot be smaller than the image minDisk size " + std::to_string(img->min_disk) + "GB.");
    if (img->virtual_size && ceil_gib(*img->virtual_size) > size_gb)
      return reject(400, "ImageUnacceptable",
                    "Image " + img->id + " is unacceptable: Image virtual size is " +
                        std::to_string(ceil_gib(*img->virtual_size)) + "GB and doesn't fit in a volume of size " +
                        std::to_string(size_gb) + "GB.");
  }
  // QuotaReserveTask: per-volume limit first (C2), then the reservation (C3).
  if (cfg.per_volume_size_limit >= 0 && size_gb > cfg.per_volume_size_limit)
    return reject(413, "VolumeSizeExceedsLimit",
                  "Requested volume size " + std::to_string(size_gb) + "G is larger than maximum allowed limit " +
                      std::to_string(cfg.per_volume_size_limit) + "G.");
  // The type whose per-type quota is charged: requested, else the snapshot's volume's, else default.
  if (type_name.empty() && snap)
    if (const Volume* parent = cloud.find_volume(snap->volume_id); parent && !parent->volume_type.empty())
      type_name = parent->volume_type;
  if (type_name.empty()) type_name = cloud.default_volume_type;
  auto get = [](const std::map<std::string, long long>& m, const std::string& k, long long dflt) {
    auto it = m.find(k);
    return it == m.end() ? dflt : it->second;
  };
  struct Res {
    std::string name;
    long long quota, used, delta;
    bool gigabytes;
  };
  const std::vector<Res> deltas{{"volumes", quota.volumes, usage.volumes, 1, false},
                                {"gigabytes", quota.gigabytes, usage.gigabytes, size_gb, true},
                                {"volumes_" + type_name, get(quota.volumes_per_type, type_name, -1),
                                 get(usage.volumes_per_type, type_name, 0), 1, false},
                                {"gigabytes_" + type_name, get(quota.gigabytes_per_type, type_name, -1),
                                 get(usage.gigabytes_per_type, type_name, 0), size_gb, true}};
  for (const auto& r : deltas) {
    if (r.quota < 0 || r.used + r.delta <= r.quota) continue;
    if (r.gigabytes)
      return reject(413, "VolumeSizeExceedsAvailableQuota",
                    "Requested volume or snapshot exceeds allowed " + r.name + " quota. Requested " +
                        std::to_string(size_gb) + "G, quota is " + std::to_string(r.quota) + "G and " +
                        std::to_string(r.used) + "G has been consumed.");
    return reject(
        413, "VolumeLimitExceeded",
        "Maximum number of volumes allowed (" + std::to_string(r.quota) + ") exceeded for quota '" + r.name + "'.");
  }
  return {};
}

std::string nova_fault_for_cinder_error(const std::string& instance_uuid, const CinderVerdict& v) {
  const std::string prefix = "Build of instance " + instance_uuid + " aborted: ";
  if (v.ok()) return "";
  // Cinder 413 -> nova OverQuota keeping Cinder's exception name (R56); 400 -> InvalidInput whose
  // reason already reads "Invalid input received: ..." or names its own class (R58); 404 -> NotFound.
  if (v.status == 413) return prefix + v.exception + ": " + v.error;
  if (v.status == 400 && v.error.rfind("Invalid input received: ", 0) != 0)
    return prefix + "Invalid input received: " + v.error;
  return prefix + v.error;
}

std::string nova_fault_volume_not_created(const std::string& instance_uuid, const std::string& volume_id, int waited_s,
                                          int attempts, const std::string& status) {
  // nova/exception.py::VolumeNotCreated, raised by manager.py::_await_block_device_map_created (R64).
  return "Build of instance " + instance_uuid + " aborted: Volume " + volume_id +
         " did not finish being created even after we waited " + std::to_string(waited_s) + " seconds or " +
         std::to_string(attempts) + " attempts. And its status is " + status + ".";
}

}  // namespace bfv::sem

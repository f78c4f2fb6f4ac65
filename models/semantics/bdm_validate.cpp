// Per-instance BDM validation in nova-api (R41–R52), after the quota check.
// Mirrors nova/compute/api.py::_get_volumes_for_bdms, _validate_vol_az_for_create,
// _bdm_validate_set_size_and_instance (_volume_size), _validate_bdm,
// _check_attach_and_reserve_volume and Cinder's attachment reserve
// (cinder/volume/api.py::attachment_create / _attachment_reserve).
#include <algorithm>
#include <set>

#include "models/semantics/server_create_detail.hpp"

namespace bfv::sem::detail {

std::string check_volumes_and_az(const std::vector<WorkBdm>& bdms, const ValidateCtx& ctx,
                                 const std::string& requested_az) {
  // _get_volumes_for_bdms: GET every pre-existing volume once (R44: missing -> VolumeNotFound, 400).
  std::set<std::string> azs;
  for (const auto& w : bdms) {
    if (w.b.source_type != bdm::kVolume || !w.b.uuid) continue;
    const Volume* v = ctx.cloud.find_volume(*w.b.uuid);
    if (!v) fail(400, "R44", "Volume " + *w.b.uuid + " could not be found.");
    azs.insert(v->availability_zone);
  }
  // _validate_vol_az_for_create (R51)
  if (ctx.cfg.cross_az_attach || azs.empty()) return requested_az;
  if (azs.size() > 1) {
    std::string list;
    for (const auto& a : azs) list += (list.empty() ? "" : ",") + a;
    fail(400, "R51",
         "The availability zone between the server and its attached volumes do not match: Volumes are "
         "in different availability zones: " +
             list + ".");
  }
  const std::string vol_az = *azs.begin();
  if (requested_az.empty()) {
    // Pin the server to the volumes' AZ, unless that is the default AZ (which any host may be in).
    return vol_az == ctx.cfg.default_availability_zone ? std::string() : vol_az;
  }
  if (requested_az != vol_az)
    fail(400, "R51",
         "The availability zone between the server and its attached volumes do not match: Server and "
         "volumes are not in the same availability zone. Server is in: " +
             requested_az + ". Volumes are in: " + vol_az + ".");
  return requested_az;
}

void validate_bdm(std::vector<WorkBdm>& bdms, const ValidateCtx& ctx) {
  const Flavor& flavor = ctx.flavor;
  // _volume_size: only swap/ephemeral inherit the flavor's size (R52).
  for (auto& w : bdms)
    if (!w.b.volume_size && w.b.source_type == bdm::kBlank && w.b.destination_type == bdm::kLocal)
      w.b.volume_size = w.b.is_swap() ? flavor.swap_mb : flavor.ephemeral_gb;

  // R41: boot indexes >= 0 must be exactly 0..n-1, and there must be at least one.
  std::vector<int> idx;
  for (const auto& w : bdms)
    if (w.b.boot_index && *w.b.boot_index >= 0) idx.push_back(*w.b.boot_index);
  std::sort(idx.begin(), idx.end());
  bool ok = !idx.empty();
  for (size_t i = 0; ok && i < idx.size(); ++i) ok = idx[i] == static_cast<int>(i);
  if (!ok)
    fail(400, "R41",
         bdm_invalid("Boot sequence for the instance and image/block device mapping combination is not valid."));

  static const std::set<std::string> kBus{"fdc", "ide", "sata", "scsi", "usb", "virtio", "xen", "lxc", "uml"};
  for (auto& w : bdms) {
    auto& b = w.b;
    // R42: volume type must exist; stored as its name. "" and null are ignored.
    if (b.volume_type && !b.volume_type->empty()) {
      const VolumeType* t = ctx.cloud.find_volume_type(*b.volume_type);
      if (!t && *b.volume_type == ctx.cloud.default_volume_type)
        b.volume_type = ctx.cloud.default_volume_type;
      else if (!t)
        fail(400, "R42", "Volume type " + *b.volume_type + " could not be found.");
      else
        b.volume_type = t->name;
    }
    if (b.source_type == bdm::kImage) {
      // R43: GET the image unless it is the instance's own imageRef.
      if (b.uuid && *b.uuid != ctx.image_ref) {
        const Image* img = ctx.cloud.find_image(*b.uuid);
        if (!img || img->status == "deleted") fail(400, "R43", bdm_invalid("failed to get image " + *b.uuid + "."));
      }
      if (b.destination_type == bdm::kVolume && (!b.volume_size || *b.volume_size == 0))
        fail(400, "R43", bdm_invalid("Images with destination_type 'volume' need to have a non-zero size specified"));
    } else if (b.source_type == bdm::kVolume) {
      const Volume* v = ctx.cloud.find_volume(b.uuid.value_or(""));
      if (!v) fail(400, "R44", bdm_invalid("failed to get volume " + b.uuid.value_or("") + "."));
      if (v->multiattach && !ctx.mv.at_least(60))
        fail(400, "R44", "Multiattach volumes are only supported starting with compute API version 2.60.");
      // Cinder attachment reserve; Cinder's 400 comes back as InvalidVolume.
      if (v->status == volume_status::kError || v->status == volume_status::kErrorRestoring ||
          v->status == volume_status::kErrorExtending)
        fail(400, "R44",
             "Invalid volume: Volume attachments can not be created if the volume is in an error state. "
             "The Volume " +
                 v->id + " currently has a status of: " + v->status + " ");
      const bool reservable = v->status == volume_status::kAvailable || v->status == volume_status::kDownloading ||
                              (v->status == volume_status::kInUse && v->multiattach);
      if (!reservable)
        fail(400, "R44",
             "Invalid volume: Volume " + v->id +
                 " status must be available or downloading to reserve, "
                 "but the current status is " +
                 v->status + ".");
      b.volume_size = v->size_gb;
    } else if (b.source_type == bdm::kSnapshot) {
      const Snapshot* s = ctx.cloud.find_snapshot(b.uuid.value_or(""));
      if (!s) fail(400, "R45", bdm_invalid("failed to get snapshot " + b.uuid.value_or("") + "."));
      if (!b.volume_size || *b.volume_size == 0) b.volume_size = s->size_gb;
    } else if (b.source_type == bdm::kBlank && b.destination_type == bdm::kVolume &&
               (!b.volume_size || *b.volume_size == 0)) {
      fail(400, "R46", bdm_invalid("Blank volumes (source: 'blank', dest: 'volume') need to have non-zero size"));
    }
    // R47: InvalidBDMDiskBus has a typo (msg_fmr) so only the generic text reaches the user.
    if (b.disk_bus && !b.disk_bus->empty() && !kBus.count(*b.disk_bus))
      fail(400, "R47", "Block Device Mapping is Invalid.");
  }

  long long eph = 0;  // R48
  for (const auto& w : bdms)
    if (w.b.is_ephemeral()) eph += (w.b.volume_size && *w.b.volume_size) ? *w.b.volume_size : flavor.ephemeral_gb;
  if (eph > flavor.ephemeral_gb)
    fail(400, "R48",
         "Ephemeral disks requested are larger than the instance type allows. If no size is given in one "
         "block device mapping, flavor ephemeral size will be used.");
  std::vector<const WorkBdm*> swaps;  // R49
  for (const auto& w : bdms)
    if (w.b.is_swap()) swaps.push_back(&w);
  if (swaps.size() > 1) fail(400, "R49", bdm_invalid("More than one swap drive requested."));
  if (!swaps.empty() && swaps[0]->b.volume_size.value_or(0) > flavor.swap_mb)
    fail(400, "R49", "Swap drive requested is larger than instance type allows.");
  if (ctx.cfg.max_local_block_devices >= 0) {  // R50
    const auto local =
        std::count_if(bdms.begin(), bdms.end(), [](const WorkBdm& w) { return w.b.destination_type == bdm::kLocal; });
    if (local > ctx.cfg.max_local_block_devices)
      fail(400, "R50", bdm_invalid("You specified more local devices than the limit allows"));
  }
}

}  // namespace bfv::sem::detail

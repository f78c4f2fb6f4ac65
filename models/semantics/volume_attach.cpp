#include "models/semantics/volume_attach.hpp"

#include <algorithm>

namespace bfv::sem {
namespace {
// nova/compute/api.py::check_instance_state -> exception.InstanceInvalidState, answered 409 by
// nova/api/openstack/common.py::raise_http_conflict_for_instance_invalid_state.
AttachVerdict invalid_state(const std::string& action, const std::string& uuid, const std::string& vm_state) {
  return {409, "Cannot '" + action + "' instance " + uuid + " while it is in vm_state " + vm_state};
}
// The vm_states attach_volume and detach_volume accept (nova/compute/api.py decorators):
// ACTIVE, PAUSED, STOPPED, RESIZED, SOFT_DELETED, SHELVED, SHELVED_OFFLOADED; of these the
// simulator has `active`.
bool state_ok(const std::string& vm_state) { return vm_state == "active"; }
}  // namespace

AttachVerdict check_volume_attach(const std::string& server_uuid, const std::string& vm_state, const Volume* volume,
                                  const std::string& volume_id, const std::vector<std::string>& attached,
                                  bool cross_az_attach, const std::string& instance_az) {
  if (vm_state == "deleted") return {404, "Instance " + server_uuid + " could not be found."};
  // VolumeAttachmentController.create: volume_api.get first -> 404 VolumeNotFound
  if (!volume || volume->status == volume_status::kDeleted)
    return {404, "Volume " + volume_id + " could not be found."};
  if (!state_ok(vm_state)) return invalid_state("attach_volume", server_uuid, vm_state);
  // nova/compute/api.py::_check_volume_already_attached_to_instance
  if (std::find(attached.begin(), attached.end(), volume_id) != attached.end())
    return {400, "Invalid volume: volume " + volume_id + " already attached"};
  // nova/volume/cinder.py::API.check_availability_zone (from _check_attach_and_reserve_volume)
  if (!cross_az_attach && !instance_az.empty() && instance_az != volume->availability_zone)
    return {400, "Invalid volume: Instance " + server_uuid + " and volume " + volume_id +
                     " are not in the same availability_zone. Instance is in " + instance_az + ". Volume is in " +
                     volume->availability_zone};
  // cinder/volume/api.py::_attachment_reserve: status must be available (or in-use for multiattach);
  // Cinder's InvalidVolume comes back to Nova as 400.
  bool ok = volume->status == volume_status::kAvailable || volume->status == volume_status::kDownloading ||
            (volume->multiattach && volume->status == volume_status::kInUse);
  if (!ok)
    return {400,
            "Invalid volume: Volume " + volume_id + " status must be " +
                std::string(volume->multiattach ? "available or in-use or downloading" : "available or downloading")};
  return {200, ""};
}

AttachVerdict check_volume_detach(const std::string& server_uuid, const std::string& vm_state, const Volume* volume,
                                  const std::string& volume_id, const std::vector<std::string>& attached,
                                  const std::string& boot_volume) {
  if (vm_state == "deleted") return {404, "Instance " + server_uuid + " could not be found."};
  if (!volume || volume->status == volume_status::kDeleted)
    return {404, "Volume " + volume_id + " could not be found."};
  if (!state_ok(vm_state)) return invalid_state("detach_volume", server_uuid, vm_state);
  // VolumeAttachmentController.delete: BlockDeviceMapping.get_by_volume_and_instance -> VolumeBDMNotFound
  if (std::find(attached.begin(), attached.end(), volume_id) == attached.end())
    return {404, "Instance " + server_uuid + " is not attached to volume " + volume_id};
  if (volume_id == boot_volume) return {400, "Cannot detach a root device volume"};
  // cinder/volume/api.py::begin_detaching: in-use and attached, else InvalidVolume (400)
  if (volume->status != volume_status::kInUse)
    return {400,
            "Invalid volume: Unable to detach volume. Volume status must be 'in-use' and attach_status must be "
            "'attached' to detach."};
  return {202, ""};
}

}  // namespace bfv::sem

// What a server delete (or a build abort, R54) does to each BDM (nova/compute/manager.py::ComputeManager._cleanup_volumes; docs/semantics.md).
// Mirrors nova/compute/manager.py::_shutdown_instance + _cleanup_volumes and, for servers that
// never reached a host, nova/compute/api.py::_local_cleanup_bdm_volumes: both delete exactly the
// volumes whose BDM has delete_on_termination=true and detach the others.
#include "models/semantics/server_create.hpp"

namespace bfv::sem {

std::vector<DeleteOutcome> on_server_delete(const std::vector<Bdm>& bdms) {
  std::vector<DeleteOutcome> out;
  for (std::size_t i = 0; i < bdms.size(); ++i) {
    const Bdm& b = bdms[i];
    DeleteOutcome o{i, "untouched", "", std::nullopt};
    if (b.no_device) {
      o.reason = "no_device entry: no device was made for it";
    } else if (b.destination_type == bdm::kLocal && (b.source_type == bdm::kImage || b.source_type == bdm::kBlank)) {
      // Local disks (image root, ephemeral, swap) live in the instance directory on the host.
      o.action = "destroyed_with_instance";
      o.reason = b.source_type == bdm::kImage ? "local root disk is removed with the instance; Glance image " +
                                                    b.uuid.value_or("?") + " is never touched"
                                              : (b.is_swap() ? "swap disk is removed with the instance"
                                                             : "ephemeral disk is removed with the instance");
    } else if (b.destination_type == bdm::kVolume) {
      const bool existing = b.source_type == bdm::kVolume;
      if (existing) o.volume_id = b.uuid;  // volumes Nova creates get their id only at build time
      const std::string what =
          existing ? "pre-existing volume"
                   : "volume Nova created from " + b.source_type + (b.uuid ? " " + *b.uuid : std::string());
      if (b.delete_on_termination) {
        o.action = "deleted";
        o.reason = what + " with delete_on_termination=true is deleted (manager.py::_cleanup_volumes)";
      } else {
        o.action = "kept_available";
        o.reason = what +
                   " with delete_on_termination=false is detached and stays 'available' (still counts "
                   "against Cinder quota)";
      }
      if (b.source_type == bdm::kSnapshot)
        o.reason += "; source snapshot " + b.uuid.value_or("?") + " and its parent volume are never touched";
      if (b.source_type == bdm::kImage) o.reason += "; the Glance image is never touched";
    } else {
      // R22: volume/snapshot->local pass the API but have no driver BDM; _cleanup_volumes only
      // handles bdm.is_volume (destination volume), so the volume is neither detached nor deleted.
      o.reason = "no driver BDM for " + b.source_type + "->" + b.destination_type + " (R22): nova-compute ignores it";
      if (b.source_type == bdm::kVolume) o.volume_id = b.uuid;
    }
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace bfv::sem

// What nova-compute does with the stored BDMs before spawning (R53, R55): pure helpers the
// simulated nova-compute calls. Timing (R64 polling) lives in models/nova/compute.cpp.
#include "models/semantics/server_create.hpp"

namespace bfv::sem {

std::vector<std::size_t> volume_prep_order(const std::vector<Bdm>& bdms) {
  // convert_all_volumes chains convert_volumes, convert_snapshots, convert_images, convert_blanks;
  // each keeps only destination_type=volume entries of its source type.
  std::vector<std::size_t> order;
  for (const char* src : {"volume", "snapshot", "image", "blank"})
    for (std::size_t i = 0; i < bdms.size(); ++i)
      if (!bdms[i].no_device && bdms[i].destination_type == bdm::kVolume && bdms[i].source_type == src)
        order.push_back(i);
  return order;
}

std::optional<std::string> nova_fault_too_many_disk_devices(const std::string& instance_uuid,
                                                            const std::vector<Bdm>& bdms, const NovaConfig& cfg) {
  if (cfg.max_disk_devices_to_attach < 0) return std::nullopt;
  // Every device that gets a disk name counts: image root, ephemerals, swap and volumes
  // (blockinfo.py::get_disk_mapping). The libvirt per-bus split and ide's cap of 4 are not modelled.
  long long disks = 0;
  for (const auto& b : bdms)
    if (b.no_device)
      continue;
    else if (b.destination_type == bdm::kVolume ||
             (b.destination_type == bdm::kLocal && (b.source_type == bdm::kImage || b.source_type == bdm::kBlank)))
      ++disks;
  if (disks <= cfg.max_disk_devices_to_attach) return std::nullopt;
  return "Build of instance " + instance_uuid + " aborted: The maximum allowed number of disk devices (" +
         std::to_string(cfg.max_disk_devices_to_attach) + ") to attach to a single instance has been exceeded.";
}

}  // namespace bfv::sem

// Nova's POST /servers semantics for boot-from-volume, and the Cinder checks Nova depends on.
// Pure logic, no SimGrid: the simulated nova-api calls validate_server_create(), nova-compute
// calls cinder_check_volume_create()/nova_fault_*(), and `bfvsim explain` prints explain_json().
// Rules R1–R64 are those of docs/bdm-rules.md (upstream file + function and the checking test for each).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/semantics/cloud.hpp"

namespace bfv::sem {

// One normalized BDM as Nova stores it per instance (nova/objects/block_device.py fields).
// Block-device-mapping source and destination types as Nova spells them (nova/block_device.py,
// nova/objects/fields.py::BlockDeviceSourceType / BlockDeviceDestinationType). They stay strings in
// a Bdm: a user's "bogus" must reach Nova's own 400 (bdm_validate.cpp); compare against these.
namespace bdm {
inline constexpr std::string_view kImage = "image", kVolume = "volume", kSnapshot = "snapshot", kBlank = "blank";
inline constexpr std::string_view kLocal = "local";  // destination (kVolume is the other one)
}  // namespace bdm

struct Bdm {
  std::string source_type, destination_type;  // image|volume|snapshot|blank ; local|volume
  std::optional<std::string> uuid;            // image/volume/snapshot id
  // As Nova stores it (nova/block_device.py): the request's value, negative ones included; -1 for
  // flavor ephemeral/swap (create_blank_bdm) and non-root legacy entries (from_legacy_mapping);
  // nullopt (NULL) when the request gave none or null, and for legacy no_device entries.
  std::optional<int> boot_index;
  std::optional<int> volume_size;  // GB (MiB for swap, as Nova stores it)
  bool delete_on_termination = false;
  std::optional<std::string> volume_type, device_name, guest_format, disk_bus, device_type, tag;
  bool no_device = false;          // stored as Nova stores it; no device is created for it
  std::string origin = "request";  // request | image_metadata | flavor | generated_root | legacy_v1

  // keys: source_type, destination_type, boot_index, volume_size, delete_on_termination, uuid,
  // volume_type (null when unset) + the non-null optional ones. `origin` is not part of it.
  nlohmann::json to_json() const;
  bool is_swap() const {
    return source_type == bdm::kBlank && destination_type == bdm::kLocal && guest_format == "swap";
  }
  bool is_ephemeral() const {
    return source_type == bdm::kBlank && destination_type == bdm::kLocal && guest_format != "swap";
  }
  bool operator==(const Bdm&) const = default;
};

struct Verdict {
  int status = 202;   // 202, or 400/403/406/409/413/500 exactly as real Nova answers
  std::string error;  // message with the same meaning as Nova's ("" on 202)
  std::string rule;   // R-number of the rule that decided a rejection ("" on 202)
  std::string name, flavor_id;
  std::optional<std::string> image_ref;
  int min_count = 1, max_count = 1;  // max_count may be lowered by the quota check (§2.F)
  std::string availability_zone;     // requested AZ, or the volumes' AZ when pinned (R51); "" = any
  std::vector<Bdm> bdms;  // normalized list per instance (incl. flavor ephemeral/swap, generated image->local root)
  bool boot_from_volume = false;  // root is a volume
  // false for "networks": "none" (NetworkRequestList.no_allocate): nova-compute allocates no port
  // and waits for no network-vif-plugged event (nova/compute/manager.py::_allocate_network_async,
  // nova/virt/libvirt/driver.py::_get_neutron_events on an empty network_info)
  bool allocate_network = true;
  bool ok() const { return status == 202; }
};

Verdict validate_server_create(const nlohmann::json& body, const std::string& microversion, const CloudState& cloud,
                               const NovaConfig& cfg, const NovaQuota& quota, const NovaUsage& usage);

// What a server delete does to each BDM (nova/compute/manager.py::_cleanup_volumes,
// nova/compute/api.py::_local_cleanup_bdm_volumes).
struct DeleteOutcome {
  std::size_t bdm_index;
  std::string action;  // deleted|kept_available|destroyed_with_instance|untouched
  std::string reason;
  std::optional<std::string> volume_id;
};
std::vector<DeleteOutcome> on_server_delete(const std::vector<Bdm>& bdms);

// cinder-api's checks on POST /volumes, in Cinder's order (validation, per_volume_size_limit,
// quota reserve incl. per-type). See cinder_api.cpp.
struct CinderVerdict {
  int status = 202;
  std::string error;
  std::string exception;  // e.g. VolumeLimitExceeded
  bool ok() const { return status == 202; }
};
CinderVerdict cinder_check_volume_create(int size_gb, const std::optional<std::string>& image_id,
                                         const std::optional<std::string>& snapshot_id, const std::string& volume_type,
                                         const CloudState& cloud, const CinderConfig& cfg, const CinderQuota& quota,
                                         const CinderUsage& usage);

// Fault text nova-compute records when the volume create fails after the 202 (R56/R58).
std::string nova_fault_for_cinder_error(const std::string& instance_uuid, const CinderVerdict& v);
// Nova's VolumeNotCreated fault wrapped as the build-abort fault (R63/R64).
std::string nova_fault_volume_not_created(const std::string& instance_uuid, const std::string& volume_id, int waited_s,
                                          int attempts, const std::string& status);

// R55: nova-compute's [compute] max_disk_devices_to_attach, counted when device names are assigned
// (nova/virt/libvirt/blockinfo.py::get_next_disk_info; functional test_conf_max_attach_disk_devices).
// Returns the build-abort fault, or nullopt when the disks fit. Not an API error on create.
std::optional<std::string> nova_fault_too_many_disk_devices(const std::string& instance_uuid,
                                                            const std::vector<Bdm>& bdms, const NovaConfig& cfg);

// R53: the order nova-compute prepares volume BDMs in _prep_block_device
// (nova/virt/block_device.py::convert_all_volumes): pre-existing volumes, then snapshot-, image-
// and blank-sourced ones, each group in list order. Returns indexes into `bdms`; local BDMs and
// volume/snapshot->local entries (R22, no driver class) are not included.
std::vector<std::size_t> volume_prep_order(const std::vector<Bdm>& bdms);

// For `bfvsim explain`: {api_status, api_error, rule, bdms, on_delete, ...} and a text rendering.
nlohmann::json explain_json(const nlohmann::json& body, const std::string& microversion, const CloudState&,
                            const NovaConfig&, const NovaQuota&, const NovaUsage&);
std::string explain_text(const nlohmann::json& explained);

}  // namespace bfv::sem

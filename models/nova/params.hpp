// nova.conf options that shape timing and failure after the 202, plus bfvsim's assumed service
// times. Each field: option name, unit, default, source. Overridable in a scenario under
// config.nova.<group>.<option> with the real group and option names (see docs/configuration.md).
#pragma once
#include <string>
#include <vector>

namespace bfv::nova {

struct Params {
  // [DEFAULT]
  int block_device_allocate_retries = 60;            // count; nova/conf/compute.py
  double block_device_allocate_retries_interval = 3; // s; nova/conf/compute.py
  int max_concurrent_builds = 10;                    // per compute, 0 = unlimited; nova/conf/compute.py
  int max_concurrent_disk_ops = 0;                   // [compute], per compute, 0 = unlimited; nova/conf/compute.py (image download, convert)
  double vif_plugging_timeout = 300;                 // s; nova/conf/compute.py
  bool vif_plugging_is_fatal = true;                 // nova/conf/compute.py
  double rpc_response_timeout = 60;                  // s; oslo_messaging/rpc/client.py (select_destinations call_monitor_timeout)
  double long_rpc_timeout = 1800;                    // s; nova/conf/rpc.py (select_destinations)
  bool force_raw_images = true;                      // nova/conf/compute.py
  bool use_cow_images = true;                        // nova/conf/compute.py
  // [libvirt] images_type (nova/conf/libvirt.py): default | qcow2 | flat | raw | rbd. "default" follows
  // use_cow_images (qcow2 or flat); "raw" is "flat"; rbd puts root disks in topology.ceph's vms pool.
  std::string images_type = "default";
  double rbd_clone_time = 0.3;                       // s, [timing]: COW clone + resize of a root disk in Ceph; assumed as cinder's rbd_clone_time
  double cpu_allocation_ratio = 4.0;                 // initial_cpu_allocation_ratio; nova/conf/compute.py
  double ram_allocation_ratio = 1.0;                 // initial_ram_allocation_ratio
  double disk_allocation_ratio = 1.0;                // initial_disk_allocation_ratio
  int reserved_host_memory_mb = 512;                 // MB; nova/conf/compute.py
  int reserved_host_disk_mb = 0;                     // MB
  // s between update_available_resource periodics; 0 = the default periodic spacing (60 s,
  // oslo_service periodic_task DEFAULT_INTERVAL), < 0 = disabled; nova/conf/compute.py
  int update_resources_interval = 0;
  // [scheduler]
  int max_attempts = 3;                              // nova/conf/scheduler.py
  int max_placement_results = 1000;                  // nova/conf/scheduler.py: GET /allocation_candidates limit
  // placement.conf [placement] (placement/conf/placement.py), read by the scheduler model
  bool randomize_allocation_candidates = false;
  // [filter_scheduler]
  int host_subset_size = 1;                          // nova/conf/scheduler.py
  std::vector<std::string> enabled_filters{"ComputeFilter", "ComputeCapabilitiesFilter", "ImagePropertiesFilter",
                                           "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter"};
  double ram_weight_multiplier = 1.0;                // nova/conf/scheduler.py
  double cpu_weight_multiplier = 1.0;
  double disk_weight_multiplier = 1.0;
  double build_failure_weight_multiplier = 1e6;
  // [compute]
  // nonzero: computes report failed builds to the scheduler (BuildFailureWeigher); 0: they do not.
  // Upstream no longer disables the service at the threshold (nova/conf/compute.py help text).
  int consecutive_build_service_disable_threshold = 10;  // nova/conf/compute.py

  // Period after which a compute's failed_builds reaches the scheduler without a claim on the node.
  double update_resources_period() const {
    if (update_resources_interval < 0) return 1e18;
    return update_resources_interval == 0 ? 60.0 : update_resources_interval;
  }

  // [timing] — bfvsim's assumed service times (no upstream default; see docs/configuration.md)
  double api_service_time = 0.030;       // s per nova-api request (schema + DB); assumed (typical range 10–50 ms)
  double db_write_time = 0.003;          // s per DB write; assumed (typical range 1–5 ms)
  // s of nova-compute CPU (its one Python process, so they queue per compute: `queue:nova-compute@<host>`)
  // per build_and_run_instance, per attach or detach of a volume on a running server, per
  // terminate_instance. 0 = not charged (the default: the fixed steps above carry the time); fitted by
  // `bfvsim calibrate` (docs/calibration.md).
  double compute_build_cpu = 0.0;
  double compute_volume_cpu = 0.0;
  double compute_delete_cpu = 0.0;
  double conductor_build_time = 0.0;     // s of conductor CPU per schedule_and_build_instances before the scheduler call; assumed 0 (today's sleeps had none; fit it)
  double scheduler_base_time = 0.020;    // s per select_destinations (filter/weigh setup); assumed
  double scheduler_per_host_time = 20e-6;// s per candidate host filtered+weighed; assumed
  double placement_call_time = 0.010;    // s per placement HTTP call; assumed
  double claim_time = 0.010;             // s resource-tracker claim under the host lock; assumed
  double os_brick_iscsi_connect = 2.0;   // s iSCSI login + device scan; assumed (typical range 1–3 s)
  double libvirt_define_start = 1.0;     // s define + start domain; assumed (typical range ≈1 s)
  double vif_plug_time = 3.0;            // s neutron port bind + network-vif-plugged event; assumed (typical range 2–5 s)
  double network_allocate_time = 2.0;    // s neutron port create (async, overlaps the volume wait); assumed
  double network_deallocate_time = 0.5;  // s unplug VIFs + neutron port delete after a failed build; assumed (one port, 2 Neutron calls)
  double power_state_poll = 0.5;         // s libvirt power-state poll period; nova/virt/libvirt/driver.py
  double cow_overlay_time = 0.2;         // s qemu-img create qcow2 overlay + resize; assumed
  double destroy_time = 1.0;             // s libvirt destroy + undefine on delete; assumed
  // Volume attach / detach on a running server (models/nova/volume_attach.cpp):
  double libvirt_attach_device_time = 0.5;  // s virDomain.attachDeviceFlags hot-plug; assumed
  double libvirt_detach_device_time = 1.0;  // s detachDeviceFlags + the guest's device-removed event
                                            //   (libvirt/driver.py::_detach_with_retry waits for it); assumed
  double os_brick_iscsi_disconnect = 1.0;   // s iSCSI logout + multipath flush (LVM volumes only); assumed
  double qemu_img_flops_per_byte = 10;   // flop per input byte for qemu-img convert (2 Gf/s core ~ 200 MB/s); assumed
};

}  // namespace bfv::nova

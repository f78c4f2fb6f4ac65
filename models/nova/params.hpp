// nova.conf options: what nova-api accepts (ApiOptions, read by the pure semantics in
// models/semantics), the default project quota, what shapes timing and failure after the 202, and
// bfvsim's assumed service times. describe() below declares every option (group, name, field,
// unit, default = the field's initializer, range, source); the scenario's config.nova.<group>.<option>,
// --nova-conf, `bfvsim schema`, `bfvsim options` and docs/configuration.md all walk it.
// Plain data: no SimGrid (models/semantics includes this header).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/infra/params.hpp"
#include "core/options.hpp"

namespace bfv::nova {

// [libvirt] images_type: the choices of nova/conf/libvirt.py that bfvsim models (lvm and ploop are
// real choices it refuses, declared in describe()). Declaration order is the order of the names in
// errors, the schema and the docs.
enum class ImagesType : uint8_t { Default, Qcow2, Flat, Raw, Rbd };
constexpr std::string_view name(ImagesType t) {
  switch (t) {
    case ImagesType::Default: return "default";
    case ImagesType::Qcow2: return "qcow2";
    case ImagesType::Flat: return "flat";
    case ImagesType::Raw: return "raw";
    case ImagesType::Rbd: return "rbd";
  }
  return "";
}

}  // namespace bfv::nova

namespace bfv {
template <>
inline constexpr int kEnumSize<nova::ImagesType> = 5;
}  // namespace bfv

namespace bfv::nova {

// nova.conf options that change what nova-api (and nova-compute's BDM handling) accepts; the
// semantics functions take this struct (sem::NovaConfig is its name there).
struct ApiOptions {
  int max_local_block_devices = 3;                      // [DEFAULT], nova/conf/compute.py
  int max_disk_devices_to_attach = -1;                  // [compute], nova/conf/compute.py
  bool cross_az_attach = true;                          // [cinder], nova/conf/cinder.py
  std::optional<std::string> default_ephemeral_format;  // [DEFAULT]
  std::string default_availability_zone = "nova";       // [DEFAULT]
  bool zero_disk_flavor_allowed = false;  // policy os_compute_api:servers:create:zero_disk_flavor (admin only)
  std::string max_microversion = "2.96";  // newest microversion the simulated nova-api offers (assumed: 2024.1 Caracal)
};

// Quota limits of one project; -1 = unlimited. Defaults are upstream's ([quota] in nova.conf,
// nova/conf/quota.py); sem::NovaQuota is its name in the semantics.
struct Quota {
  long long instances = 10;  // [quota] instances
  long long cores = 20;      // [quota] cores
  long long ram_mb = 51200;  // [quota] ram (MB)
};

struct Params {
  ApiOptions api;  // what nova-api accepts
  Quota quota;     // [quota]: the default quota of every project
  // [DEFAULT]
  int block_device_allocate_retries = 60;             // count; nova/conf/compute.py
  double block_device_allocate_retries_interval = 3;  // s; nova/conf/compute.py
  int max_concurrent_builds = 10;                     // per compute, 0 = unlimited; nova/conf/compute.py
  int max_concurrent_disk_ops =
      0;  // [compute], per compute, 0 = unlimited; nova/conf/compute.py (image download, convert)
  double vif_plugging_timeout = 300;  // s; nova/conf/compute.py
  bool vif_plugging_is_fatal = true;  // nova/conf/compute.py
  double rpc_response_timeout = 60;   // s; oslo_messaging/rpc/client.py (select_destinations call_monitor_timeout)
  double long_rpc_timeout = 1800;     // s; nova/conf/rpc.py (select_destinations)
  bool force_raw_images = true;       // nova/conf/compute.py
  bool use_cow_images = true;         // nova/conf/compute.py
  // [libvirt] images_type (nova/conf/libvirt.py): "default" follows use_cow_images (qcow2 or flat);
  // "raw" is "flat"; rbd puts root disks in topology.ceph's vms pool. lvm and ploop are refused.
  ImagesType images_type = ImagesType::Default;
  double rbd_clone_time =
      0.3;  // s, [timing]: COW clone + resize of a root disk in Ceph; assumed as cinder's rbd_clone_time
  double cpu_allocation_ratio = 4.0;   // initial_cpu_allocation_ratio; nova/conf/compute.py
  double ram_allocation_ratio = 1.0;   // initial_ram_allocation_ratio
  double disk_allocation_ratio = 1.0;  // initial_disk_allocation_ratio
  int reserved_host_memory_mb = 512;   // MB; nova/conf/compute.py
  int reserved_host_disk_mb = 0;       // MB
  // s between update_available_resource periodics; 0 = the default periodic spacing (60 s,
  // oslo_service periodic_task DEFAULT_INTERVAL), < 0 = disabled; nova/conf/compute.py
  int update_resources_interval = 0;
  // [scheduler]
  int max_attempts = 3;              // nova/conf/scheduler.py
  int max_placement_results = 1000;  // nova/conf/scheduler.py: GET /allocation_candidates limit
  // placement.conf [placement] (placement/conf/placement.py), read by the scheduler model
  bool randomize_allocation_candidates = false;
  // [filter_scheduler]
  int host_subset_size = 1;  // nova/conf/scheduler.py
  std::vector<std::string> enabled_filters{"ComputeFilter", "ComputeCapabilitiesFilter", "ImagePropertiesFilter",
                                           "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter"};
  double ram_weight_multiplier = 1.0;  // nova/conf/scheduler.py
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
  double api_service_time = 0.030;  // s per nova-api request (schema + DB); assumed (typical range 10–50 ms)
  double db_write_time = 0.003;     // s per DB write; assumed (typical range 1–5 ms)
  // s of nova-compute CPU (its one Python process, so they queue per compute: `queue:nova-compute@<host>`)
  // per build_and_run_instance, per attach or detach of a volume on a running server, per
  // terminate_instance. 0 = not charged (the default: the fixed steps above carry the time); fitted by
  // `bfvsim calibrate` (docs/calibration.md).
  double compute_build_cpu = 0.0;
  double compute_volume_cpu = 0.0;
  double compute_delete_cpu = 0.0;
  // s during which each librados client of the libvirt RBD image backend holds the compute's whole
  // nova-compute process ([libvirt] images_type = rbd): storage/rbd_utils.py::RBDDriver._connect_to_rados
  // calls rados.Rados.connect() in eventlet's hub, outside tpool (nova up to Stein; 14.1.0 = Newton).
  // 0 = not modelled (a release whose connect runs in a native thread); fitted on the published Ceph
  // cloud (docs/calibration.md).
  double rados_connect_time = 0.0;
  // s: the longest run of nova-compute CPU between two yields of its greenthread. eventlet switches
  // greenthreads only when one blocks (an RPC, an HTTP call, a subprocess, a sleep), so a build's
  // compute_build_cpu is not one block: it runs in slices of at most this length, each queued anew
  // behind whatever else the process has ready (round robin). 0 = one step (the default). Fitted on the
  // published Ceph cloud (docs/calibration.md).
  double compute_cpu_slice = 0.0;
  double conductor_build_time =
      0.0;  // s of conductor CPU per schedule_and_build_instances before the scheduler call; assumed 0 (today's sleeps had none; fit it)
  double scheduler_base_time = 0.020;      // s per select_destinations (filter/weigh setup); assumed
  double scheduler_per_host_time = 20e-6;  // s per candidate host filtered+weighed; assumed
  double placement_call_time = 0.010;      // s per placement HTTP call; assumed
  double claim_time = 0.010;               // s resource-tracker claim under the host lock; assumed
  double os_brick_iscsi_connect = 2.0;     // s iSCSI login + device scan; assumed (typical range 1–3 s)
  double libvirt_define_start = 1.0;       // s define + start domain; assumed (typical range ≈1 s)
  double vif_plug_time = 3.0;  // s neutron port bind + network-vif-plugged event; assumed (typical range 2–5 s)
  double network_allocate_time = 2.0;  // s neutron port create (async, overlaps the volume wait); assumed
  double network_deallocate_time =
      0.5;  // s unplug VIFs + neutron port delete after a failed build; assumed (one port, 2 Neutron calls)
  double power_state_poll = 0.5;  // s libvirt power-state poll period; nova/virt/libvirt/driver.py
  double cow_overlay_time = 0.2;  // s qemu-img create qcow2 overlay + resize; assumed
  double destroy_time = 1.0;      // s libvirt destroy + undefine on delete; assumed
  // Volume attach / detach on a running server (models/nova/volume_attach.cpp):
  double libvirt_attach_device_time = 0.5;  // s virDomain.attachDeviceFlags hot-plug; assumed
  double libvirt_detach_device_time = 1.0;  // s detachDeviceFlags + the guest's device-removed event
                                            //   (libvirt/driver.py::_detach_with_retry waits for it); assumed
  double os_brick_iscsi_disconnect = 1.0;   // s iSCSI logout + multipath flush (LVM volumes only); assumed
  double qemu_img_flops_per_byte = 10;  // flop per input byte for qemu-img convert (2 Gf/s core ~ 200 MB/s); assumed
};

// Every nova.conf option bfvsim reads, in the order the loader lists them; pool and worker options
// are held by the control plane's parameters (infra::Params).
template <class D>
void describe(D& d, Params& p, infra::Params& ip) {
  auto& a = p.api;
  const char* compute = "nova/conf/compute.py";
  const char* sched = "nova/conf/scheduler.py";
  d.group("DEFAULT");
  d.opt("block_device_allocate_retries", p.block_device_allocate_retries, {"count", compute, "yes (volume poll loop)"});
  d.opt("block_device_allocate_retries_interval", p.block_device_allocate_retries_interval, {"s", compute});
  d.opt("max_concurrent_builds", p.max_concurrent_builds, {"builds per compute, 0 = unlimited", compute});
  d.opt("max_local_block_devices", a.max_local_block_devices, {"count", compute, "yes (API validation)"});
  d.opt("vif_plugging_timeout", p.vif_plugging_timeout, {"s", compute});
  d.opt("vif_plugging_is_fatal", p.vif_plugging_is_fatal, {"bool", compute});
  d.opt(
      "rpc_response_timeout", p.rpc_response_timeout,
      {"s", "oslo_messaging/rpc/client.py",
       "yes (select_destinations' call_monitor_timeout, nova/scheduler/rpcapi.py: a call still queued for a scheduler "
       "worker after it fails with \"Timed out waiting for a reply to message ID …\")"});
  d.opt("osapi_compute_workers", ip.nova_api.workers,
        {"processes, 0 = CPU count of the controller",
         "nova/conf/service.py (until b3aefbcb58; processutils.get_worker_count)", "yes (nova-api worker pool)", 0,
         "at least 1 (0 or unset: the CPU count)"});
  d.opt("executor_thread_pool_size", ip.nova_executor_thread_pool_size,
        {"greenthreads per process", "oslo_messaging/server.py", "yes (conductor and scheduler)", 1, "at least 1"});
  d.group("wsgi");
  d.opt("default_pool_size", ip.nova_api.threads,
        {"greenthreads per nova-api process", "nova/conf/wsgi.py (until c12eebd4c6)", "yes", 1, "at least 1"});
  d.group("conductor");
  d.opt("workers", ip.nova_conductor.workers,
        {"processes, 0 = CPU count", "nova/conf/conductor.py; nova/cmd/conductor.py::main", "yes", 0,
         "at least 1 (0 or unset: the CPU count)"});
  d.group("scheduler");
  d.opt("workers", ip.nova_scheduler.workers,
        {"processes, 0 = CPU count", "nova/conf/scheduler.py; nova/cmd/scheduler.py::main", "yes", 0,
         "at least 1 (0 or unset: the CPU count)"});
  d.group("database");
  infra::describe_database(d, ip.nova_database, "yes (nova-api, conductor, scheduler)");
  d.group("timing");
  d.time("conductor_build_time", p.conductor_build_time,
         {"time", "assumed 0 (the fixed sleeps it replaces had none); a free constant for `bfvsim calibrate`",
          "yes (conductor CPU per schedule_and_build_instances)"});
  d.time("compute_build_cpu", p.compute_build_cpu,
         {"time", "assumed 0 = not charged; fitted 0.12 s on the published Ceph cloud (docs/calibration.md)",
          "yes (CPU of the compute's one nova-compute process per build_and_run_instance: builds on a host queue on "
          "`queue:nova-compute@<host>`)"});
  d.time("compute_volume_cpu", p.compute_volume_cpu,
         {"time", "assumed 0, as compute_build_cpu (fitted 60 ms)",
          "yes (nova-compute CPU per attach or detach on a running server)"});
  d.time("compute_delete_cpu", p.compute_delete_cpu,
         {"time", "assumed 0, as compute_build_cpu (fitted 0.12 s)", "yes (nova-compute CPU per terminate_instance)"});
  d.time(
      "compute_cpu_slice", p.compute_cpu_slice,
      {"time", "assumed 0 = each CPU step runs whole; fitted 47 ms on the published Ceph cloud (docs/calibration.md)",
       "yes (nova-compute's CPU steps — compute_build_cpu, compute_volume_cpu, compute_delete_cpu — run in slices "
       "of at most this length, each queued anew on `queue:nova-compute@<host>`: eventlet switches greenthreads "
       "at every blocking call, so a build's CPU interleaves with the process's other work)"});
  d.time(
      "rados_connect_time", p.rados_connect_time,
      {"time",
       "assumed 0 = not modelled; fitted 0.50 s on the published Ceph cloud, tied to cinder's (the same librados connect; docs/calibration.md)",
       "yes (`images_type = rbd`: wall time each librados client of storage/rbd_utils.py — RADOSClient, "
       "RBDVolumeProxy: connect, open_ioctx, shutdown — holds the compute's whole nova-compute process, as "
       "RBDDriver._connect_to_rados runs `connect()` in eventlet's hub, outside tpool (nova 14.x Newton): 7 per "
       "image-backed build that imports its root disk (Image.cache and Rbd.create_image: exists x3, "
       "verify_base_size, get_disk_size x2, resize), 10 per COW-clone build (exists x3, is_cloneable's get_fsid "
       "and exists, clone's two clients, verify_base_size, get_disk_size, resize), 1 per terminate "
       "(driver.py::_cleanup_rbd -> cleanup_volumes); `hub:nova-compute@<host>`, queued on "
       "`queue:nova-compute@<host>`)"});
  d.group("DEFAULT");
  d.opt("long_rpc_timeout", p.long_rpc_timeout,
        {"s", "nova/conf/rpc.py",
         "yes (select_destinations: a reply later than this is MessagingTimeout \"Timed out waiting for a reply to "
         "message "
         "ID …\", the instance is buried in cell0, its allocation kept until deleted)"});
  d.opt("force_raw_images", p.force_raw_images, {"bool", compute, "yes (image-backed `_base` conversion)"});
  d.opt("use_cow_images", p.use_cow_images,
        {"bool", compute,
         "yes (image-backed: false = the Flat backend copies the whole base file into the instance directory instead "
         "of a "
         "qcow2 overlay)"});
  d.group("libvirt");
  d.opt("images_type", p.images_type,
        {.source = "nova/conf/libvirt.py",
         .used = "yes: `default` follows `use_cow_images` (qcow2 overlay or flat copy); `raw` = `flat`; `rbd` keeps "
                 "root disks in `topology.ceph`. With `rbd`, a raw image in Glance's RBD store with "
                 "`show_image_direct_url` becomes a COW clone (imagebackend.py::Rbd.clone); any other image is "
                 "fetched into `_base` once per compute and `rbd import`ed per instance (Rbd.create_image). The "
                 "compute's DISK_GB inventory stays its local disk (not the pool's)",
         .unmodelled = {"lvm", "ploop"}});
  d.group("timing");
  d.time("rbd_clone_time", p.rbd_clone_time,
         {"time", "assumed, as cinder's `rbd_clone_time` (RBD clone + resize are metadata operations: 0.1–0.5 s)",
          "yes (`images_type = rbd`: COW clone + resize of a raw root disk in Ceph)"});
  d.group("DEFAULT");
  d.opt("initial_cpu_allocation_ratio", p.cpu_allocation_ratio, {"ratio", compute, "yes (placement VCPU)"});
  d.opt("cpu_allocation_ratio", p.cpu_allocation_ratio, {"ratio", compute, "yes (as initial_cpu_allocation_ratio)"});
  d.opt("initial_ram_allocation_ratio", p.ram_allocation_ratio, {"ratio", compute, "yes (placement MEMORY_MB)"});
  d.opt("ram_allocation_ratio", p.ram_allocation_ratio, {"ratio", compute, "yes (as initial_ram_allocation_ratio)"});
  d.opt("initial_disk_allocation_ratio", p.disk_allocation_ratio, {"ratio", compute, "yes (placement DISK_GB)"});
  d.opt("disk_allocation_ratio", p.disk_allocation_ratio, {"ratio", compute, "yes (as initial_disk_allocation_ratio)"});
  d.opt("reserved_host_memory_mb", p.reserved_host_memory_mb, {"MB", compute});
  d.opt("reserved_host_disk_mb", p.reserved_host_disk_mb, {"MB", compute});
  d.opt("update_resources_interval", p.update_resources_interval,
        {"s, 0 = default periodic spacing (60 s), < 0 = disabled", compute,
         "yes (when a compute's failed_builds reaches the scheduler without a claim on the node)"});
  d.opt("default_ephemeral_format", a.default_ephemeral_format,
        {"string, unset", "nova/conf/compute.py", "yes (BDM normalization)"});
  d.opt("default_availability_zone", a.default_availability_zone, {"string", "nova/conf/availability_zone.py"});
  d.group("compute");
  d.opt("max_disk_devices_to_attach", a.max_disk_devices_to_attach,
        {"count, -1 = unlimited", compute, "yes (build fault)"});
  d.opt("max_concurrent_disk_ops", p.max_concurrent_disk_ops,
        {"per compute, 0 = unlimited", compute,
         "yes (image-backed boots: the Glance download into `_base` and the raw conversion each hold one of N slots, "
         "nova/virt/images.py::fetch/_convert_image; span `disk_ops_wait`)"});
  d.opt("consecutive_build_service_disable_threshold", p.consecutive_build_service_disable_threshold,
        {"count, 0 = off", compute,
         "yes (nonzero: nova-compute counts failed builds — FAILED or RESCHEDULED — and resets on success; the "
         "scheduler's BuildFailureWeigher sees the count after the next claim on the node or the next "
         "`update_resources_interval` periodic. Upstream no longer disables the service)"});
  d.group("cinder");
  d.opt("cross_az_attach", a.cross_az_attach, {"bool", "nova/conf/cinder.py"});
  d.group("scheduler");
  d.opt("max_attempts", p.max_attempts, {"count", sched, "yes (alternates / reschedules)"});
  d.opt("max_placement_results", p.max_placement_results,
        {"count, <= 0 = no limit", sched,
         "yes (placement answers the first N fitting providers in provider order — "
         "`placement.randomize_allocation_candidates` is False by default — and only those are filtered and weighed; "
         "also bounds the per-host scheduler time)"});
  d.group("quota");
  d.opt("instances", p.quota.instances, {"count, -1 = unlimited", "nova/conf/quota.py", "yes (default project quota)"});
  d.opt("cores", p.quota.cores, {"count, -1 = unlimited", "nova/conf/quota.py", "yes (default project quota)"});
  d.opt("ram", p.quota.ram_mb, {"MB, -1 = unlimited", "nova/conf/quota.py", "yes (default project quota)"});
  d.group("filter_scheduler");
  d.opt("host_subset_size", p.host_subset_size, {"count", sched});
  d.opt("enabled_filters", p.enabled_filters, {"list", sched});
  d.opt("ram_weight_multiplier", p.ram_weight_multiplier, {"factor", sched});
  d.opt("cpu_weight_multiplier", p.cpu_weight_multiplier, {"factor", sched});
  d.opt("disk_weight_multiplier", p.disk_weight_multiplier, {"factor", sched});
  d.opt("build_failure_weight_multiplier", p.build_failure_weight_multiplier,
        {"factor", sched,
         "yes (BuildFailureWeigher, nova/scheduler/weights/compute.py: −multiplier × normalized failed_builds)"});
  d.group("api");
  d.opt("max_microversion", a.max_microversion, {"string", "assumed: 2024.1 Caracal", "yes (API + CLI)"});
  d.group("timing");
  d.time("api_service_time", p.api_service_time,
         {"time", "assumed (typical range 10–50 ms)",
          "yes (nova-api CPU per POST /servers and DELETE; its DB writes are extra)"});
  d.time("db_write_time", p.db_write_time,
         {"time", "assumed (typical range 1–5 ms)",
          "yes (database-host CPU per query of nova's services: 3 per instance at the API, 2 in the conductor)"});
  d.time("scheduler_base_time", p.scheduler_base_time,
         {"time", "assumed (filter/weigh setup)", "yes (scheduler-worker CPU)"});
  d.time("scheduler_per_host_time", p.scheduler_per_host_time, {"time", "assumed (per candidate host)"});
  d.time("placement_call_time", p.placement_call_time,
         {"time", "assumed (2 per schedule: GET candidates + PUT allocations)",
          "yes (each an HTTP call to placement-api: 2 queries at `infra.db_query_time`, the rest placement CPU)"});
  d.time("claim_time", p.claim_time, {"time", "assumed (resource-tracker claim under the host lock)"});
  d.time("os_brick_iscsi_connect", p.os_brick_iscsi_connect,
         {"time", "assumed (typical range 1–3 s)", "yes (LVM volumes only)"});
  d.time("libvirt_define_start", p.libvirt_define_start, {"time", "assumed (typical range ≈1 s)"});
  d.time("vif_plug_time", p.vif_plug_time,
         {"time", "assumed (typical range 2–5 s)",
          "yes (until network-vif-plugged; capped by `vif_plugging_timeout`; not waited for with `\"networks\": "
          "\"none\"`)"});
  d.time("network_allocate_time", p.network_allocate_time,
         {"time", "assumed (async, overlaps volume work)", "yes (not for `\"networks\": \"none\"`)"});
  d.time("network_deallocate_time", p.network_deallocate_time,
         {"time", "assumed (unplug VIFs + one Neutron port delete)",
          "yes (`_cleanup_allocated_networks` after a failed build)"});
  d.time("power_state_poll", p.power_state_poll, {"time", "nova/virt/libvirt/driver.py"});
  d.time("cow_overlay_time", p.cow_overlay_time,
         {"time", "assumed (qemu-img create overlay + resize; also per local ephemeral/swap disk)"});
  d.time("destroy_time", p.destroy_time, {"time", "assumed (libvirt destroy + undefine)"});
  d.time("libvirt_attach_device_time", p.libvirt_attach_device_time,
         {"time", "assumed (virDomain.attachDeviceFlags hot-plug of a volume on a running server)",
          "yes (volume attach)"});
  d.time(
      "libvirt_detach_device_time", p.libvirt_detach_device_time,
      {"time", "assumed (detachDeviceFlags + the guest's device-removed event, libvirt/driver.py::_detach_with_retry)",
       "yes (volume detach)"});
  d.time("os_brick_iscsi_disconnect", p.os_brick_iscsi_disconnect,
         {"time", "assumed (iSCSI logout + flush)", "yes (volume detach, LVM volumes only)"});
  d.opt("qemu_img_flops_per_byte", p.qemu_img_flops_per_byte,
        {"flop/byte (number)", "assumed (2 Gf/s core ≈ 200 MB/s)", "yes (compute-side raw conversion)"});
}

// placement.conf, and the uwsgi options placement-api is served with (it has no worker option of
// its own). The scheduler model reads randomize_allocation_candidates.
template <class D>
void describe_placement(D& d, Params& p, infra::Params& ip) {
  d.group("placement");
  d.opt("randomize_allocation_candidates", p.randomize_allocation_candidates,
        {"bool", "placement/conf/placement.py; placement/objects/allocation_candidate.py::limit_results",
         "yes (when more providers have room than `max_placement_results`, placement answers a random sample of that "
         "many — `random.sample` on the run's seeded generator — instead of the first ones; ties between equal weights "
         "are still broken by provider order). scenarios/teaching/placement-window*.yaml"});
  d.group("placement_database");
  infra::describe_database(d, ip.placement_database, "yes (placement-api)");
  d.group("uwsgi");
  d.opt("processes", ip.placement_api.workers,
        {"processes, 0 = CPU count",
         "assumed like the other APIs (placement doc/source/install/from-pypi.rst runs `--processes 2 --threads 10`)",
         "yes (placement-api pool)", 0, "at least 1 (0 or unset: the CPU count)"});
  d.opt("threads", ip.placement_api.threads,
        {"threads per process", "assumed (uwsgi's default)", "yes", 1, "at least 1"});
}

}  // namespace bfv::nova

// cinder.conf options that shape timing and failure, plus bfvsim's assumed service times.
// describe() below declares every option (group, name, field, unit, default = the field's
// initializer, range, source); config.cinder.<group>.<option>, --cinder-conf, `bfvsim schema`,
// `bfvsim options` and docs/configuration.md all walk it.
// Per-backend options (lvm_type, image_volume_cache_*, volume_clear, max_over_subscription_ratio)
// can also be set on each topology.cinder_backends entry, as in a cinder.conf backend section.
// Plain data: no SimGrid (models/semantics includes this header).
#pragma once
#include <string>

#include "models/infra/params.hpp"
#include "core/options.hpp"

namespace bfv::cinder {

// cinder.conf options that change what cinder-api accepts; the semantics functions take this
// struct (sem::CinderConfig is its name there).
struct ApiOptions {
  int per_volume_size_limit = -1;  // GB, -1 = unlimited; cinder/quota.py
};

struct Params {
  ApiOptions api;  // what cinder-api accepts
  // [DEFAULT]
  bool image_volume_cache_enabled = false;  // per backend; cinder/image/cache.py opts (volume_manager_opts)
  // The Cinder internal tenant owning image-volume cache entries; the cache is used only when both
  // are set (cinder/context.py::get_internal_tenant_context returns None otherwise, and
  // cinder/volume/flows/manager/create_volume.py::_create_from_image_cache_or_download then skips
  // the cache: "Unable to get Cinder internal context, will not use image-volume cache."). Unset.
  std::string cinder_internal_tenant_project_id;
  std::string cinder_internal_tenant_user_id;
  int image_volume_cache_max_size_gb = 0;     // GB, 0 = unlimited
  int image_volume_cache_max_count = 0;       // 0 = unlimited
  std::string volume_clear = "zero";          // zero | none; cinder/volume/driver.py (LVM thick wipe on delete)
  int volume_clear_size = 0;                  // MiB, 0 = whole volume
  double max_over_subscription_ratio = 20.0;  // cinder/volume/driver.py
  int reserved_percentage = 0;                // %
  int executor_thread_pool_size = 64;         // RPC handlers per cinder-volume process; oslo_messaging/server.py
  double volume_copy_bps_limit =
      0;                       // B/s, 0 = unlimited; cinder/volume/driver.py (write cap of each LVM copy/convert/clear)
  int quota_volumes = 10;      // cinder/quota.py
  int quota_gigabytes = 1000;  // GB
  int quota_snapshots = 10;
  double rpc_response_timeout = 60;  // s (attachment_update is an RPC call into cinder-volume)

  // [timing] — assumed service times (docs/configuration.md)
  double api_service_time = 0.030;      // s per cinder-api request; assumed (typical range 10–50 ms)
  double scheduler_time = 0.010;        // s per create in cinder-scheduler; assumed
  double lvcreate_time = 0.5;           // s lvcreate; assumed
  double rbd_clone_time = 0.3;          // s RBD COW clone + resize (metadata ops); assumed (typical range 0.1–0.5 s)
  double lvm_thin_snapshot_time = 0.2;  // s thin snapshot clone; assumed
  double export_create_time = 0.5;      // s iSCSI target/export creation in attachment_update; assumed
  double export_remove_time =
      0.3;  // s iSCSI target removal in attachment_delete (remove_export); assumed (lighter than create)
  // s of cinder-volume CPU (its one Python process per backend, so they queue: `queue:cinder-volume@<backend>`)
  // per create, delete, attachment update and export removal; 0 = not charged (default); fitted by
  // `bfvsim calibrate` (docs/calibration.md).
  double volume_op_cpu = 0.0;
  // s of wall time one RADOSClient holds the backend's whole cinder-volume process (RBD backends): librados
  // `connect()` + `open_ioctx()` ... `shutdown()` in drivers/rbd.py::RBDDriver._connect_to_rados /
  // _disconnect_from_rados run outside eventlet's tpool from cinder 1bbbd4666 (2015) until 063409623 (2023,
  // "RBD: tpool.Proxy client object"), so nothing else in the process runs meanwhile. One per blank create
  // and per delete, three per clone (_clone's two clients + _resize), one more per stats refresh. 0 = not
  // modelled (a release whose connect runs in a native thread): assumed; fitted on the published Ceph cloud.
  double rados_connect_time = 0.0;
  // s of wall time of `mon_command('df')` in drivers/rbd.py::RBDDriver._update_volume_stats, which every
  // delete runs after the volume is gone: manager.py::VolumeManager.delete_volume ends with
  // publish_service_capabilities -> _report_driver_status -> get_volume_stats(refresh=True). It holds the
  // process with one more rados_connect_time (same releases). 0 = not modelled; assumed.
  double rbd_stats_time = 0.0;
  double delete_time = 0.3;         // s lvremove / rbd rm metadata part; assumed
  double qemu_img_info_time = 0.2;  // s qemu-img info on the downloaded file; assumed
  double glance_client_cap_Bps =
      132.1e6;  // B/s single-stream download cap (client CPU); python-glanceclient 7d78cc4 (1 MiB chunks)
  double qemu_img_flops_per_byte = 10;  // flop per output byte for qemu-img convert; assumed (≈200 MB/s per 2 Gf core)
  double zero_fraction =
      0.0;  // fraction of virtual size qemu-img skips writing (sparse); 0 = writes everything; assumed
};

// Every cinder.conf option bfvsim reads, in the order the loader lists them. default_volume_type
// is held by the cloud state (sem::CloudState), pool and worker options by the control plane's
// parameters.
template <class D>
void describe(D& d, Params& p, infra::Params& ip, std::string& default_volume_type) {
  const char* driver = "cinder/volume/driver.py";
  const char* quota = "cinder/quota.py";
  const char* per_backend = "yes; per-backend override";
  d.group("DEFAULT");
  d.opt("image_volume_cache_enabled", p.image_volume_cache_enabled,
        {"bool", "cinder/volume/driver.py (image_opts)",
         "yes (only with the internal tenant below); per-backend override"});
  d.opt("image_volume_cache_max_size_gb", p.image_volume_cache_max_size_gb,
        {"GB, 0 = unlimited", "cinder/volume/driver.py (image_opts)", per_backend});
  const char* tenant =
      "yes (owner of cache entries; unset ⇒ `get_internal_tenant_context()` is None and the image-volume "
      "cache is not used, as upstream)";
  d.opt("cinder_internal_tenant_project_id", p.cinder_internal_tenant_project_id,
        {"string, unset", "cinder/context.py", tenant});
  d.opt("cinder_internal_tenant_user_id", p.cinder_internal_tenant_user_id,
        {"string, unset", "cinder/context.py", tenant});
  d.opt("image_volume_cache_max_count", p.image_volume_cache_max_count,
        {"count, 0 = unlimited", "cinder/volume/driver.py (image_opts)", per_backend});
  d.opt("volume_clear", p.volume_clear, {"`zero` | `none`", driver, "yes (LVM thick delete); per-backend override"});
  d.opt("volume_clear_size", p.volume_clear_size, {"MiB, 0 = whole volume", driver});
  d.opt("max_over_subscription_ratio", p.max_over_subscription_ratio,
        {"ratio", driver, "yes (thin/rbd capacity filter); per-backend override"});
  d.opt("reserved_percentage", p.reserved_percentage, {"%", driver});
  d.opt("executor_thread_pool_size", p.executor_thread_pool_size,
        {"threads per cinder-volume (and cinder-scheduler greenthreads)", "oslo_messaging/server.py", "yes", 1,
         "at least 1"});
  d.opt("volume_copy_bps_limit", p.volume_copy_bps_limit,
        {"B/s, 0 = unlimited", driver,
         "yes (each LVM qemu-img convert, dd clone and volume_clear writes at most this fast: "
         "cinder/volume/throttling.py "
         "blkio cgroup, per operation)"});
  d.opt("quota_volumes", p.quota_volumes, {"count, -1 = unlimited", quota, "yes (default project quota)"});
  d.opt("quota_gigabytes", p.quota_gigabytes, {"GB, -1 = unlimited", quota, "yes (default project quota)"});
  d.opt("quota_snapshots", p.quota_snapshots, {"count, -1 = unlimited", quota, "yes (default project quota)"});
  d.opt("per_volume_size_limit", p.api.per_volume_size_limit, {"GB, -1 = unlimited", quota, "yes (API)"});
  d.opt("rpc_response_timeout", p.rpc_response_timeout,
        {"s", "oslo_messaging/rpc/client.py", "yes (attachment_update RPC call)"});
  d.opt("default_volume_type", default_volume_type, {"string", "cinder/common/config.py"});
  d.opt("osapi_volume_workers", ip.cinder_api.workers,
        {"processes, 0 = CPU count", "cinder/service.py",
         "yes (cinder-api pool; 1000 greenthreads each, assumed like nova's wsgi pool)", 0,
         "at least 1 (0 or unset: the CPU count)"});
  d.group("database");
  infra::describe_database(d, ip.cinder_database, "yes (cinder-api, cinder-scheduler)");
  d.group("timing");
  d.time("api_service_time", p.api_service_time,
         {"time", "assumed (typical range 10–50 ms)",
          "yes (every cinder-api call, uncontended: its queries at `infra.db_query_time` — create 3, get 1, delete 2, "
          "attachment calls 2 — and the rest cinder-api CPU)"});
  d.time("scheduler_time", p.scheduler_time,
         {"time", "assumed",
          "yes (cinder-scheduler CPU per create; cinder-scheduler is one process with `executor_thread_pool_size` "
          "greenthreads)"});
  d.time("lvcreate_time", p.lvcreate_time, {"time", "assumed"});
  d.time("rbd_clone_time", p.rbd_clone_time, {"time", "assumed (typical range 0.1–0.5 s)", "yes (also rbd create)"});
  d.time("lvm_thin_snapshot_time", p.lvm_thin_snapshot_time, {"time", "assumed"});
  d.time("export_create_time", p.export_create_time,
         {"time", "assumed (iSCSI target in attachment_update; rbd uses a fixed 50 ms, assumed)"});
  d.time("export_remove_time", p.export_remove_time,
         {"time", "assumed (iSCSI target removal in attachment_delete; rbd uses a fixed 50 ms, assumed)",
          "yes (volume detach)"});
  d.time("delete_time", p.delete_time, {"time", "assumed (lvremove / rbd rm)"});
  d.time(
      "volume_op_cpu", p.volume_op_cpu,
      {"time", "assumed 0 = not charged; fitted 0.21 s on the published Ceph cloud (docs/calibration.md)",
       "yes (CPU of the backend's one cinder-volume process per create, delete, attachment update and export removal: "
       "`queue:cinder-volume@<backend>`)"});
  d.time("rados_connect_time", p.rados_connect_time,
         {"time",
          "assumed 0 = not modelled; fitted 0.50 s on the published Ceph cloud, tied to nova's (docs/calibration.md)",
          "yes (RBD backends: wall time each RADOSClient — librados connect, open_ioctx, shutdown — holds the "
          "backend's whole cinder-volume process, as drivers/rbd.py::RBDDriver._connect_to_rados runs outside "
          "eventlet's tpool from cinder 1bbbd4666 (2015) to 063409623 (2023): one per blank create and delete, "
          "three per clone, one per stats refresh; `hub:cinder-volume@<backend>`, queued on "
          "`queue:cinder-volume@<backend>`)"});
  d.time("rbd_stats_time", p.rbd_stats_time,
         {"time", "assumed 0 = not modelled; fitted 30 ms on the published Ceph cloud (docs/calibration.md)",
          "yes (RBD backends: `mon_command df` of the stats refresh every delete runs after the volume is gone — "
          "manager.py::VolumeManager.delete_volume -> publish_service_capabilities -> "
          "drivers/rbd.py::_update_volume_stats — holding the cinder-volume process with one more "
          "`rados_connect_time`)"});
  d.time("qemu_img_info_time", p.qemu_img_info_time, {"time", "assumed"});
  d.rate("glance_client_cap", p.glance_client_cap_Bps,
         {"rate", "python-glanceclient 7d78cc4 (1 MiB chunks; single-stream client CPU)",
          "yes (Cinder and Nova image downloads)"});
  d.opt("qemu_img_flops_per_byte", p.qemu_img_flops_per_byte,
        {"flop/byte (number)", "assumed (≈200 MB/s per 2 Gf core)"});
  d.opt("zero_fraction", p.zero_fraction, {"0–1 (number)", "assumed (share of virtual size qemu-img skips as sparse)"});
  d.group("DEFAULT");
  d.refused("scheduler_max_attempts",
            "cinder-scheduler's reschedule of a failed create to another backend is not modelled: a create that fails "
            "on its backend ends in error");
  d.refused("rbd_max_clone_depth",
            "modelled RBD volumes are clones of a Glance image or of a cache entry, two levels at most, below any "
            "depth that makes Cinder flatten; volume-from-volume clones are not modelled");
}

}  // namespace bfv::cinder

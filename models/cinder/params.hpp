// cinder.conf options that shape timing and failure, plus bfvsim's assumed service times.
// Each field: option name, unit, default, source. Scenario: config.cinder.<group>.<option>.
// Per-backend options (lvm_type, image_volume_cache_*, volume_clear, max_over_subscription_ratio)
// can also be set on each topology.cinder_backends entry, as in a cinder.conf backend section.
#pragma once
#include <string>

namespace bfv::cinder {

struct Params {
  // [DEFAULT]
  bool image_volume_cache_enabled = false;     // per backend; cinder/image/cache.py opts (volume_manager_opts)
  // The Cinder internal tenant owning image-volume cache entries; the cache is used only when both
  // are set (cinder/context.py::get_internal_tenant_context returns None otherwise, and
  // cinder/volume/flows/manager/create_volume.py::_create_from_image_cache_or_download then skips
  // the cache: "Unable to get Cinder internal context, will not use image-volume cache."). Unset.
  std::string cinder_internal_tenant_project_id;
  std::string cinder_internal_tenant_user_id;
  int image_volume_cache_max_size_gb = 0;      // GB, 0 = unlimited
  int image_volume_cache_max_count = 0;        // 0 = unlimited
  std::string volume_clear = "zero";           // zero | none; cinder/volume/driver.py (LVM thick wipe on delete)
  int volume_clear_size = 0;                   // MiB, 0 = whole volume
  double max_over_subscription_ratio = 20.0;   // cinder/volume/driver.py
  int reserved_percentage = 0;                 // %
  int executor_thread_pool_size = 64;          // RPC handlers per cinder-volume process; oslo_messaging/server.py
  double volume_copy_bps_limit = 0;            // B/s, 0 = unlimited; cinder/volume/driver.py (write cap of each LVM copy/convert/clear)
  int quota_volumes = 10;                      // cinder/quota.py
  int quota_gigabytes = 1000;                  // GB
  int quota_snapshots = 10;
  int per_volume_size_limit = -1;              // GB, -1 = unlimited
  double rpc_response_timeout = 60;            // s (attachment_update is an RPC call into cinder-volume)

  // [timing] — assumed service times (docs/configuration.md)
  double api_service_time = 0.030;       // s per cinder-api request; assumed (typical range 10–50 ms)
  double scheduler_time = 0.010;         // s per create in cinder-scheduler; assumed
  double lvcreate_time = 0.5;            // s lvcreate; assumed
  double rbd_clone_time = 0.3;           // s RBD COW clone + resize (metadata ops); assumed (typical range 0.1–0.5 s)
  double lvm_thin_snapshot_time = 0.2;   // s thin snapshot clone; assumed
  double export_create_time = 0.5;       // s iSCSI target/export creation in attachment_update; assumed
  double export_remove_time = 0.3;       // s iSCSI target removal in attachment_delete (remove_export); assumed (lighter than create)
  // s of cinder-volume CPU (its one Python process per backend, so they queue: `queue:cinder-volume@<backend>`)
  // per create, delete, attachment update and export removal; 0 = not charged (default); fitted by
  // `bfvsim calibrate` (docs/calibration.md).
  double volume_op_cpu = 0.0;
  double delete_time = 0.3;              // s lvremove / rbd rm metadata part; assumed
  double qemu_img_info_time = 0.2;       // s qemu-img info on the downloaded file; assumed
  double glance_client_cap_Bps = 132.1e6;// B/s single-stream download cap (client CPU); python-glanceclient 7d78cc4 (1 MiB chunks)
  double qemu_img_flops_per_byte = 10;   // flop per output byte for qemu-img convert; assumed (≈200 MB/s per 2 Gf core)
  double zero_fraction = 0.0;            // fraction of virtual size qemu-img skips writing (sparse); 0 = writes everything; assumed
};

}  // namespace bfv::cinder

// nova-compute: nova/compute/manager.py::build_and_run_instance, _build_and_run_instance,
// _build_resources, _prep_block_device, _await_block_device_map_created; nova/virt/block_device.py;
// nova/virt/libvirt/driver.py::spawn, imagebackend.Image.cache.
#include <cmath>

#include "models/infra/poll.hpp"
#include "models/nova/nova.hpp"

namespace bfv::nova {

ComputeNode::ComputeNode(Nova& nova, size_t index, sg4::Host* host, platform::Disk* disk)
    : nova_(nova),
      index_(index),
      host_(host),
      disk_(disk),
      track_(nova.ctx().log().track("nova-compute@" + host->get_name())),
      builds_("nova-compute@" + host->get_name(), host, nova.params().max_concurrent_builds),
      res_libvirt_("service:libvirt@" + host->get_name()),
      res_claim_lock_("lock:compute_resources@" + host->get_name()),
      res_build_queue_("queue:max_concurrent_builds@" + host->get_name()),
      res_os_brick_("service:os-brick@" + host->get_name()),
      res_base_lock_("lock:_base@" + host->get_name()),
      res_disk_ops_("queue:max_concurrent_disk_ops@" + host->get_name()) {
  if (nova.params().max_concurrent_disk_ops > 0)
    disk_ops_ = sg4::Semaphore::create(nova.params().max_concurrent_disk_ops);
}

void ComputeNode::build_and_run(Instance& inst) {
  double t = nova_.ctx().now();
  builds_.submit([this, &inst, t] { build(inst, t); });
}

void ComputeNode::build(Instance& inst, double t_enqueued) {
  auto& ctx = nova_.ctx();
  auto& p = nova_.params();
  auto& net = nova_.net();
  auto& rec = ctx.req(inst.request);
  auto& log = ctx.log();
  if (ctx.now() > t_enqueued) {
    auto w = log.begin_span(inst.request, track_, log.intern("build_queue"), SpanKind::Wait, t_enqueued, -1, -1,
                            log.intern(res_build_queue_));
    log.end_span(w, ctx.now());
  }
  rec.phases.emplace_back("build_queue", ctx.now() - t_enqueued);
  if (!up) {  // the compute service is down: the build fails here and is rescheduled
    nova_.build_failed(inst, "Compute host " + host_->get_name() + " is down", true);
    return;
  }
  double t0 = ctx.now();
  {
    SpanScope claim(ctx, caller(inst, -1), "claim", SpanKind::Phase);
    // _build_and_run_instance's own Python work (objects, notifications, block-device and network
    // bookkeeping, the libvirt XML): one core of the nova-compute process.
    compute_cpu(inst.request, claim.id(), p.compute_build_cpu);
    net.service(claim.caller(), p.claim_time, "instance_claim", res_claim_lock_);
  }
  // instance_claim saves the ComputeNode record, stats (failed_builds) included.
  nova_.placement().flush_stats(index_);
  rec.phases.emplace_back("claim", ctx.now() - t0);
  // Network allocation runs in the background (_allocate_network_async) and overlaps the volume work;
  // "networks": "none" allocates nothing (_allocate_network_async returns an empty NetworkInfo).
  inst.network_allocated = inst.allocate_network;
  double net_ready = ctx.now() + (inst.allocate_network ? p.network_allocate_time : 0.0);

  // _build_resources -> _default_block_device_names: libvirt's blockinfo raises TooManyDiskDevices
  // (an InvalidBDM) before any volume is created -> BuildAbortException.
  if (auto fault = sem::nova_fault_too_many_disk_devices(inst.uuid, inst.bdms, nova_.params().api)) {
    abort_build(inst, *fault, -1, false);
    return;
  }
  if (!prep_block_devices(inst, -1)) return;
  if (!up) {
    nova_.build_failed(inst, "Compute host " + host_->get_name() + " is down", true);
    return;
  }
  if (!inst.bfv && inst.image_ref) {
    double ti = ctx.now();
    {
      SpanScope ic(ctx, caller(inst, -1), "image_cache", SpanKind::Phase);
      image_cache(inst, ic.id());
    }
    rec.phases.emplace_back("image_cache", ctx.now() - ti);
  }
  double ts = ctx.now();
  enum class SpawnEnd { ok, vif_timeout_fatal, libvirt_error } end = SpawnEnd::ok;
  {
    SpanScope sp(ctx, caller(inst, -1), "spawn", SpanKind::Phase);
    // local ephemeral / swap disks (mkfs / mkswap on the instance path): one overlay-sized step each.
    for (const auto& b : inst.bdms)
      if (!b.no_device && b.destination_type == "local" && b.source_type == "blank")
        net.service(sp.caller(), p.cow_overlay_time, "local_disk", res_libvirt_);
    // os-brick connect_volume per volume, by the connection's driver_volume_type (iSCSI login + scan;
    // nothing on the host for rbd: libvirt's qemu talks to Ceph).
    for (size_t b = 0; b < inst.bdms.size(); ++b) {
      const auto& vid = inst.volume_ids[b];
      if (vid.empty()) continue;
      if (inst.is_iscsi(vid)) net.service(sp.caller(), p.os_brick_iscsi_connect, "os_brick_connect", res_os_brick_);
    }
    net.service(sp.caller(), p.libvirt_define_start, "libvirt_define_start", res_libvirt_);
    if (!spawn_error.empty()) {
      // fault `spawn_fail`: libvirt refuses to start the domain (driver.py::_create_guest_with_network
      // cleans up and re-raises; _build_and_run_instance turns it into RescheduledException).
      sp.fail();
      end = SpawnEnd::libvirt_error;
    } else if (inst.allocate_network && p.vif_plugging_timeout > 0) {
      // Domain started paused; resumed after network-vif-plugged (port bound + event delivered), or
      // after vif_plugging_timeout: fatal -> VirtualInterfaceCreateException, else resume anyway
      // (driver.py::_create_guest_with_network, InstanceEventTimeout).
      double vif_at = std::max(ctx.now(), net_ready) + p.vif_plug_time;
      if (vif_at - ctx.now() > p.vif_plugging_timeout) {
        net.service(sp.caller(), p.vif_plugging_timeout, "wait_vif_plugged_timeout", "service:neutron");
        if (p.vif_plugging_is_fatal) {
          sp.fail();
          end = SpawnEnd::vif_timeout_fatal;
        }
      } else {
        net.service(sp.caller(), vif_at - ctx.now(), "wait_vif_plugged", "service:neutron");
      }
    }
    if (end == SpawnEnd::ok) {
      // _wait_for_running: power-state polls every 0.5 s.
      double poll = p.power_state_poll;
      double next = std::ceil((ctx.now() + 1e-9) / poll) * poll;
      net.service(sp.caller(), next - ctx.now(), "power_state_poll", "poll:power_state");
    }
  }
  rec.phases.emplace_back("spawn", ctx.now() - ts);
  if (end == SpawnEnd::vif_timeout_fatal) {
    // _build_resources' yield handler: _shutdown_instance (destroy, attachment_delete of every volume);
    // then _build_and_run_instance: BuildAbortException -> _do_build_and_run_instance cleans up.
    abort_build(inst,
                "Build of instance " + inst.uuid + " aborted: Failed to allocate the network(s), not rescheduling.", -1,
                true);
    return;
  }
  if (end == SpawnEnd::libvirt_error) {
    reschedule_after_spawn_failure(inst, spawn_error);
    return;
  }
  if (!up) {
    nova_.build_failed(inst, "Compute host " + host_->get_name() + " is down", true);
    return;
  }
  nova_.build_active(inst);
}

bool ComputeNode::prep_block_devices(Instance& inst, int32_t parent) {
  auto& ctx = nova_.ctx();
  auto& cinder = nova_.cinder();
  auto& rec = ctx.req(inst.request);
  // attach_block_devices: one BDM after the other, pre-existing volumes first, then snapshot-,
  // image- and blank-sourced ones (virt/block_device.py::convert_all_volumes; R53).
  for (size_t b : sem::volume_prep_order(inst.bdms)) {
    const auto& bdm = inst.bdms[b];
    if (bdm.destination_type != "volume") continue;
    // DriverVolImageBlockDevice.attach / DriverVolBlankBlockDevice.attach / DriverVolSnapshotBlockDevice.attach:
    // a volume is created only when the BDM has no volume_id yet; on a reschedule the volume the
    // first host created (and saved in the BDM) is reused.
    if (bdm.source_type != "volume" && inst.volume_ids[b].empty()) {
      double t0 = ctx.now();
      cinder::Cinder::CreateResult cr;
      {
        SpanScope vc(ctx, caller(inst, parent), "volume_create", SpanKind::Phase);
        int size = bdm.volume_size.value_or(1);
        std::optional<std::string> image, snapshot;
        if (bdm.source_type == "image") image = bdm.uuid;
        if (bdm.source_type == "snapshot") snapshot = bdm.uuid;
        cr = cinder.create_volume(
            vc.caller(), {inst.project, size, image, snapshot, bdm.volume_type.value_or(""), inst.availability_zone});
        if (!cr.verdict.ok()) vc.fail();
      }
      rec.phases.emplace_back("volume_create", ctx.now() - t0);
      ++rec.volume_creates;
      if (!cr.verdict.ok()) {
        // Cinder 4xx: 413 -> OverQuota (re-raised by _prep_block_device), 400 -> InvalidInput ->
        // InvalidBDM; both BuildAbortException in _build_resources. No volume exists for this BDM.
        abort_build(inst, sem::nova_fault_for_cinder_error(inst.uuid, cr.verdict), parent, false);
        return false;
      }
      if (!wait_for_volume(inst, b, cr.volume_id, parent)) return false;
      // _create_volume returns (volume_id, attachment_id) once the volume is ready: the BDM gets its
      // volume id now (its attachment_create is charged in the attach phase below).
      inst.volume_ids[b] = cr.volume_id;
    }
    double ta = ctx.now();
    cinder::AttachResult attached;
    {
      SpanScope at(ctx, caller(inst, parent), "attach", SpanKind::Phase);
      // attach can only start once Cinder made the volume available: link it for the critical path
      ctx.log().set_after(static_cast<uint32_t>(at.id()), nova_.db().extra(inst.volume_ids[b]).create_span);
      // DriverVolumeBlockDevice.attach: attachment_update with this host's connector (the attachment
      // was made by nova-api, by _create_volume, or by the conductor on a reschedule), then complete.
      if (!inst.attachment[b]) {
        cinder.attachment_create(at.caller(), inst.volume_ids[b], inst.uuid);
        inst.attachment[b] = true;
      }
      attached = cinder.attach(at.caller(), inst.volume_ids[b], inst.uuid);
      if (attached.ok)
        cinder.attach_complete(at.caller(), inst.volume_ids[b]);
      else
        at.fail();
    }
    rec.phases.emplace_back("attach", ctx.now() - ta);
    if (!attached.ok) {
      // _prep_block_device: any other exception -> InvalidBDM(str(ex)) -> BuildAbortException.
      abort_build(inst, "Build of instance " + inst.uuid + " aborted: Unable to update the attachment. (HTTP 500)",
                  parent, false);
      return false;
    }
    inst.attached[b] = true;
    inst.set_driver_volume_type(inst.volume_ids[b], attached.driver_volume_type);
  }
  return true;
}

bool ComputeNode::wait_for_volume(Instance& inst, size_t bdm, const std::string& vid, int32_t parent) {
  // _await_block_device_map_created: GET every interval while creating/downloading, up to retries+1 attempts;
  // the loop sleeps after the last attempt too (nova/compute/manager.py::ComputeManager._await_block_device_map_created).
  auto& ctx = nova_.ctx();
  auto& p = nova_.params();
  auto& cinder = nova_.cinder();
  auto& rec = ctx.req(inst.request);
  int attempts = std::max(1, p.block_device_allocate_retries + 1);
  double t0 = ctx.now();
  std::string status;
  int tries = 0;
  bool ok = false;
  {
    SpanScope w(ctx, caller(inst, parent), "volume_wait", SpanKind::Phase);
    auto& log = ctx.log();
    const double interval = p.block_device_allocate_retries_interval;
    tries = infra::poll_until(
        interval, attempts,
        [&](int n) {
          log.set_polls(static_cast<uint32_t>(w.id()), static_cast<uint32_t>(n));
          status = cinder.get_status(w.caller(), vid);
          ok = status == sem::volume_status::kAvailable;
          return ok || (status != sem::volume_status::kCreating && status != sem::volume_status::kDownloading);
        },
        [&] {
          log.end_span(log.begin_span(inst.request, track_, log.intern("poll_sleep"), SpanKind::Wait, ctx.now(), w.id(),
                                      -1, log.intern("poll:block_device_allocate_retries_interval")),
                       ctx.now() + interval);
        });
    if (!ok) w.fail();
  }
  rec.phases.emplace_back("volume_wait", ctx.now() - t0);
  if (ok) return true;
  int waited = static_cast<int>(ctx.now() - t0);
  // VolumeNotCreated (virt/block_device.py::_call_wait_func): delete the volume when
  // delete_on_termination (Cinder refuses while creating/downloading: the volume is orphaned). The
  // BDM never got this volume's id, so _cleanup_volumes does not see it.
  if (inst.bdms[bdm].delete_on_termination) cinder.delete_volume(caller(inst, parent), vid);
  abort_build(inst, sem::nova_fault_volume_not_created(inst.uuid, vid, waited, tries, status), parent, false);
  return false;
}

void ComputeNode::shutdown_instance(Instance& inst, int32_t parent) {
  // _shutdown_instance: driver.destroy, then attachment_delete for every volume BDM with an
  // attachment (volumes go back to `available`); no volume is deleted here.
  auto& p = nova_.params();
  auto& cinder = nova_.cinder();
  nova_.net().service(caller(inst, parent), p.destroy_time, "libvirt_destroy", res_libvirt_);
  for (size_t b = 0; b < inst.bdms.size(); ++b)
    if (inst.attachment[b] && !inst.volume_ids[b].empty()) {
      cinder.detach(caller(inst, parent), inst.volume_ids[b], inst.uuid);
      inst.attachment[b] = false;
      inst.attached[b] = false;
    }
}

void ComputeNode::cleanup_allocated_networks(Instance& inst, int32_t parent) {
  // _cleanup_allocated_networks: unplug VIFs and deallocate the ports (nothing was allocated for
  // "networks": "none").
  if (!inst.network_allocated) return;
  nova_.net().service(caller(inst, parent), nova_.params().network_deallocate_time, "deallocate_network",
                      "service:neutron");
  inst.network_allocated = false;
}

void ComputeNode::abort_build(Instance& inst, const std::string& fault, int32_t parent, bool shutdown) {
  // BuildAbortException in _do_build_and_run_instance: _cleanup_allocated_networks, then
  // _cleanup_volumes(raise_exc=False), BDM by BDM.
  if (shutdown) shutdown_instance(inst, parent);
  cleanup_allocated_networks(inst, parent);
  cleanup_volumes(nova_.cinder(), inst, caller(inst, parent), Cleanup::PerBdm);
  nova_.build_failed(inst, fault, false);
}

void ComputeNode::reschedule_after_spawn_failure(Instance& inst, const std::string& reason) {
  // driver.spawn raised: _build_resources' handler runs _shutdown_instance (destroy + attachment_delete
  // of every volume, none deleted); _build_and_run_instance raises RescheduledException;
  // _do_build_and_run_instance cleans the networks and, with retry info ([scheduler] max_attempts > 1),
  // deletes the allocation and casts build_instances to the conductor. Without retry info the
  // instance goes ERROR with the reason as its fault and its volumes stay `available`.
  shutdown_instance(inst, -1);
  cleanup_allocated_networks(inst, -1);
  nova_.build_failed(inst, reason, true);
}

void cleanup_volumes(cinder::Cinder& cinder, Instance& inst, const infra::Caller& caller, Cleanup how) {
  if (how == Cleanup::PerBdm) {
    for (size_t b = 0; b < inst.bdms.size(); ++b) {
      const std::string vid = inst.volume_ids[b];
      if (vid.empty() || inst.bdms[b].destination_type != "volume") continue;
      if (inst.attachment[b]) {
        cinder.detach(caller, vid, inst.uuid);
        inst.attachment[b] = false;
        inst.attached[b] = false;
      }
      if (inst.bdms[b].delete_on_termination) cinder.delete_volume(caller, vid);
    }
    return;
  }
  auto outcomes = sem::on_server_delete(inst.bdms);
  for (size_t b = 0; b < inst.bdms.size(); ++b)
    if (!inst.volume_ids[b].empty() && inst.attachment[b]) {
      cinder.detach(caller, inst.volume_ids[b], inst.uuid);
      inst.attachment[b] = false;
      inst.attached[b] = false;
    }
  // volumes attached after the boot (os-volume_attachments) are detached too, never deleted
  for (const auto& vid : inst.attached_volumes) cinder.detach(caller, vid, inst.uuid);
  inst.attached_volumes.clear();
  inst.iscsi_volumes.clear();
  for (const auto& o : outcomes)
    if (o.action == "deleted" && o.bdm_index < inst.volume_ids.size() && !inst.volume_ids[o.bdm_index].empty())
      cinder.delete_volume(caller, inst.volume_ids[o.bdm_index]);  // failures are only logged upstream
}

void ComputeNode::compute_cpu(int request, int32_t parent, double cpu_s) {
  if (cpu_s <= 0) return;
  if (!process_) process_ = &nova_.net().cp.process(nova_.ctx(), "nova-compute@" + host_->get_name(), host_);
  const double slice = nova_.params().compute_cpu_slice;
  if (slice <= 0) {
    process_->handle(request, track_, parent, cpu_s, 0);
    return;
  }
  // eventlet: the greenthread yields between slices; each slice queues behind the process's ready work.
  const auto n = static_cast<long>(std::ceil(cpu_s / slice - 1e-9));
  for (long i = 0; i < n; ++i)
    process_->handle(request, track_, parent, i + 1 < n ? slice : cpu_s - slice * static_cast<double>(n - 1), 0);
}

void ComputeNode::rados_clients(int request, int32_t parent, int n) {
  const double t = nova_.params().rados_connect_time;
  if (t <= 0 || n <= 0) return;
  if (!process_) process_ = &nova_.net().cp.process(nova_.ctx(), "nova-compute@" + host_->get_name(), host_);
  auto& log = nova_.ctx().log();
  const auto label = log.intern("rados_connect"), res = log.intern("hub:nova-compute@" + host_->get_name());
  // Each client is its own connect(): between two of them the hub runs whatever else is ready.
  for (int i = 0; i < n; ++i) process_->hold(request, track_, parent, t, label, res);
}

void ComputeNode::image_cache(Instance& inst, int32_t parent) {
  // imagebackend.Image.cache: one download per base image per node under a file lock; later boots
  // of the same image only create the qcow2 overlay.
  auto& ctx = nova_.ctx();
  auto& p = nova_.params();
  const auto* img = nova_.db().cloud.find_image(*inst.image_ref);
  if (!img) return;
  sem::Image image = *img;
  const bool rbd = p.images_type == ImagesType::Rbd;
  double virt = static_cast<double>(image.virtual_size.value_or(image.size.value_or(0)));
  // The librados clients the RBD image backend opens after the root disk exists in Ceph (nova 14.x,
  // imagebackend.py::Rbd.create_image then Image.cache): with a flavor root size,
  // verify_base_size's and create_image's get_disk_size (Rbd.get_disk_size ignores its argument and
  // opens the RBD image: RBDDriver.size), resize when the flavor's root disk is larger, and, when a
  // `_base` file exists (the import path), Image.cache's own get_disk_size.
  const double root = static_cast<double>(inst.flavor->disk_gb) * 1073741824.0;
  auto after_root_disk = [&](bool base_file) {
    if (root <= 0) return 0;  // size None: no check, no resize
    return 2 + (root > virt ? 1 : 0) + (base_file ? 1 : 0);
  };
  if (rbd && image.store == "rbd" && nova_.glance().params().show_image_direct_url && image.disk_format == "raw") {
    // [libvirt] images_type = rbd: driver.py::_create_and_inject_local_root tries imagebackend.Rbd.clone
    // first; a raw image in Glance's RBD store whose location the compute sees (show_image_direct_url)
    // becomes a copy-on-write clone in the vms pool, then Rbd.resize. Nothing is downloaded.
    // librados clients before the clone: Image.cache's and Rbd.create_image's exists(); is_cloneable's
    // get_fsid and exists(image@snap); RBDDriver.clone's two RADOSClients (source and vms pool).
    rados_clients(inst.request, parent, 6);
    nova_.net().service(caller(inst, parent), p.rbd_clone_time, "rbd_clone", "service:ceph");
    rados_clients(inst.request, parent, 1 + after_root_disk(false));  // create_image's second exists(), then the checks
    return;
  }
  // Rbd: Image.cache's exists() and Rbd.create_image's first exists() (both false) before the template.
  if (rbd) rados_clients(inst.request, parent, 2);
  auto& lock = image_locks_[image.id];
  if (!lock) lock = sg4::Mutex::create();
  double t0 = ctx.now();
  lock->lock();
  if (ctx.now() > t0) {
    auto& log = ctx.log();
    log.end_span(log.begin_span(inst.request, track_, log.intern("image_cache_lock"), SpanKind::Wait, t0, parent, -1,
                                log.intern(res_base_lock_)),
                 ctx.now());
  }
  if (!cached_[image.id]) {
    // nova/virt/images.py::fetch and ::_convert_image each run under compute_utils.disk_ops_semaphore
    // ([compute] max_concurrent_disk_ops; 0 = unlimited), taken separately for the two steps.
    disk_op_acquire(inst, parent);
    nova_.glance().download(caller(inst, parent), image, disk_, nova_.cinder().params().glance_client_cap_Bps);
    disk_op_release();
    if (p.force_raw_images && image.disk_format != "raw") {
      disk_op_acquire(inst, parent);
      auto exec = sg4::this_actor::exec_async(p.qemu_img_flops_per_byte * virt);
      nova_.net().stream(caller(inst, parent), disk_, host_, host_, disk_, virt, 0, "qemu_img_convert_raw");
      exec->wait();
      disk_op_release();
    }
    cached_[image.id] = true;
  }
  lock->unlock();
  if (rbd) {
    // Rbd.clone refused (not raw, or not in this Ceph): Image.cache fetched the image into _base as
    // above, and Rbd.create_image imports the raw base file into the vms pool, once per instance
    // (imagebackend.py::Rbd.create_image -> storage/rbd_utils.py::RBDDriver.import_image).
    rados_clients(inst.request, parent, 1);  // create_image's second exists(), still false
    nova_.net().stream(caller(inst, parent), disk_, host_, ctx.platform.ceph, ctx.platform.ceph_disk, virt, 0,
                       "rbd_import");
    rados_clients(inst.request, parent, after_root_disk(true));
    return;
  }
  bool cow = false;
  switch (p.images_type) {
    case ImagesType::Qcow2: cow = true; break;
    case ImagesType::Default: cow = p.use_cow_images; break;
    case ImagesType::Flat:
    case ImagesType::Raw: cow = false; break;
    case ImagesType::Rbd: break;  // returned above
  }
  if (cow) {
    nova_.net().service(caller(inst, parent), p.cow_overlay_time, "qcow2_overlay", res_libvirt_);
  } else {
    // images_type flat/raw, or default with use_cow_images = false: the Flat image backend copies the whole base file into the instance
    // directory (imagebackend.Flat.create_image -> copy_image) instead of a qcow2 overlay.
    nova_.net().stream(caller(inst, parent), disk_, host_, host_, disk_, virt, 0, "copy_base_image");
  }
}

void ComputeNode::disk_op_acquire(Instance& inst, int32_t parent) {
  if (!disk_ops_) return;
  auto& ctx = nova_.ctx();
  double t0 = ctx.now();
  disk_ops_->acquire();
  if (ctx.now() > t0) {
    auto& log = ctx.log();
    log.end_span(log.begin_span(inst.request, track_, log.intern("disk_ops_wait"), SpanKind::Wait, t0, parent, -1,
                                log.intern(res_disk_ops_)),
                 ctx.now());
  }
}

void ComputeNode::disk_op_release() {
  if (disk_ops_) disk_ops_->release();
}

}  // namespace bfv::nova

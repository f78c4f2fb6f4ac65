// cinder-volume@backend: cinder/volume/flows/manager/create_volume.py::CreateVolumeFromSpecTask,
// cinder/volume/manager.py, drivers/lvm.py and drivers/rbd.py, cinder/image/cache.py.
#include <cmath>
#include <limits>
#include <memory>

#include "models/cinder/cinder.hpp"
#include "models/infra/poll.hpp"

namespace bfv::cinder {

namespace {
// [DEFAULT] image_conversion_dir default: $state_path/conversion (cinder/image/image_utils.py), as
// it appears in Cinder's messages.
const std::string kConversionDir = "/var/lib/cinder/conversion";
}  // namespace

namespace {
constexpr double GiB = 1073741824.0;
}

VolumeManager::VolumeManager(Cinder& cinder, const CinderBackendSpec& spec, const Params& p)
    : cinder_(cinder),
      spec_(spec),
      p_(p),
      track_(cinder.ctx().log().track("cinder-volume@" + spec.name)),
      // One RPC handler per in-flight create or attachment update: oslo.messaging executor_thread_pool_size.
      // Idle handlers stay parked, as the executor's threads do (a backend has at most 64 of them).
      pool_("cinder-volume@" + spec.name, cinder.ctx().platform.backends.at(spec.name).host,
            p.executor_thread_pool_size, kServiceStack, kIdleServiceWorkers) {}

namespace {
// Unwinds a create whose cinder-volume is down for good (see wait_up).
struct BackendDownForGood {};
}  // namespace

void VolumeManager::wait_up(int request, int32_t parent) {
  // A dead cinder-volume process makes no progress: its volumes stay `creating`/`downloading` and
  // casts to it wait in RabbitMQ until it is back (so Nova's poll loop may time out meanwhile).
  if (up) return;
  SpanScope down(cinder_.ctx(), caller(request, parent), "backend_down", SpanKind::Wait,
                 "fault:backend_down@" + spec_.name);
  // kBackendPoll: assumed 1 s granularity of noticing the process is back (the casts wait in RabbitMQ).
  constexpr double kBackendPoll = 1.0;
  infra::poll_until(
      kBackendPoll, std::numeric_limits<int>::max(),
      [&](int) {
        if (up) return true;
        // No backend_up fault for it is still to come: the process never comes back and the volume
        // stays where it is for ever. Waiting for that in 1 s steps kept the simulation running for
        // ever after every request had ended (a hang found by tests/invariants/random_scenarios.py).
        bool comes_back = false;
        auto it = cinder_.backend_up_at.find(spec_.name);
        if (it != cinder_.backend_up_at.end())
          for (double at : it->second) comes_back |= at >= cinder_.ctx().now();
        if (!comes_back) throw BackendDownForGood{};
        return false;
      },
      [] {});
}

bool VolumeManager::cache_enabled() const {
  // volume/manager.py builds an ImageVolumeCache when image_volume_cache_enabled; the create flow
  // uses it only with an internal tenant context (create_volume.py::_create_from_image_cache_or_download).
  return spec_.image_volume_cache_enabled.value_or(p_.image_volume_cache_enabled) &&
         !p_.cinder_internal_tenant_project_id.empty() && !p_.cinder_internal_tenant_user_id.empty();
}

void VolumeManager::fail_volume(const std::string& volume_id, const std::string& why) {
  set_status(volume_id, sem::volume_status::kError);
  cinder_.db().extra(volume_id).error = why;
}

void VolumeManager::throttled_copy(int request, int32_t parent, platform::Disk* src, platform::Disk* dst, double bytes,
                                   const char* what) {
  // Same-host disk copies cinder-volume runs under its blkio throttle when [DEFAULT]
  // volume_copy_bps_limit > 0 (cinder/volume/throttling.py::BlkioCgroup, used by
  // volume_utils.copy_volume -- dd clones, clear_volume -- and image_utils.fetch_to_volume_format's
  // qemu-img convert): the write side is capped at the limit, per operation.
  double limit = p_.volume_copy_bps_limit;
  if (limit <= 0) {
    auto host = cinder_.ctx().platform.backends.at(spec_.name).host;
    if (src)
      cinder_.net().stream(caller(request, parent), src, host, host, dst, bytes, 0, what);
    else
      cinder_.net().disk_io(caller(request, parent), dst, bytes, true, what);
    return;
  }
  auto& ctx = cinder_.ctx();
  auto& log = ctx.log();
  double t0 = ctx.now();
  auto size = static_cast<uint64_t>(bytes);
  // The throttled copy lasts max(its time on the disks, bytes / limit): the Ios run as usual and the
  // operation then waits out the rest (SimGrid 3.32 cannot bound a started Comm's rate, and a
  // disk Io is one here). Approximation: while throttled the copy holds less disk bandwidth than
  // this counts for it.
  std::vector<sg4::ActivityPtr> acts;
  if (src) acts.push_back(src->read_async(size));
  acts.push_back(dst->write_async(size));
  for (auto& a : acts) a->wait();
  double floor_at = t0 + bytes / limit;
  if (ctx.now() < floor_at) sg4::this_actor::sleep_until(floor_at);
  log.end_span(log.begin_span(request, track_, log.intern(what), SpanKind::Activity, t0, parent, -1,
                              log.intern("throttle:volume_copy_bps_limit@" + spec_.name)),
               ctx.now());
}

double VolumeManager::conversion_bytes_used() const {
  // Bytes on image_conversion_dir now: finished files plus what each running download has written.
  // A download the directory could always hold is counted as written at the client's rate
  // (glance_client_cap); one that could fill it is counted chunk by chunk (generic_path).
  double used = parked_bytes_;
  double now = cinder_.ctx().now();
  for (const auto& [id, d] : downloads_)
    used += d.chunked ? d.written : std::min(d.bytes, (now - d.t0) * p_.glance_client_cap_Bps);
  return used;
}

void VolumeManager::set_status(const std::string& volume_id, std::string_view status) {
  if (auto* v = cinder_.db().cloud.find_volume(volume_id)) v->status = status;
}

void VolumeManager::volume_cpu(int request, int32_t parent) {
  if (p_.volume_op_cpu <= 0) return;
  auto& ctx = cinder_.ctx();
  if (!process_)
    process_ = &cinder_.net().cp.process(ctx, "cinder-volume@" + spec_.name, ctx.platform.backends.at(spec_.name).host);
  process_->handle(request, track_, parent, p_.volume_op_cpu, 0);
}

void VolumeManager::hub_hold(int request, int32_t parent, double seconds, const char* label) {
  if (seconds <= 0 || spec_.driver != CinderDriver::Rbd) return;
  auto& ctx = cinder_.ctx();
  if (!process_)
    process_ = &cinder_.net().cp.process(ctx, "cinder-volume@" + spec_.name, ctx.platform.backends.at(spec_.name).host);
  auto& log = ctx.log();
  process_->hold(request, track_, parent, seconds, log.intern(label), log.intern("hub:cinder-volume@" + spec_.name));
}

void VolumeManager::create(int request, const std::string& volume_id, const std::optional<std::string>& image_id,
                           const std::optional<std::string>& snapshot_id) {
  double t_cast = cinder_.ctx().now();
  pool_.submit([=, this] {
    try {
      do_create(request, volume_id, image_id, snapshot_id, t_cast);
    } catch (const BackendDownForGood&) {
      // the volume stays creating / downloading, as on a cloud whose cinder-volume never restarts
    }
  });
}

void VolumeManager::do_create(int request, const std::string& volume_id, const std::optional<std::string>& image_id,
                              const std::optional<std::string>& snapshot_id, double t_cast) {
  auto& ctx = cinder_.ctx();
  auto& log = ctx.log();
  if (ctx.now() > t_cast) {  // waited for an executor thread
    auto w = log.begin_span(request, track_, log.intern("executor_wait"), SpanKind::Wait, t_cast, -1, -1,
                            log.intern("queue:executor_thread_pool_size@" + spec_.name));
    log.end_span(w, ctx.now());
  }
  SpanScope span(ctx, caller(request, -1), "cinder_create", SpanKind::Phase);
  cinder_.db().extra(volume_id).create_span = span.id();
  volume_cpu(request, span.id());
  auto* v = cinder_.db().cloud.find_volume(volume_id);
  if (!v) return;
  wait_up(request, span.id());
  v = cinder_.db().cloud.find_volume(volume_id);
  if (image_id) {
    const auto* img = cinder_.db().cloud.find_image(*image_id);
    if (!img) {
      fail_volume(volume_id, "ImageNotFound: Image " + *image_id + " could not be found.");
      span.fail();
      return;
    }
    sem::Image image = *img;  // copy: the vector may grow while we wait
    from_image(request, span.id(), volume_id, v->size_gb, image);
  } else if (snapshot_id) {
    const auto* sn = cinder_.db().cloud.find_snapshot(*snapshot_id);
    double bytes = (sn ? sn->size_gb : v->size_gb) * GiB;
    clone_volume(request, span.id(), bytes);
    if (request >= 0) ctx.req(request).cinder_path = CinderPath::Snapshot;
  } else {
    hub_hold(request, span.id(), p_.rados_connect_time, "rados_connect");  // RBDDriver.create_volume's RADOSClient
    cinder_.net().service(span.caller(), spec_.driver == CinderDriver::Rbd ? p_.rbd_clone_time : p_.lvcreate_time,
                          spec_.driver == CinderDriver::Rbd ? "rbd_create" : "lvcreate",
                          "service:cinder-volume@" + spec_.name);
    if (request >= 0) ctx.req(request).cinder_path = CinderPath::Blank;
  }
  wait_up(request, span.id());
  v = cinder_.db().cloud.find_volume(volume_id);
  if (v->status == sem::volume_status::kError)
    span.fail();
  else if (v->status == sem::volume_status::kCreating || v->status == sem::volume_status::kDownloading)
    v->status = sem::volume_status::kAvailable;
}

void VolumeManager::clone_volume(int request, int32_t parent, double size_bytes) {
  auto& net = cinder_.net();
  const std::string svc = "service:cinder-volume@" + spec_.name;
  if (spec_.driver == CinderDriver::Rbd) {
    // drivers/rbd.py::_clone opens two RADOSClients (source and destination pool), _resize a third
    hub_hold(request, parent, 3 * p_.rados_connect_time, "rados_connect");
    net.service(caller(request, parent), p_.rbd_clone_time, "rbd_clone", svc);
  } else if (spec_.lvm_type == LvmType::Thin) {
    net.service(caller(request, parent), p_.lvm_thin_snapshot_time, "lvm_thin_snapshot", svc);
  } else {
    // LVM thick: create_cloned_volume is a full dd copy of the source LV (drivers/lvm.py).
    auto& be = cinder_.ctx().platform.backends.at(spec_.name);
    net.service(caller(request, parent), p_.lvcreate_time, "lvcreate", svc);
    throttled_copy(request, parent, be.volume_disk, be.volume_disk, size_bytes, "dd_copy");
  }
}

void VolumeManager::from_image(int request, int32_t parent, const std::string& vid, int size_gb,
                               const sem::Image& img) {
  auto& ctx = cinder_.ctx();
  double size_bytes = size_gb * GiB;
  auto record_path = [&](CinderPath p) {
    if (request >= 0) ctx.req(request).cinder_path = p;
  };
  // a) RBD clone: image in the same Ceph cluster, location visible (show_image_direct_url), raw.
  //    drivers/rbd.py::clone_image/_is_cloneable
  bool rbd_clone = spec_.driver == CinderDriver::Rbd && img.store == "rbd" &&
                   cinder_.glance().params().show_image_direct_url && img.disk_format == "raw";
  if (rbd_clone) {
    record_path(CinderPath::RbdClone);
    hub_hold(request, parent, 3 * p_.rados_connect_time, "rados_connect");  // _clone (two clients) + _resize
    cinder_.net().service(caller(request, parent), p_.rbd_clone_time, "rbd_clone",
                          "service:cinder-volume@" + spec_.name);
    return;
  }
  if (!check_available_space(vid, img)) return;
  if (cache_enabled()) {
    // c/d) image-volume cache: _prepare_image_cache_entry holds a lock named after the image id.
    auto& lock = image_lock_ptrs_[img.id];
    if (!lock) lock = sg4::Mutex::create();
    double t0 = ctx.now();
    std::unique_lock<sg4::Mutex> held(*lock);  // released on every way out, BackendDownForGood included
    if (ctx.now() > t0) {
      auto& log = ctx.log();
      auto w = log.begin_span(request, track_, log.intern("image_cache_lock"), SpanKind::Wait, t0, parent, -1,
                              log.intern("lock:image-cache@" + spec_.name));
      log.end_span(w, ctx.now());
    }
    auto hit = cache_.find(img.id);
    if (hit != cache_.end() && cinder_.db().cloud.find_volume(hit->second)) {
      held.unlock();
      record_path(CinderPath::CacheClone);
      cinder_.db().extra(hit->second).last_used = ctx.now();
      clone_volume(request, parent, size_bytes);
      return;
    }
    record_path(CinderPath::CacheFill);
    generic_path(request, parent, vid, img, size_bytes);
    auto* v = cinder_.db().cloud.find_volume(vid);
    if (v && v->status != sem::volume_status::kError) {
      // Clone the new volume into a cache entry owned by the internal tenant.
      int entry_gb =
          static_cast<int>(std::ceil(static_cast<double>(img.virtual_size.value_or(img.size.value_or(0))) / GiB));
      if (entry_gb < 1) entry_gb = 1;
      cache_ensure_space(entry_gb);
      clone_volume(request, parent, entry_gb * GiB);
      sem::Volume entry;
      entry.id = cinder_.db().uuid('c');
      entry.size_gb = entry_gb;
      entry.status = sem::volume_status::kAvailable;
      entry.project = p_.cinder_internal_tenant_project_id;
      entry.image_id = img.id;
      cinder_.db().cloud.volumes.push_back(entry);
      auto& ex = cinder_.db().extra(entry.id);
      ex.backend = spec_.name;
      ex.source = VolumeSource::Cache;  // "cache:<image>": the entry's image_id
      ex.cache_entry = true;
      ex.last_used = ctx.now();
      cache_[img.id] = entry.id;
      // The entry is a volume on this backend (cinder/volume/manager.py::_create_image_cache_volume_entry
      // creates it through create_volume, which counts it in allocated_capacity_gb): the scheduler's
      // provisioned capacity includes it. Before, it did not, and the backend's provisioned capacity
      // drifted below its volumes' sizes (found by the end-of-run invariant check).
      cinder_.allocate_capacity(spec_.name, entry_gb);
    }
    held.unlock();
    return;
  }
  record_path(CinderPath::Download);
  generic_path(request, parent, vid, img, size_bytes);
}

void VolumeManager::cache_ensure_space(int size_gb) {
  // cinder/image/cache.py::ensure_space: evict least recently used entries to honour max size/count.
  int max_gb = spec_.image_volume_cache_max_size_gb.value_or(p_.image_volume_cache_max_size_gb);
  int max_count = spec_.image_volume_cache_max_count.value_or(p_.image_volume_cache_max_count);
  auto& db = cinder_.db();
  for (;;) {
    int count = 0, gb = 0;
    std::string lru;
    double lru_t = 0;
    for (const auto& [image, vid] : cache_) {
      const auto* v = db.cloud.find_volume(vid);
      if (!v) continue;
      ++count;
      gb += v->size_gb;
      double t = db.extra(vid).last_used;
      if (lru.empty() || t < lru_t) {
        lru = image;
        lru_t = t;
      }
    }
    bool over = (max_count > 0 && count + 1 > max_count) || (max_gb > 0 && gb + size_gb > max_gb);
    if (!over || lru.empty()) return;
    if (auto* v = db.cloud.find_volume(cache_[lru])) {
      v->status = sem::volume_status::kDeleted;
      cinder_.free_capacity(spec_.name, v->size_gb);  // evicted: volume_api.delete frees its capacity
    }
    cache_.erase(lru);
  }
}

bool VolumeManager::check_available_space(const std::string& vid, const sem::Image& img) {
  // image_utils.check_available_space, called by create_volume.py::_create_from_image_cache_or_download
  // before the cache lookup: one image's size against the directory's free space now. Downloads
  // already running are not reserved: only what they have written so far counts.
  double stored = static_cast<double>(img.size.value_or(0));
  double free_now = spec_.conversion_disk.size_bytes - conversion_bytes_used();
  if (free_now > stored) return true;
  fail_volume(vid, "ImageTooBig: Image " + img.id + " size exceeded available disk space: There is no space on " +
                       kConversionDir +
                       " to convert image. Requested: " + std::to_string(static_cast<long long>(stored)) +
                       ", available: " + std::to_string(static_cast<long long>(std::max(0.0, free_now))) + ".");
  return false;
}

void VolumeManager::generic_path(int request, int32_t parent, const std::string& vid, const sem::Image& img,
                                 double size_bytes) {
  auto& ctx = cinder_.ctx();
  auto& net = cinder_.net();
  auto& be = ctx.platform.backends.at(spec_.name);
  const std::string svc = "service:cinder-volume@" + spec_.name;
  double stored = static_cast<double>(img.size.value_or(0));
  double virt = static_cast<double>(img.virtual_size.value_or(img.size.value_or(0)));
  if (virt > size_bytes) {  // ImageUnacceptable: virtual size does not fit (also checked at the API)
    fail_volume(
        vid, "ImageUnacceptable: Image " + img.id + " is unacceptable: Image virtual size does not fit in the volume.");
    return;
  }
  const double capacity = spec_.conversion_disk.size_bytes;
  // 2. download the whole image into image_conversion_dir (status still `creating`). When the
  //    running downloads together could outgrow the directory, this one writes chunk by chunk and
  //    fails with ENOSPC at the first chunk that no longer fits (image_utils.fetch: IOError ENOSPC ->
  //    ImageTooBig), its partial file removed (fileutils.remove_path_on_error).
  if (request >= 0) ++ctx.req(request).image_downloads;
  const uint64_t dl_id = next_download_++;
  auto& dl = downloads_[dl_id];
  dl.t0 = ctx.now();
  dl.bytes = stored;
  double committed = parked_bytes_;
  for (const auto& [id, d] : downloads_) committed += d.bytes;
  dl.chunked = committed > capacity;
  bool enospc = false;
  {
    SpanScope dls(ctx, caller(request, parent), "image_download", SpanKind::Phase);
    if (!dl.chunked) {
      cinder_.glance().download(dls.caller(), img, be.conversion_disk, p_.glance_client_cap_Bps);
    } else {
      // kEnospcChunk: granularity of the fill check; assumed (glanceclient writes 64 KiB-1 MiB chunks,
      // a coarser step keeps the activity count low; the failure time is off by at most one chunk).
      constexpr double kEnospcChunk = 64.0 * 1048576.0;
      double left = stored;
      while (left > 0) {
        double chunk = std::min(kEnospcChunk, left);
        if (capacity - conversion_bytes_used() < chunk) {
          enospc = true;
          break;
        }
        downloads_[dl_id].written += chunk;
        sem::Image part = img;
        part.size = static_cast<int64_t>(chunk);
        cinder_.glance().download(dls.caller(), part, be.conversion_disk, p_.glance_client_cap_Bps);
        left -= chunk;
      }
      if (enospc) dls.fail();
    }
  }
  downloads_.erase(dl_id);
  if (enospc) {
    fail_volume(vid, "ImageTooBig: Image " + img.id +
                         " size exceeded available disk space: No space left in "
                         "image_conversion_dir path (" +
                         kConversionDir + ") while fetching image " + img.id + ".");
    return;
  }
  parked_bytes_ += stored;
  wait_up(request, parent);
  // 3. qemu-img info; 4. driver.create_volume, then status `downloading`.
  hub_hold(request, parent, p_.rados_connect_time, "rados_connect");
  net.service(caller(request, parent), p_.qemu_img_info_time, "qemu_img_info", svc);
  net.service(caller(request, parent), spec_.driver == CinderDriver::Rbd ? p_.rbd_clone_time : p_.lvcreate_time,
              spec_.driver == CinderDriver::Rbd ? "rbd_create" : "lvcreate", svc);
  set_status(vid, sem::volume_status::kDownloading);
  // 5. qemu-img convert: read the temp file, convert on CPU, write the volume (zeros included unless sparse).
  double written = virt * (1.0 - p_.zero_fraction);
  {
    SpanScope cv(ctx, caller(request, parent), "image_convert", SpanKind::Phase);
    auto exec = sg4::this_actor::exec_async(p_.qemu_img_flops_per_byte * virt);
    double t0 = ctx.now();
    if (spec_.driver == CinderDriver::Lvm) {
      throttled_copy(request, cv.id(), be.conversion_disk, be.volume_disk, written, "qemu_img_convert");
      exec->wait();
    } else {
      // RBD without clone: convert to a raw temp file of virtual size, then `rbd import` it.
      net.stream(cv.caller(), be.conversion_disk, be.host, be.host, be.conversion_disk, written, 0, "qemu_img_convert");
      exec->wait();
      net.stream(cv.caller(), be.conversion_disk, be.host, ctx.platform.ceph, ctx.platform.ceph_disk, written, 0,
                 "rbd_import");
    }
    auto& log = ctx.log();
    auto id = log.begin_span(request, track_, log.intern("qemu_img_cpu"), SpanKind::Activity, t0, cv.id(), -1,
                             log.intern("cpu:" + be.host->get_name()));
    log.end_span(id, ctx.now());
  }
  parked_bytes_ -= stored;
}

bool VolumeManager::attachment_update(int request, double timeout_s, int32_t parent) {
  double export_time =
      spec_.driver == CinderDriver::Lvm ? p_.export_create_time : 0.05;  // rbd: connection info only (assumed 50 ms)
  return export_call(request, VolumeCall::AttachmentUpdate, timeout_s, export_time, parent);
}

infra::Address<VolumeService> VolumeManager::endpoint() const {
  return {cinder_.ctx().platform.backends.at(spec_.name).host, track_};
}

bool VolumeManager::export_call(int request, VolumeCall call, double timeout_s, double seconds, int32_t parent) {
  struct Reply {
    sg4::SemaphorePtr done = sg4::Semaphore::create(0);
  };
  auto reply = std::make_shared<Reply>();
  auto& ctx = cinder_.ctx();
  double t0 = ctx.now();
  int32_t track = static_cast<int32_t>(track_);
  std::string label(work_name(call));
  pool_.submit([=, this, &ctx] {
    auto& log = ctx.log();
    if (ctx.now() > t0) {
      auto w = log.begin_span(request, static_cast<uint32_t>(track), log.intern("executor_wait"), SpanKind::Wait, t0,
                              -1, -1, log.intern("queue:executor_thread_pool_size@" + spec_.name));
      log.end_span(w, ctx.now());
    }
    volume_cpu(request, -1);
    cinder_.net().service(caller(request, -1), seconds, label, "service:cinder-volume@" + spec_.name);
    reply->done->release();
  });
  if (!reply->done->acquire_timeout(timeout_s)) return true;
  // No answer within rpc_response_timeout: the caller's wait was for an executor thread of this backend.
  auto& log = ctx.log();
  log.end_span(log.begin_span(request, track_, log.intern("attachment_update_timeout"), SpanKind::Wait, t0, parent, -1,
                              log.intern("queue:executor_thread_pool_size@" + spec_.name)),
               ctx.now(), false);
  return false;
}

void VolumeManager::remove(int request, const std::string& volume_id) {
  auto& ctx = cinder_.ctx();
  auto* v = cinder_.db().cloud.find_volume(volume_id);
  if (!v) return;
  int size_gb = v->size_gb;
  double t_cast = ctx.now();
  pool_.submit([=, this, &ctx] {
    if (ctx.now() > t_cast) {  // waited for an executor thread
      auto& log = ctx.log();
      log.end_span(log.begin_span(request, track_, log.intern("executor_wait"), SpanKind::Wait, t_cast, -1, -1,
                                  log.intern("queue:executor_thread_pool_size@" + spec_.name)),
                   ctx.now());
    }
    SpanScope span(ctx, caller(request, -1), "cinder_delete", SpanKind::Phase);
    volume_cpu(request, span.id());
    auto& be = ctx.platform.backends.at(spec_.name);
    std::string clear = spec_.volume_clear.value_or(p_.volume_clear);
    if (spec_.driver == CinderDriver::Lvm && spec_.lvm_type == LvmType::Thick && clear == "zero") {
      // drivers/lvm.py::_delete_volume -> volume_utils.clear_volume: overwrite with zeros before lvremove.
      double bytes = p_.volume_clear_size > 0 ? p_.volume_clear_size * 1048576.0 : size_gb * GiB;
      throttled_copy(request, span.id(), nullptr, be.volume_disk, bytes, "volume_clear");
    }
    hub_hold(request, span.id(), p_.rados_connect_time, "rados_connect");  // RBDDriver.delete_volume's RADOSClient
    cinder_.net().service(span.caller(), p_.delete_time, spec_.driver == CinderDriver::Rbd ? "rbd_remove" : "lvremove",
                          "service:cinder-volume@" + spec_.name);
    cinder_.release_quota(volume_id);
    cinder_.free_capacity(spec_.name, size_gb);
    set_status(volume_id, sem::volume_status::kDeleted);
    // manager.py::VolumeManager.delete_volume then publish_service_capabilities(): the stats refresh
    // (drivers/rbd.py::_update_volume_stats: a RADOSClient and mon_command df) after the volume is gone,
    // so the delete's caller does not wait for it but the backend's next operations do.
    if (p_.rbd_stats_time > 0 || p_.rados_connect_time > 0)
      hub_hold(request, span.id(), p_.rados_connect_time + p_.rbd_stats_time, "publish_service_capabilities");
  });
}

}  // namespace bfv::cinder

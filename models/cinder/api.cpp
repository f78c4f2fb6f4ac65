// cinder-api and cinder-scheduler (cinder/volume/flows/api/create_volume.py, cinder/scheduler/).
#include "models/cinder/cinder.hpp"

namespace bfv::cinder {

Cinder::Cinder(SimContext& ctx, infra::Net& net, CloudDb& db, glance::Glance& glance, const Params& p)
    : ctx_(ctx),
      net_(net),
      db_(db),
      glance_(glance),
      p_(p),
      api_track_(ctx.log().track("cinder-api")),
      sched_track_(ctx.log().track("cinder-scheduler")),
      scheduler_("cinder-scheduler", ctx.platform.controller, 0, kServiceStack, kIdleServiceWorkers) {
  for (const auto& b : ctx.topology.cinder_backends) {
    BackendCapacity c;
    c.name = b.name;
    c.availability_zone = b.availability_zone;
    c.thin = b.driver == CinderDriver::Rbd || b.lvm_type == LvmType::Thin;
    c.total_gb = b.capacity_gb;
    c.free_gb = b.capacity_gb;
    c.max_over_subscription_ratio = b.max_over_subscription_ratio.value_or(p.max_over_subscription_ratio);
    c.reserved_percentage = p.reserved_percentage;
    capacity_.push_back(c);
    managers_[b.name] = std::make_unique<VolumeManager>(*this, b, p);
  }
  // Pre-existing volumes occupy their backend.
  for (const auto& v : db_.cloud.volumes) {
    std::string backend = ctx.topology.cinder_backends.front().name;
    if (const auto* t = db_.cloud.find_volume_type(v.volume_type)) backend = t->backend;
    db_.extra(v.id).backend = backend;
    // pre-existing volumes count against their project's Cinder quota, per volume type too
    // (cinder/quota.py: volumes_<type>/gigabytes_<type> are reserved with the volume's type; an
    // untyped volume has the default type)
    auto& use = db_.cinder_usage[v.project];
    use.volumes += 1;
    use.gigabytes += v.size_gb;
    const std::string type = v.volume_type.empty() ? db_.cloud.default_volume_type : v.volume_type;
    use.volumes_per_type[type] += 1;
    use.gigabytes_per_type[type] += v.size_gb;
    for (auto& c : capacity_)
      if (c.name == backend) {
        c.provisioned_gb += v.size_gb;
        c.free_gb -= c.thin ? 0 : v.size_gb;
      }
  }
}

Cinder::~Cinder() = default;

bool Cinder::api_call(const infra::Caller& caller, Route route, int queries) {
  // cinder-api: a worker of osapi_volume_workers; api_service_time is the whole uncontended handling,
  // `queries` of it database queries through the worker's connection pool.
  auto& api = infra::pick(net_.cp.cinder_api);
  double cpu = std::max(0.0, p_.api_service_time - queries * api.db_query_time());
  return net_.http(caller, infra::HttpTarget<ApiService>{&api, api_track_}, cpu, queries, route) ==
         infra::Service::Outcome::Ok;
}

void Cinder::set_backend_up(const std::string& backend, bool up) {
  auto it = managers_.find(backend);
  if (it == managers_.end()) return;
  it->second->up = up;
  for (auto& c : capacity_)
    if (c.name == backend) c.up = up;
}

Cinder::CreateResult Cinder::create_volume(const infra::Caller& caller, const VolumeCreate& body) {
  const int request = caller.request;
  const std::string& project = body.project;
  const int size_gb = body.size_gb;
  const std::optional<std::string>& image_id = body.image_id;
  const std::optional<std::string>& snapshot_id = body.snapshot_id;
  const std::string& volume_type = body.volume_type;
  const std::string& az = body.availability_zone;
  CreateResult r;
  // Quota reserve, the volume row, quota commit: three queries (cinder/volume/flows/api/create_volume.py).
  if (!api_call(caller, Route::CreateVolume, 3)) {
    r.verdict.status = 500;
    r.verdict.error = "The server has either erred or is incapable of performing the requested operation. (HTTP 500)";
    return r;
  }
  const sem::ProjectQuotas* ps = db_.project(project);
  sem::CinderQuota quota = ps ? ps->cinder : sem::CinderQuota{};
  std::string type = volume_type;
  if (type.empty() && snapshot_id) {
    // a volume from a snapshot takes the snapshot's source volume type (cinder/volume/flows/api/create_volume.py)
    if (const auto* sn = db_.cloud.find_snapshot(*snapshot_id))
      if (const auto* src = db_.cloud.find_volume(sn->volume_id)) type = src->volume_type;
  }
  if (type.empty()) type = db_.cloud.default_volume_type;
  r.verdict = sem::cinder_check_volume_create(size_gb, image_id, snapshot_id, type, db_.cloud, p_.api, quota,
                                              db_.cinder_usage[project]);
  if (r.verdict.status >= 400) return r;

  // Quota reserve + commit (QuotaReserveTask/QuotaCommitTask), then the row in `creating`.
  auto& use = db_.cinder_usage[project];
  use.volumes += 1;
  use.gigabytes += size_gb;
  use.volumes_per_type[type] += 1;
  use.gigabytes_per_type[type] += size_gb;
  sem::Volume v;
  v.id = db_.uuid('v');
  v.size_gb = size_gb;
  v.status = sem::volume_status::kCreating;
  v.volume_type = type;
  v.project = project;
  v.availability_zone = az.empty() ? "nova" : az;
  v.bootable = image_id.has_value();
  if (image_id) {
    v.image_id = image_id;
    auto& meta = image_metadata_[*image_id];  // one value per image, shared by its volumes
    if (meta.get().empty()) meta = nlohmann::json{{"image_id", *image_id}};
    v.volume_image_metadata = meta;
  }
  db_.cloud.volumes.push_back(v);
  auto& ex = db_.extra(v.id);
  ex.request = request;
  ex.source = image_id ? VolumeSource::Image : snapshot_id ? VolumeSource::Snapshot : VolumeSource::Blank;
  if (!image_id && snapshot_id) ex.snapshot_id = *snapshot_id;
  r.volume_id = v.id;

  // cast create_volume to cinder-scheduler; it picks a backend and casts to cinder-volume.
  std::vector<std::string> allowed;
  if (const auto* t = db_.cloud.find_volume_type(type)) allowed.push_back(t->backend);
  std::string vid = v.id;
  scheduler_.submit([this, request, vid, allowed, az, size_gb, image_id, snapshot_id] {
    auto& sched = infra::pick(net_.cp.cinder_scheduler);
    net_.rpc(api_endpoint(), scheduler_endpoint(sched), request, SchedulerCast::CreateVolume);
    sched.handle(request, sched_track_, -1, p_.scheduler_time, 0);
    int b = choose_backend(capacity_, allowed, "", size_gb);
    auto* vol = db_.cloud.find_volume(vid);
    if (b < 0) {
      // cinder/scheduler/filter_scheduler.py::_schedule -> NoValidBackend; the volume is set to error
      // (scheduler/manager.py::_set_volume_state_and_notify). A backend that is down reports no capacity.
      vol->status = sem::volume_status::kError;
      db_.extra(vid).error = "NoValidBackend: No valid backend was found. No weighed backends available";
      return;
    }
    auto& cap = capacity_[static_cast<size_t>(b)];
    cap.provisioned_gb += size_gb;
    if (!cap.thin) cap.free_gb -= size_gb;
    db_.extra(vid).backend = cap.name;
    auto* mgr = managers_.at(cap.name).get();
    net_.rpc(scheduler_endpoint(sched), mgr->endpoint(), request, VolumeCast::CreateVolume);
    mgr->create(request, vid, image_id, snapshot_id);
  });
  return r;
}

std::string Cinder::get_status(const infra::Caller& caller, const std::string& id) {
  api_call(caller, Route::GetVolume, 1);
  const auto* v = db_.cloud.find_volume(id);
  return v ? v->status : "deleted";
}

bool Cinder::delete_volume(const infra::Caller& caller, const std::string& id) {
  const int request = caller.request;
  if (!api_call(caller, Route::DeleteVolume, 2)) return false;
  auto* v = db_.cloud.find_volume(id);
  if (!v) return false;
  // cinder/volume/api.py::delete: only these statuses, not attached.
  static const std::vector<std::string> ok{"available", "error", "error_restoring", "error_extending",
                                           "error_managing"};
  if (std::find(ok.begin(), ok.end(), v->status) == ok.end() || !v->attached_to.empty()) return false;
  for (const auto& s : db_.cloud.snapshots)
    if (s.volume_id == id && s.status != "deleted") return false;  // volumes with snapshots cannot be deleted
  v->status = sem::volume_status::kDeleting;
  auto& ex = db_.extra(id);
  ex.delete_requested = true;
  if (ex.backend.empty()) {  // never scheduled: the API deletes the row itself
    v->status = sem::volume_status::kDeleted;
    release_quota(id);
    return true;
  }
  auto* mgr = managers_.at(ex.backend).get();
  spawn("cinder-delete", api_host(), kServiceStack, [this, mgr, request, id] {
    net_.rpc(api_endpoint(), mgr->endpoint(), request, VolumeCast::DeleteVolume);
    mgr->remove(request, id);
  });
  return true;
}

void Cinder::attachment_create(const infra::Caller& caller, const std::string& id, const std::string& server) {
  api_call(caller, Route::AttachmentCreate, 2);
  if (auto* v = db_.cloud.find_volume(id)) v->status = sem::volume_status::kReserved;
  (void)server;
}

AttachResult Cinder::attach(const infra::Caller& caller, const std::string& id, const std::string& server) {
  auto* v = db_.cloud.find_volume(id);
  if (!v) return {};
  (void)server;
  const auto& backend = db_.extra(id).backend;
  // PUT /attachments/{id}: cinder-api makes an RPC call into cinder-volume's executor; when it times
  // out cinder-api answers 500 and Nova retries, up to 5 attempts with no back-off
  // (nova/volume/cinder.py::attachment_update, @retrying on 500/504).
  for (int attempt = 1; attempt <= 5; ++attempt) {
    api_call(caller, Route::AttachmentUpdate, 2);
    if (backend.empty()) return {true, ""};
    auto* mgr = managers_.at(backend).get();
    if (mgr->attachment_update(caller.request, p_.rpc_response_timeout, caller.parent))
      return {true, mgr->driver_volume_type()};
  }
  return {};
}

void Cinder::attach_complete(const infra::Caller& caller, const std::string& id) {
  api_call(caller, Route::AttachmentComplete, 2);
  if (auto* v = db_.cloud.find_volume(id)) {
    v->status = sem::volume_status::kInUse;
    v->attached_to.push_back("server");
  }
}

void Cinder::detach(const infra::Caller& caller, const std::string& id, const std::string& server) {
  api_call(caller, Route::AttachmentDelete, 2);
  if (auto* v = db_.cloud.find_volume(id)) {
    v->attached_to.clear();
    if (v->status == sem::volume_status::kInUse || v->status == sem::volume_status::kReserved ||
        v->status == sem::volume_status::kAttaching)
      v->status = sem::volume_status::kAvailable;
  }
}

void Cinder::release_quota(const std::string& volume_id) {
  const auto* v = db_.cloud.find_volume(volume_id);
  const auto& ex = db_.extra(volume_id);
  if (!v || ex.cache_entry) return;  // cache entries belong to the internal tenant
  auto& use = db_.cinder_usage[v->project];
  use.volumes -= 1;
  use.gigabytes -= v->size_gb;
  const std::string type = v->volume_type.empty() ? db_.cloud.default_volume_type : v->volume_type;
  use.volumes_per_type[type] -= 1;
  use.gigabytes_per_type[type] -= v->size_gb;
}

void Cinder::allocate_capacity(const std::string& backend, int size_gb) {
  for (auto& c : capacity_)
    if (c.name == backend) {
      c.provisioned_gb += size_gb;
      if (!c.thin) c.free_gb -= size_gb;
    }
}

void Cinder::free_capacity(const std::string& backend, int size_gb) {
  for (auto& c : capacity_)
    if (c.name == backend) {
      c.provisioned_gb -= size_gb;
      if (!c.thin) c.free_gb += size_gb;
    }
}

}  // namespace bfv::cinder

// Cinder: cinder-api (validation, quota reservation per volume type, volume rows), cinder-scheduler
// (CapacityFilter + CapacityWeigher, capacity consumed in memory) and one cinder-volume manager per
// backend (RPC executor pool shared by creates and attachment updates; create-from-image paths:
// RBD clone, image-volume cache, generic download + convert + write; delete with volume_clear).
//
// Callers (nova-compute, the workload driver) use the API methods below; each runs in the caller's
// actor and costs the HTTP round trip. Work after a cast runs in the backend's worker pool.
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/cinder/capacity.hpp"
#include "models/cinder/params.hpp"
#include "models/cinder/protocol.hpp"
#include "models/glance/glance.hpp"
#include "models/infra/net.hpp"
#include "models/semantics/server_create.hpp"
#include "models/state.hpp"
#include "core/engine/worker_pool.hpp"

namespace bfv::cinder {

class VolumeManager;

// What PUT /attachments/{id} answers the model reads: whether it succeeded, and the connection
// info's `driver_volume_type` (cinder/volume/drivers/lvm.py: "iscsi"; drivers/rbd.py: "rbd"), which
// tells nova-compute whether os-brick has a host-side connection to make.
struct AttachResult {
  bool ok = false;
  std::string driver_volume_type;  // "" when the volume has no backend (never scheduled)
};

class Cinder {
 public:
  Cinder(SimContext& ctx, infra::Net& net, CloudDb& db, glance::Glance& glance, const Params& p);
  // Each backend's capacity as cinder-scheduler sees it (read by the end-of-run invariant check).
  const std::vector<BackendCapacity>& capacity() const { return capacity_; }
  ~Cinder();

  struct CreateResult {
    sem::CinderVerdict verdict;  // 202 or Cinder's 400/404/413
    std::string volume_id;
  };
  // POST /volumes (cinder-api), then cast to cinder-scheduler -> cinder-volume. Returns after the 202.
  CreateResult create_volume(const infra::Caller& caller, const VolumeCreate& body);
  // GET /volumes/{id}: the status string.
  std::string get_status(const infra::Caller& caller, const std::string& id);
  // DELETE /volumes/{id}: false (400 InvalidVolume) when the status does not allow it.
  bool delete_volume(const infra::Caller& caller, const std::string& id);
  // POST /attachments without a connector: the volume is `reserved` (nova-api for existing volumes,
  // _create_volume on the compute, the conductor on a reschedule).
  void attachment_create(const infra::Caller& caller, const std::string& id, const std::string& server);
  // PUT /attachments/{id} with the connector: an RPC call into the backend's executor pool (export
  // creation). `ok` false when the call timed out (rpc_response_timeout) on every retry.
  AttachResult attach(const infra::Caller& caller, const std::string& id, const std::string& server);
  // os-complete: volume in-use.
  void attach_complete(const infra::Caller& caller, const std::string& id);
  // DELETE /attachments/{id}: volume available again.
  void detach(const infra::Caller& caller, const std::string& id, const std::string& server);

  // Attachment API for attach / detach on a running server (cinder/volume/api.py; the flow and
  // the statuses are in models/semantics/volume_attach.hpp). Each costs the HTTP round trip.
  // POST /attachments without connector (_attachment_reserve): available -> reserved.
  void attachment_reserve(const infra::Caller& caller, const std::string& id);
  // PUT /attachments/{id} with the connector: reserved -> attaching, then the RPC call into
  // cinder-volume that creates the export; Nova retries a 500 (timeout) up to 5 times. `ok` false if all failed.
  AttachResult attachment_update_connector(const infra::Caller& caller, const std::string& id);
  // POST /attachments/{id}/action os-complete: attaching -> in-use, attached to `server`.
  void attachment_complete_for(const infra::Caller& caller, const std::string& id, const std::string& server);
  // POST /volumes/{id}/action os-begin_detaching: in-use -> detaching.
  void begin_detaching(const infra::Caller& caller, const std::string& id);
  // DELETE /attachments/{id}: RPC call into cinder-volume (remove_export, terminate_connection),
  // then detaching -> available when no attachment is left.
  void attachment_delete(const infra::Caller& caller, const std::string& id, const std::string& server);

  void set_backend_up(const std::string& backend, bool up);
  const Params& params() const { return p_; }
  // When a backend_up fault brings each backend back (s; set by the run from the scenario's faults):
  // a backend down with none still to come stays down for good.
  std::map<std::string, std::vector<double>> backend_up_at;

  // Used by the volume managers.
  SimContext& ctx() { return ctx_; }
  infra::Net& net() { return net_; }
  CloudDb& db() { return db_; }
  glance::Glance& glance() { return glance_; }
  void release_quota(const std::string& volume_id);
  void free_capacity(const std::string& backend, int size_gb);
  // A volume cinder-volume makes itself (an image-volume cache entry) occupies its backend too.
  void allocate_capacity(const std::string& backend, int size_gb);

 private:
  sg4::Host* api_host() const { return ctx_.platform.controller; }
  // cinder-api as a sender (its casts leave from the controller), cinder-scheduler's copy `sched`.
  infra::Address<ApiService> api_endpoint() const { return {api_host(), api_track_}; }
  infra::Address<SchedulerService> scheduler_endpoint(const infra::Service& sched) const {
    return {sched.host(), sched_track_};
  }
  // One cinder-api request; false when it failed with HTTP 500 (a database pool timeout).
  bool api_call(const infra::Caller& caller, Route route, int queries);
  SimContext& ctx_;
  infra::Net& net_;
  CloudDb& db_;
  glance::Glance& glance_;
  Params p_;
  uint32_t api_track_, sched_track_;
  std::vector<BackendCapacity> capacity_;
  std::map<std::string, std::unique_ptr<VolumeManager>> managers_;
  std::map<std::string, Shared<nlohmann::json>> image_metadata_;  // volume_image_metadata by image id
  // create_volume casts to cinder-scheduler, one job each; unlimited as before, pooled only to
  // reuse actors (core/engine/worker_pool.hpp)
  WorkerPool scheduler_;
};

// cinder-volume@backend.
class VolumeManager {
 public:
  VolumeManager(Cinder& cinder, const CinderBackendSpec& spec, const Params& p);

  void create(int request, const std::string& volume_id, const std::optional<std::string>& image_id,
              const std::optional<std::string>& snapshot_id);
  // RPC call: runs export creation in a pool slot; false if not answered within the timeout.
  bool attachment_update(int request, double timeout_s, int32_t parent = -1);
  // RPC call answered after `seconds` of work in a pool slot (remove_export on attachment_delete).
  bool export_call(int request, VolumeCall call, double timeout_s, double seconds, int32_t parent = -1);
  // connection_info['driver_volume_type'] of this backend's volumes.
  const char* driver_volume_type() const { return spec_.driver == CinderDriver::Lvm ? "iscsi" : "rbd"; }
  void remove(int request, const std::string& volume_id);

  const CinderBackendSpec& spec() const { return spec_; }
  uint32_t track() const { return track_; }
  infra::Address<VolumeService> endpoint() const;
  // This cinder-volume working for `request` under span `parent`: what its spans are filed with.
  infra::Caller caller(int request, int32_t parent) const { return {request, endpoint(), parent}; }
  bool up = true;

 private:
  // p_.volume_op_cpu of this backend's cinder-volume process (one core, queued); nothing when 0.
  void volume_cpu(int request, int32_t parent);
  // `seconds` of wall time holding this backend's cinder-volume process (a librados call on eventlet's
  // hub, RBD only): queued with volume_cpu's steps; a span `label` on `hub:cinder-volume@<backend>`.
  void hub_hold(int request, int32_t parent, double seconds, const char* label);
  infra::Service* process_ = nullptr;
  void do_create(int request, const std::string& volume_id, const std::optional<std::string>& image_id,
                 const std::optional<std::string>& snapshot_id, double t_cast);
  void from_image(int request, int32_t parent, const std::string& vid, int size_gb, const sem::Image& img);
  void generic_path(int request, int32_t parent, const std::string& vid, const sem::Image& img, double size_bytes);
  void clone_volume(int request, int32_t parent, double size_bytes);
  void set_status(const std::string& volume_id, std::string_view status);
  bool cache_enabled() const;
  void wait_up(int request, int32_t parent);
  void cache_ensure_space(int size_gb);

  Cinder& cinder_;
  CinderBackendSpec spec_;
  Params p_;
  uint32_t track_;
  WorkerPool pool_;
  std::map<std::string, simgrid::s4u::MutexPtr> image_lock_ptrs_;
  std::map<std::string, std::string> cache_;  // image id -> cache volume id
  // image_conversion_dir: downloads writing into it, and downloaded files waiting for/under conversion.
  struct Download {
    double t0 = 0, bytes = 0, written = 0;
    bool chunked = false;  // written is counted chunk by chunk (the directory could fill)
  };
  std::map<uint64_t, Download> downloads_;  // by download number (ordered: deterministic)
  uint64_t next_download_ = 0;
  double parked_bytes_ = 0;              // finished downloads not yet converted
  double conversion_bytes_used() const;  // what shutil.disk_usage would count as used now
  void fail_volume(const std::string& volume_id, const std::string& why);
  bool check_available_space(const std::string& volume_id, const sem::Image& img);
  void throttled_copy(int request, int32_t parent, platform::Disk* src, platform::Disk* dst, double bytes,
                      const char* what);
};

}  // namespace bfv::cinder

// Nova: nova-api (semantics library verdict, quota, 202), nova-conductor (schedule, build request,
// reschedules over alternates), nova-scheduler + placement (scheduler.hpp), and nova-compute on
// every node (build slots, claim, _prep_block_device with Cinder's poll loop, attach, spawn,
// image cache for image-backed boots, delete with delete_on_termination).
// Flow and knobs: docs/timing-model.md; every constant in params.hpp (docs/configuration.md).
#pragma once
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <simgrid/s4u/Mutex.hpp>

#include "core/shared.hpp"
#include "models/cinder/cinder.hpp"
#include "models/glance/glance.hpp"
#include "models/infra/net.hpp"
#include "models/nova/params.hpp"
#include "models/nova/protocol.hpp"
#include "models/nova/scheduler.hpp"
#include "models/nova/vm_state.hpp"
#include "models/semantics/server_create.hpp"
#include "models/semantics/volume_attach.hpp"
#include "models/state.hpp"
#include "core/engine/worker_pool.hpp"

namespace bfv::nova {

struct Instance {
  int request = -1;
  std::string uuid, name, project;
  Shared<sem::Flavor> flavor;           // one value shared by the instances of one flavor (Nova::create_server)
  Shared<std::vector<sem::Bdm>> bdms;   // read-only after the API: shared by the requests of one body
  std::vector<std::string> volume_ids;  // per BDM: the Cinder volume it uses ("" if none yet)
  std::vector<bool> attached;           // per BDM: attachment completed (volume in-use)
  std::vector<bool> attachment;         // per BDM: a Cinder attachment record exists (reserved or in-use)
  bool allocate_network = true;         // false for "networks": "none"
  bool network_allocated = false;       // ports allocated on the current host
  bool bfv = false;
  std::optional<std::string> image_ref;
  std::string availability_zone;
  std::vector<size_t> hosts;  // selected host then alternates
  size_t attempt = 0;
  int host = -1;  // compute index it is on
  VmState vm_state = VmState::Building;
  std::vector<std::string> attached_volumes;  // attached after the boot (os-volume_attachments), BDM rows present
  // connection_info['driver_volume_type'] of each attached volume, as attachment_update answered it
  // (the BDM's connection_info upstream): what os-brick connects and disconnects on the host. Only
  // "iscsi" costs os-brick work, so only the iSCSI volumes are kept (a map node per volume was ~160
  // bytes per request at a million; issue 16 item 4).
  std::vector<std::string> iscsi_volumes;
  void set_driver_volume_type(const std::string& vid, const std::string& type) {
    forget_driver_volume_type(vid);
    if (type == "iscsi") iscsi_volumes.push_back(vid);
  }
  bool is_iscsi(const std::string& vid) const {
    return std::find(iscsi_volumes.begin(), iscsi_volumes.end(), vid) != iscsi_volumes.end();
  }
  void forget_driver_volume_type(const std::string& vid) {
    iscsi_volumes.erase(std::remove(iscsi_volumes.begin(), iscsi_volumes.end(), vid), iscsi_volumes.end());
  }
  bool terminal = false;
  bool deleting = false;  // task_state deleting: DELETE accepted, not finished
  // nova-compute's per-instance lock (@utils.synchronized(instance.uuid) around do_attach_volume,
  // do_detach_volume and do_terminate_instance, nova/compute/manager.py): made when first needed,
  // dropped after the terminate (a lock per instance of a 1M-server run would cost ~150 MB).
  simgrid::s4u::MutexPtr lock;
  simgrid::s4u::MutexPtr compute_lock() {
    if (!lock) lock = simgrid::s4u::Mutex::create();
    return lock;
  }
};

class ComputeNode;

// How an instance's volumes are cleaned up (nova/compute/manager.py::_cleanup_volumes and its callers):
//  - AfterShutdown: terminate_instance (_shutdown_instance deletes every attachment, then
//    _cleanup_volumes(detach=False)), and a local delete from nova-api
//    (nova/compute/api.py::_local_cleanup_bdm_volumes) the same way: every attachment deleted, the
//    volumes attached after the boot detached (never deleted), then the volumes
//    sem::on_server_delete deletes (delete_on_termination);
//  - PerBdm: _do_build_and_run_instance after a BuildAbortException, _cleanup_volumes(detach=True):
//    BDM by BDM, its attachment deleted, then its volume when delete_on_termination (pre-existing
//    volumes included). Errors are only logged upstream.
enum class Cleanup { AfterShutdown, PerBdm };
void cleanup_volumes(cinder::Cinder& cinder, Instance& inst, const infra::Caller& caller, Cleanup how);

class Nova {
 public:
  Nova(SimContext& ctx, infra::Net& net, CloudDb& db, glance::Glance& glance, cinder::Cinder& cinder, const Params& p);
  ~Nova();

  // POST /servers arriving at nova-api now. Runs in the caller's actor until the API answers.
  // Returns the request ids it created (one per instance when max_count > 1; the first is `request`).
  std::vector<int> create_server(int request, const nlohmann::json& body, const std::string& microversion,
                                 const std::string& project);
  // DELETE /servers/{id}. Runs in the caller's actor until the delete is done. `api_done`: the
  // API's handling already happened (delete_server_async).
  void delete_server(int request, bool api_done = false);
  // DELETE /servers/{id} from `client`, answered 204 once nova-api has handled it (the HTTP round
  // trip through a nova-api worker); the terminate goes on in an actor of its own, the client learns
  // its end by polling show_server (Rally's server.delete()). False: 404, no such server.
  bool delete_server_async(int request, infra::Endpoint client);
  // GET /servers/{id} from `caller` (nova/api/openstack/compute/servers.py::ServersController.show),
  // through a nova-api worker with one instance query: the status the API shows, "BUILD", "ACTIVE"
  // or "ERROR" (nova/api/openstack/common.py::status_from_state), "" for a 404 (deleted or unknown).
  std::string show_server(const infra::Caller& caller, int request);
  void set_compute_up(size_t compute, bool up);
  // POST /servers/{id}/os-volume_attachments (`server_request` is the server's request id), from
  // `client`. Runs in the caller's actor until the API answers 200 (after reserve_block_device_name
  // and Cinder's attachment reserve); the compute attaches afterwards (cast). See volume_attach.cpp.
  sem::AttachVerdict attach_volume(int server_request, const std::string& volume_id, infra::Endpoint client);
  // DELETE /servers/{id}/os-volume_attachments/{volume_id}: 202 after begin_detaching; the compute detaches (cast).
  sem::AttachVerdict detach_volume(int server_request, const std::string& volume_id, infra::Endpoint client);
  // End of run: every request's per-BDM volume ids into its RequestRecord (for `expect:`), moved out
  // of the instances: call it after anything that reads them (sim/runtime/run.cpp).
  void record_bdm_volumes();
  // fault spawn_fail / spawn_ok: every spawn on the compute raises `error` ("" = spawns work again)
  void set_spawn_error(size_t compute, const std::string& error);
  // Called once per request when it reaches ACTIVE, ERROR or REJECTED (the workload's `then:` hooks here).
  std::function<void(int request)> on_terminal;

  // used by ComputeNode
  SimContext& ctx() { return ctx_; }
  infra::Net& net() { return net_; }
  CloudDb& db() { return db_; }
  glance::Glance& glance() { return glance_; }
  cinder::Cinder& cinder() { return cinder_; }
  const Params& params() const { return p_; }
  Placement& placement() { return placement_; }
  // The services' addresses (nova-api, the conductor and the scheduler's copies run on the controller).
  infra::Address<ApiService> api_endpoint() const { return {api_host(), api_track_}; }
  infra::Address<ConductorService> conductor_endpoint() const { return {api_host(), conductor_track_}; }
  infra::Address<SchedulerService> scheduler_endpoint(const infra::Service& copy) const {
    return {copy.host(), scheduler_track_};
  }
  void build_failed(Instance& inst, const std::string& fault, bool reschedule);
  void build_active(Instance& inst);
  Instance* instance(int request);
  // Every instance, by request id (the end-of-run invariant check reads them: sim/runtime/invariants.hpp).
  const std::map<int, std::unique_ptr<Instance>>& instances() const { return instances_; }
  size_t compute_count() const { return computes_.size(); }

 private:
  void conductor_build(Instance& inst);
  std::string msg_id(int request);
  void cast_to_compute(Instance& inst);
  void finish(Instance& inst, FinalStatus final_status, const std::optional<std::string>& fault);
  sg4::Host* api_host() const { return ctx_.platform.controller; }

  SimContext& ctx_;
  infra::Net& net_;
  CloudDb& db_;
  glance::Glance& glance_;
  cinder::Cinder& cinder_;
  Params p_;
  uint32_t api_track_, conductor_track_, scheduler_track_, placement_track_;
  Placement placement_;
  std::vector<std::unique_ptr<ComputeNode>> computes_;
  std::map<int, std::unique_ptr<Instance>> instances_;  // by request id
  // schedule_and_build_instances casts, one job each; unlimited like the conductor's workers times
  // executor_thread_pool_size in practice, pooled only to reuse actors (core/engine/worker_pool.hpp)
  WorkerPool conductor_;
  // the last request's normalized BDMs and their JSON text, shared by the instances and records of
  // every request with the same list (a storm's: core/shared.hpp)
  Shared<std::vector<sem::Bdm>> last_bdms_;
  Shared<std::string> last_bdms_json_;
  Shared<sem::Flavor> last_flavor_;  // the flavor of the last create (instances of one flavor share it)
};

// nova-compute on one node.
class ComputeNode {
 public:
  // `cpu_s` of this compute's nova-compute process (one core, queued); nothing when cpu_s is 0.
  void compute_cpu(int request, int32_t parent, double cpu_s);
  // `n` librados clients of the libvirt RBD image backend, each holding this compute's nova-compute
  // process for `rados_connect_time` (queued one by one behind its other work); nothing when that is 0.
  void rados_clients(int request, int32_t parent, int n);
  ComputeNode(Nova& nova, size_t index, sg4::Host* host, platform::Disk* disk);
  // build_and_run_instance cast arrived: queue for a build slot (max_concurrent_builds).
  void build_and_run(Instance& inst);
  void terminate(Instance& inst, int32_t parent);
  // The compute's half of attach / detach (casts from nova-api; models/nova/volume_attach.cpp).
  void attach_volume(Instance& inst, const std::string& volume_id);
  void detach_volume(Instance& inst, const std::string& volume_id);
  bool up = true;
  std::string spawn_error;  // fault `spawn_fail`: the libvirt error every spawn on this host raises ("" = none)
  sg4::Host* host() const { return host_; }
  uint32_t track() const { return track_; }
  infra::Address<ComputeService> endpoint() const { return {host_, track_}; }
  // This compute as the sender of a request's calls, from inside span `parent`.
  infra::Caller caller(const Instance& inst, int32_t parent) const { return {inst.request, endpoint(), parent}; }

 private:
  infra::Service* process_ = nullptr;  // nova-compute's process, once compute_cpu charged it
  void build(Instance& inst, double t_enqueued);
  bool prep_block_devices(Instance& inst, int32_t parent);
  bool wait_for_volume(Instance& inst, size_t bdm, const std::string& volume_id, int32_t parent);
  // BuildAbortException: networks and volumes cleaned as _do_build_and_run_instance does (shutdown:
  // the failure happened after the guest was defined, so _shutdown_instance ran first).
  void abort_build(Instance& inst, const std::string& fault, int32_t parent, bool shutdown);
  void reschedule_after_spawn_failure(Instance& inst, const std::string& reason);
  void shutdown_instance(Instance& inst, int32_t parent);
  void cleanup_allocated_networks(Instance& inst, int32_t parent);
  void image_cache(Instance& inst, int32_t parent);

  Nova& nova_;
  size_t index_;
  sg4::Host* host_;
  platform::Disk* disk_;
  uint32_t track_;
  WorkerPool builds_;
  // Event-log resource names of this node, built once (a build logs a dozen spans against them).
  std::string res_libvirt_, res_claim_lock_, res_build_queue_, res_os_brick_, res_base_lock_, res_disk_ops_;
  sg4::SemaphorePtr disk_ops_;  // [compute] max_concurrent_disk_ops (null = unlimited)
  void disk_op_acquire(Instance& inst, int32_t parent);
  void disk_op_release();
  std::map<std::string, sg4::MutexPtr> image_locks_;  // imagebackend.Image.cache file lock per base image
  std::map<std::string, bool> cached_;                // base images present in _base
};

}  // namespace bfv::nova

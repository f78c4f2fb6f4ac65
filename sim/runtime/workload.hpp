// The workload driver: turns the scenario's request streams into arrivals (burst, constant,
// Poisson, ramp, and Rally's runners constant / rps / constant_for_duration / serial), submits
// each to nova-api (or Glance), and applies the stream's `then:` (keep, delete after a delay,
// delete when all are up). Open-loop arrivals are spawned by one driver actor at their time;
// Rally's closed-loop runners keep `concurrency` workers each waiting for its iteration to end.
#pragma once
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/glance/glance.hpp"
#include "models/nova/nova.hpp"
#include "models/state.hpp"
#include "sim/scenario/scenario.hpp"

namespace bfv {

// Rally's client-side waits: rally-openstack's [openstack] options and their defaults
// (rally_openstack/common/cfg/nova.py, cinder.py), in seconds.
inline constexpr double kRallyBootPrepoll = 1,  // nova_server_boot_prepoll_delay
    kRallyPollInterval = 2,     // nova_server_boot/delete_poll_interval, cinder_volume_create/delete_poll_interval
    kRallyBootTimeout = 300,    // nova_server_boot_timeout
    kRallyDeleteTimeout = 300,  // nova_server_delete_timeout
    kRallyVolumePrepoll = 2,    // cinder_volume_create_prepoll_delay
    kRallyVolumeTimeout = 600,  // cinder_volume_create_timeout (and cinder_volume_delete_timeout)
    // NovaScenario._attach_volume waits for in-use with nova_server_resize_revert_timeout and
    // _poll_interval (rally_openstack/task/scenarios/nova/utils.py), _detach_volume with
    // nova_detach_volume_timeout / _poll_interval.
    kRallyAttachTimeout = 200, kRallyAttachPoll = 2, kRallyDetachTimeout = 200, kRallyDetachPoll = 2;
class Workload {
 public:
  Workload(SimContext& ctx, const Scenario& s, nova::Nova& nova, glance::Glance& glance, CloudDb& db, bool progress);
  void drive();                // body of the driver actor
  void terminal(int request);  // a request reached ACTIVE / ERROR / REJECTED
  void finalize();             // after the engine stops: anything not terminal is reported as such

  // Arrival times (s) of an open-loop stream; exposed for tests.
  static std::vector<double> arrivals(const ArrivalSpec& a, int count, std::mt19937_64& rng);

 private:
  struct Pending {
    simgrid::s4u::SemaphorePtr done;
  };
  int new_request(const StreamSpec& st, int k);
  void submit(size_t stream, int k, const nlohmann::json* body = nullptr);  // runs in a request actor
  void iteration(size_t stream, int k);  // closed loop: submit and wait for the end (incl. delete)
  // Rally task workloads (sim/runtime/rally_iteration.cpp): run one after another; each iteration
  // runs the scenario's atomic actions as rally-openstack does; `volume:` streams reuse the steps.
  void rally_task(std::vector<size_t> streams);
  void rally_workload(size_t stream);
  void rally_iteration(size_t stream, int k);
  void after_terminal(int request);
  void progress_tick();

  SimContext& ctx_;
  const Scenario& s_;  // the workload streams, end_after, the options the client side reads
  nova::Nova& nova_;
  glance::Glance& glance_;
  CloudDb& db_;
  bool progress_;
  std::map<int, size_t> stream_of_;  // request -> stream index
  std::map<int, simgrid::s4u::SemaphorePtr> waiters_;
  std::vector<int> remaining_up_;  // per stream: requests not yet terminal (delete_when_all_up)
  std::vector<std::vector<int>> stream_requests_;
  size_t done_ = 0, total_ = 0;
  double last_progress_ = -1;
  // Open-loop arrivals run in pooled actors (reused, core/engine/worker_pool.hpp), unlimited: each
  // starts at its arrival time as if spawned then. A command line is parsed in the request's actor
  // (std::regex: ~52 KiB deep), a JSON body needs ~20 KiB: hence two stack classes.
  WorkerPool requests_, requests_cli_, rally_iterations_;
};

}  // namespace bfv

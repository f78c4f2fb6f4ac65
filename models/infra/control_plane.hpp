// Control-plane services as contended resources (nova-api, nova-conductor, nova-scheduler,
// placement-api, cinder-api, cinder-scheduler, glance-api), the database and the message broker.
//
// A service is `workers` processes on its host, each with `threads` greenthreads (a WSGI pool or an
// oslo.messaging executor) and its own SQLAlchemy QueuePool. A request first needs a greenthread;
// its CPU then runs on one of the processes (a Python process runs one greenthread at a time: at most
// `workers` of a service's requests are on a core at once) as a SimGrid Exec on the host, so every
// service on a controller competes for its cores; its queries hold a pooled connection
// (max_pool_size + max_overflow per process, pool_timeout to get one) and cost CPU on the database
// host. Waiting for a greenthread or a process is a Wait span on `queue:<service>`; waiting for a
// connection one on `queue:db-pool@<service>`. A caller with a deadline (an RPC call's timeout)
// gives up when it passes while the request still waits: oslo.messaging's "Timed out waiting for a
// reply" emerges from the queue, not from a rule.
#pragma once
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "models/infra/params.hpp"
#include "core/engine/sim_context.hpp"

namespace bfv::infra {

// Control-plane CPU steps in flight per controller host (see run_on).
using HostLoad = std::unordered_map<sg4::Host*, int>;

// A counting semaphore with FIFO waiters, kept in user space: taking a free slot costs no SimGrid
// simcall (on a 10k storm almost every take is uncontended); only a waiter blocks, on its own
// SimGrid semaphore, with an optional deadline.
class Slots {
 public:
  explicit Slots(long n) : free_(n) {}
  // false when `deadline` (absolute simulated s) passed first
  bool take(double deadline = std::numeric_limits<double>::infinity());
  void give();
  bool would_block() const { return free_ <= 0 || !waiters_.empty(); }

 private:
  struct Waiter {
    sg4::SemaphorePtr sem = sg4::Semaphore::create(0);
    bool granted = false, gave_up = false;
  };
  long free_;
  std::deque<std::shared_ptr<Waiter>> waiters_;
};

class Service {
 public:
  Service(SimContext& ctx, HostLoad& load, std::string name, sg4::Host* host, sg4::Host* db_host,
          const ServiceParams& p, int default_workers, double db_query_time);

  enum class Outcome { Ok, Timeout, DbPoolTimeout };
  // One request handled by this service: a greenthread, `cpu_s` of one core on one of its processes,
  // then `queries` queries through the process's connection pool. `deadline` (absolute simulated s)
  // bounds the wait for a worker (an RPC caller's timeout); work that has started always finishes.
  Outcome handle(int request, uint32_t track, int32_t parent, double cpu_s, int queries,
                 double deadline = std::numeric_limits<double>::infinity());

  // `seconds` of wall time during which this service's process runs nothing else, and no CPU: a call
  // that blocks a whole eventlet process (a C library call not routed through eventlet's tpool, e.g.
  // librados `connect()` in cinder's RBD driver before cinder 063409623). Takes a greenthread and a
  // process as handle() does (the wait is a Wait span on `queue:<name>`); the hold itself is an
  // Activity span named `label` on `resource`.
  void hold(int request, uint32_t track, int32_t parent, double seconds, uint32_t label, uint32_t resource);

  const std::string& name() const { return name_; }
  sg4::Host* host() const { return host_; }
  int workers() const { return workers_; }
  int threads() const { return threads_; }
  double db_query_time() const { return db_query_time_; }
  // The error SQLAlchemy raises when no connection came within pool_timeout (sqlalchemy/pool/impl.py::QueuePool._do_get).
  std::string pool_timeout_error() const;

  // Totals for the run summary.
  uint64_t requests = 0, waited = 0, timeouts = 0, pool_timeouts = 0;
  int in_flight = 0;
  double wait_s = 0, max_wait_s = 0, cpu_s = 0;

 private:
  SimContext& ctx_;
  HostLoad* load_;
  std::string name_;
  sg4::Host* host_;
  sg4::Host* db_host_;
  int workers_, threads_;
  double db_query_time_, pool_timeout_;
  int max_pool_size_, max_overflow_;
  Slots greenthreads_, processes_, connections_;
  uint32_t queue_name_ = 0, queue_res_ = 0, cpu_name_ = 0, cpu_res_ = 0, db_name_ = 0, db_res_ = 0, pool_res_ = 0,
           svc_res_ = 0;
};

// The message broker (RabbitMQ): every RPC message costs `rabbit_hop_time` of one core on the broker
// host (an Exec, so a busy controller slows its messages).
class Broker {
 public:
  Broker(HostLoad& load, sg4::Host* host, double cpu_s) : load_(&load), host_(host), cpu_s_(cpu_s) {}
  void message();
  // The message's CPU when the broker host has more than half its cores free (then it cannot be
  // slowed, and the caller folds it into its latency wait); 0 after running it as an Exec otherwise.
  double message_inline();
  sg4::Host* host() const { return host_; }
  uint64_t messages = 0;

 private:
  HostLoad* load_;
  sg4::Host* host_;
  double cpu_s_;
};

// The services of one cloud. Hosts: one controller runs them all (glance-api runs on the Glance host); three controllers (behind a load
// balancer, as kolla-ansible and openstack-helm deploy) run every service on each, and a request goes
// to the controller whose copy has the fewest requests in flight (haproxy `balance leastconn`-like);
// the database (Galera, writes to one node) and the broker run on the first controller.
struct ControlPlane {
  std::unique_ptr<HostLoad> load;
  std::unique_ptr<Broker> broker;
  std::vector<std::unique_ptr<Service>> nova_api, nova_conductor, nova_scheduler, placement_api, cinder_api,
      cinder_scheduler, glance_api;
  sg4::Host* db_host = nullptr;
  // Single-process services away from the controllers: nova-compute on each compute, cinder-volume
  // per backend. One Python process runs one greenthread at a time (eventlet under the GIL), so their
  // per-operation CPU steps queue for that one process (`queue:<name>`); greenthreads are not bounded
  // here (nova-compute spawns a greenthread per build; cinder-volume's executor is modelled apart).
  // Created on first use, only when a per-operation CPU constant is set.
  std::vector<std::unique_ptr<Service>> processes;
  Service& process(SimContext& ctx, const std::string& name, sg4::Host* host);
  // All services, for the summary.
  std::vector<Service*> all() const;
};
ControlPlane build_control_plane(SimContext& ctx, const Params& p, const std::vector<sg4::Host*>& controllers,
                                 sg4::Host* glance);
// The copy of a service that takes the next request: fewest requests in flight, first on ties.
Service& pick(const std::vector<std::unique_ptr<Service>>& copies);

// Runs `seconds` of one core of `host` from the calling actor: an Exec placed on that host, sharing
// its cores with every other step, once more than half of them are busy; below that a timed wait of
// the same length (see control_plane.cpp).
void run_on(HostLoad& load, sg4::Host* host, double seconds);

}  // namespace bfv::infra

// Messaging, database and control-plane service costs. Scenario: config.infra.<option>; the
// per-service worker and pool options sit under their own service's config section with their real
// names (config.nova.DEFAULT.osapi_compute_workers, config.nova.database.max_pool_size, ...) and are
// declared in that service's describe() (models/nova/params.hpp, ...), which binds them to the
// fields here. Every field: unit, default, source (docs/configuration.md, "Control plane").
#pragma once
#include "core/options.hpp"

namespace bfv::infra {

// One control-plane service: `workers` processes, each a single Python interpreter (one core at a
// time: eventlet greenthreads interleave, the GIL serializes CPU), each with `threads` greenthreads
// (WSGI pool or oslo.messaging executor) and its own SQLAlchemy QueuePool.
struct ServiceParams {
  int workers = 0;        // processes; 0 = the CPU count of its host (oslo_concurrency processutils.get_worker_count)
  int threads = 64;       // greenthreads per process
  int max_pool_size = 5;  // [database] max_pool_size; oslo_db/options.py
  int max_overflow = 50;  // [database] max_overflow; oslo_db/options.py
  double pool_timeout =
      30;  // s, [database] pool_timeout; oslo_db/options.py leaves it unset -> SQLAlchemy QueuePool timeout=30
  double db_query_time =
      -1;  // s of database CPU per query; < 0 = Params::db_query_time (nova's: [timing] db_write_time)
};

// A project's [database] options (oslo_db/options.py), shared by its services: each process has
// its own pool of this size.
struct Database {
  int max_pool_size = 5;     // connections per process, 0 = no limit
  int max_overflow = 50;     // connections per process, -1 = no limit
  double pool_timeout = 30;  // s; oslo_db/options.py leaves it unset -> SQLAlchemy QueuePool timeout=30
};

struct Params {
  double rabbit_hop_time = 0.0005;  // s of broker CPU per RPC message (enqueue+route+deliver), one core; assumed
  double http_overhead = 0.002;     // s per HTTP request/response (TLS, keystone token cache hit); assumed
  double db_query_time =
      0.003;  // s of database-host CPU per query (cinder, glance, placement); assumed (typical range 1–5 ms)
  // Services (defaults: see docs/configuration.md "Control plane"). Their workers and threads are
  // the options' homes, except the threads of nova-conductor, nova-scheduler and cinder-scheduler
  // and every service's pool, which resolved() fills from the options below.
  ServiceParams nova_api{0, 1000};        // [DEFAULT] osapi_compute_workers, [wsgi] default_pool_size
  ServiceParams nova_conductor{0, 64};    // [conductor] workers, [DEFAULT] executor_thread_pool_size
  ServiceParams nova_scheduler{0, 64};    // [scheduler] workers
  ServiceParams placement_api{0, 1};      // uwsgi --processes / --threads (placement has no option of its own)
  ServiceParams cinder_api{0, 1000};      // [DEFAULT] osapi_volume_workers
  ServiceParams cinder_scheduler{1, 64};  // one process (cinder-scheduler has no workers option)
  ServiceParams glance_api{0, 1000};      // [DEFAULT] workers (default min(CPU count, 8))
  // nova.conf [DEFAULT] executor_thread_pool_size: greenthreads of each conductor and scheduler process
  int nova_executor_thread_pool_size = 64;
  Database nova_database, cinder_database, glance_database, placement_database;

  // The services as the control plane builds them: each project's [database] options in its
  // services' pools, the executor sizes as their greenthreads (cinder-scheduler: cinder.conf's
  // executor_thread_pool_size, held by cinder::Params), and nova's services querying the database
  // at `nova_db_query_time` (nova.conf [timing] db_write_time) unless set per service.
  Params resolved(int cinder_executor_thread_pool_size, double nova_db_query_time) const {
    Params r = *this;
    auto pool = [](ServiceParams& sp, const Database& db) {
      sp.max_pool_size = db.max_pool_size;
      sp.max_overflow = db.max_overflow;
      sp.pool_timeout = db.pool_timeout;
    };
    for (auto* sp : {&r.nova_api, &r.nova_conductor, &r.nova_scheduler}) {
      pool(*sp, nova_database);
      if (sp->db_query_time < 0) sp->db_query_time = nova_db_query_time;
    }
    r.nova_conductor.threads = r.nova_scheduler.threads = nova_executor_thread_pool_size;
    pool(r.placement_api, placement_database);
    pool(r.cinder_api, cinder_database);
    pool(r.cinder_scheduler, cinder_database);
    r.cinder_scheduler.threads = cinder_executor_thread_pool_size;
    pool(r.glance_api, glance_database);
    return r;
  }
};

// config.infra: bfvsim's own costs (no ini file, no groups).
template <class D>
void describe(D& d, Params& p) {
  d.time("rabbit_hop_time", p.rabbit_hop_time,
         {"time",
          "assumed: RabbitMQ CPU per RPC message (enqueue, route, deliver), one core of the broker host (the first "
          "controller), on top of network latency"});
  d.time("http_overhead", p.http_overhead, {"time", "assumed (TLS, keystone token cache hit per HTTP call)"});
  d.time("db_query_time", p.db_query_time,
         {"time",
          "assumed (typical range 1–5 ms): database-host CPU per query of cinder, glance and placement (nova's use "
          "`nova.timing.db_write_time`)"});
}

// A project's [database] group (nova.conf [database], placement.conf [placement_database], ...).
template <class D>
void describe_database(D& d, Database& db, const char* used) {
  d.opt("max_pool_size", db.max_pool_size,
        {"connections per process, 0 = no limit", "oslo_db/options.py", used, 0, "at least 0 (0: no limit)"});
  d.opt("max_overflow", db.max_overflow,
        {"connections per process, -1 = no limit", "oslo_db/options.py", "yes", -1, "at least -1 (-1: no limit)"});
  d.opt("pool_timeout", db.pool_timeout,
        {"s", "oslo_db/options.py leaves it unset; SQLAlchemy QueuePool's default",
         "yes (a wait past it: \"QueuePool limit of "
         "size 5 overflow 50 reached, connection timed out, timeout 30.00\", HTTP 500 at the API)",
         0, "at least 0 s"});
}

}  // namespace bfv::infra

// Messaging, database and control-plane service costs. Scenario: config.infra.<option>; the
// per-service worker and pool options sit under their own service's config section with their real
// names (config.nova.DEFAULT.osapi_compute_workers, config.nova.database.max_pool_size, ...).
// Every field: unit, default, source (docs/configuration.md, "Control plane").
#pragma once

namespace bfv::infra {

// One control-plane service: `workers` processes, each a single Python interpreter (one core at a
// time: eventlet greenthreads interleave, the GIL serializes CPU), each with `threads` greenthreads
// (WSGI pool or oslo.messaging executor) and its own SQLAlchemy QueuePool.
struct ServiceParams {
  int workers = 0;          // processes; 0 = the CPU count of its host (oslo_concurrency processutils.get_worker_count)
  int threads = 64;         // greenthreads per process
  int max_pool_size = 5;    // [database] max_pool_size; oslo_db/options.py
  int max_overflow = 50;    // [database] max_overflow; oslo_db/options.py
  double pool_timeout = 30; // s, [database] pool_timeout; oslo_db/options.py leaves it unset -> SQLAlchemy QueuePool timeout=30
  double db_query_time = -1;// s of database CPU per query; < 0 = Params::db_query_time (nova's: [timing] db_write_time)
};

struct Params {
  double rabbit_hop_time = 0.0005;   // s of broker CPU per RPC message (enqueue+route+deliver), one core; assumed
  double http_overhead = 0.002;      // s per HTTP request/response (TLS, keystone token cache hit); assumed
  double db_query_time = 0.003;      // s of database-host CPU per query (cinder, glance, placement); assumed (typical range 1–5 ms)
  // Services (defaults: see docs/configuration.md "Control plane")
  ServiceParams nova_api{0, 1000};          // [DEFAULT] osapi_compute_workers, [wsgi] default_pool_size
  ServiceParams nova_conductor{0, 64};      // [conductor] workers, [DEFAULT] executor_thread_pool_size
  ServiceParams nova_scheduler{0, 64};      // [scheduler] workers
  ServiceParams placement_api{0, 1};        // uwsgi --processes / --threads (placement has no option of its own)
  ServiceParams cinder_api{0, 1000};        // [DEFAULT] osapi_volume_workers
  ServiceParams cinder_scheduler{1, 64};    // one process (cinder-scheduler has no workers option)
  ServiceParams glance_api{0, 1000};        // [DEFAULT] workers (default min(CPU count, 8))
};

}  // namespace bfv::infra

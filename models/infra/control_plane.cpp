#include "models/infra/control_plane.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

namespace bfv::infra {

void run_on(HostLoad& load, sg4::Host* host, double seconds) {
  if (seconds <= 0) return;
  int& n = load[host];
  ++n;
  if (2 * n <= host->get_core_count()) {
    // At most half the cores busy (this step included): it gets a whole core unless more than half
    // the cores' worth of steps start within its few milliseconds, so it runs as a timed wait (the
    // same duration; an Exec costs SimGrid ~3x more). Past that every step is an Exec sharing the cores.
    sg4::this_actor::sleep_for(seconds);
  } else {
    auto e = sg4::this_actor::exec_init(seconds * host->get_speed());
    e->set_host(host);
    e->start();
    e->wait();
  }
  --n;
}

double Broker::message_inline() {
  if (2 * ((*load_)[host_] + 1) <= host_->get_core_count()) {
    ++messages;
    return cpu_s_;
  }
  message();
  return 0;
}

void Broker::message() {
  ++messages;
  run_on(*load_, host_, cpu_s_);
}

Service::Service(SimContext& ctx, HostLoad& load, std::string name, sg4::Host* host, sg4::Host* db_host,
                 const ServiceParams& p, int default_workers, double db_query_time)
    : ctx_(ctx),
      load_(&load),
      name_(std::move(name)),
      host_(host),
      db_host_(db_host),
      workers_(p.workers > 0 ? p.workers : std::max(1, default_workers)),
      threads_(std::max(1, p.threads)),
      db_query_time_(db_query_time),
      pool_timeout_(p.pool_timeout),
      max_pool_size_(p.max_pool_size),
      max_overflow_(p.max_overflow),
      greenthreads_(static_cast<long>(workers_) * threads_),
      processes_(workers_),
      // max_pool_size 0 means no limit (oslo_db/options.py); a negative max_overflow too (SQLAlchemy QueuePool).
      connections_(p.max_pool_size <= 0 || p.max_overflow < 0
                       ? 1L << 40
                       : static_cast<long>(workers_) * (p.max_pool_size + p.max_overflow)) {
  auto& log = ctx.log();
  queue_name_ = log.intern("queue_wait");
  queue_res_ = log.intern("queue:" + name_);
  cpu_name_ = log.intern(name_);
  cpu_res_ = log.intern("cpu:" + host->get_name());
  db_name_ = log.intern("db_query");
  db_res_ = log.intern("cpu:" + db_host->get_name() + " (db)");
  pool_res_ = log.intern("queue:db-pool@" + name_);
  svc_res_ = log.intern("service:" + name_);
}

void Service::hold(int request, uint32_t track, int32_t parent, double seconds, uint32_t label, uint32_t resource) {
  if (seconds <= 0) return;
  ++requests;
  auto& log = ctx_.log();
  double t0 = ctx_.now();
  bool blocked = greenthreads_.would_block() || processes_.would_block();
  greenthreads_.take();
  processes_.take();
  if (blocked || ctx_.now() > t0) {
    double w = ctx_.now() - t0;
    ++waited;
    wait_s += w;
    max_wait_s = std::max(max_wait_s, w);
    log.end_span(log.begin_span(request, track, queue_name_, SpanKind::Wait, t0, parent, -1, queue_res_), ctx_.now());
  }
  double th = ctx_.now();
  sg4::this_actor::sleep_for(seconds);
  log.end_span(log.begin_span(request, track, label, SpanKind::Activity, th, parent, -1, resource), ctx_.now());
  processes_.give();
  greenthreads_.give();
}

std::string Service::pool_timeout_error() const {
  char b[160];
  std::snprintf(b, sizeof b, "QueuePool limit of size %d overflow %d reached, connection timed out, timeout %.2f",
                max_pool_size_, max_overflow_, pool_timeout_);
  return b;
}

bool Slots::take(double deadline) {
  if (free_ > 0 && waiters_.empty()) {
    --free_;
    return true;
  }
  auto w = std::make_shared<Waiter>();
  waiters_.push_back(w);
  if (deadline == std::numeric_limits<double>::infinity()) {
    w->sem->acquire();
    return true;
  }
  double left = deadline - sg4::Engine::get_clock();
  if (left > 0 && !w->sem->acquire_timeout(left)) return true;
  if (w->granted) return true;  // given at the very instant the deadline passed: keep it
  w->gave_up = true;
  return false;
}

void Slots::give() {
  while (!waiters_.empty()) {
    auto w = waiters_.front();
    waiters_.pop_front();
    if (w->gave_up) continue;
    w->granted = true;
    w->sem->release();
    return;
  }
  ++free_;
}

Service::Outcome Service::handle(int request, uint32_t track, int32_t parent, double cpu_s, int queries,
                                 double deadline) {
  ++requests;
  ++in_flight;
  struct Leave {
    int& n;
    ~Leave() { --n; }
  } leave{in_flight};
  auto& log = ctx_.log();
  double t0 = ctx_.now();
  // A message handled outside any caller's span (an RPC cast or call arriving at a conductor,
  // scheduler or cinder-volume worker) gets a span of its own from its arrival, so the message's
  // arrow ends on a span of this service and the queue, CPU and DB spans nest in it.
  struct Outer {
    SimContext& ctx;
    int64_t id = -1;
    bool ok = true;
    ~Outer() {
      if (id >= 0) ctx.log().end_span(static_cast<uint32_t>(id), ctx.now(), ok);
    }
  } outer{ctx_};
  if (parent < 0) {
    outer.id = log.begin_span(request, track, cpu_name_, SpanKind::Activity, t0, -1, -1, svc_res_);
    parent = static_cast<int32_t>(outer.id);
  }
  // A greenthread, then a process to run on: waiting for either is waiting for a worker.
  bool blocked = greenthreads_.would_block() || processes_.would_block();
  if (!greenthreads_.take(deadline)) {
    ++timeouts;
    auto id = log.begin_span(request, track, queue_name_, SpanKind::Wait, t0, parent, -1, queue_res_);
    log.end_span(id, ctx_.now(), false);
    outer.ok = false;
    return Outcome::Timeout;
  }
  if (!processes_.take(deadline)) {
    greenthreads_.give();
    ++timeouts;
    auto id = log.begin_span(request, track, queue_name_, SpanKind::Wait, t0, parent, -1, queue_res_);
    log.end_span(id, ctx_.now(), false);
    outer.ok = false;
    return Outcome::Timeout;
  }
  if (blocked || ctx_.now() > t0) {
    double w = ctx_.now() - t0;
    ++waited;
    wait_s += w;
    max_wait_s = std::max(max_wait_s, w);
    auto id = log.begin_span(request, track, queue_name_, SpanKind::Wait, t0, parent, -1, queue_res_);
    log.end_span(id, ctx_.now());
  }
  if (cpu_s > 0) {
    double tc = ctx_.now();
    run_on(*load_, host_, cpu_s);
    this->cpu_s += cpu_s;
    // Only a slowed step gets its own span (an uncontended one is the request's service time).
    if (ctx_.now() - tc > cpu_s * 1.001) {
      auto id = log.begin_span(request, track, cpu_name_, SpanKind::Activity, tc, parent, -1, cpu_res_);
      log.end_span(id, ctx_.now());
    }
  }
  processes_.give();
  Outcome out = Outcome::Ok;
  if (queries > 0) {
    double tq = ctx_.now();
    if (connections_.would_block()) {
      bool got = connections_.take(ctx_.now() + pool_timeout_);
      auto id = log.begin_span(request, track, queue_name_, SpanKind::Wait, tq, parent, -1, pool_res_);
      log.end_span(id, ctx_.now(), got);
      if (!got) {
        ++pool_timeouts;
        outer.ok = false;
        greenthreads_.give();
        return Outcome::DbPoolTimeout;
      }
      tq = ctx_.now();
    } else {
      connections_.take();
    }
    double q = queries * db_query_time_;
    run_on(*load_, db_host_, q);
    if (ctx_.now() - tq > q * 1.001) {
      auto id = log.begin_span(request, track, db_name_, SpanKind::Activity, tq, parent, -1, db_res_);
      log.end_span(id, ctx_.now());
    }
    connections_.give();
  }
  greenthreads_.give();
  return out;
}

}  // namespace bfv::infra

namespace bfv::infra {

Service& ControlPlane::process(SimContext& ctx, const std::string& name, sg4::Host* host) {
  for (auto& s : processes)
    if (s->host() == host && s->name() == name) return *s;
  ServiceParams sp;
  sp.workers = 1;
  sp.threads = 1 << 20;
  sp.max_pool_size = 0;  // no DB queries are charged here
  processes.push_back(std::make_unique<Service>(ctx, *load, name, host, db_host, sp, 1, 0.0));
  return *processes.back();
}

std::vector<Service*> ControlPlane::all() const {
  std::vector<Service*> v;
  for (const auto* group : {&nova_api, &nova_conductor, &nova_scheduler, &placement_api, &cinder_api, &cinder_scheduler,
                            &glance_api, &processes})
    for (const auto& s : *group) v.push_back(s.get());
  return v;
}

Service& pick(const std::vector<std::unique_ptr<Service>>& copies) {
  Service* best = copies.front().get();
  for (const auto& s : copies)
    if (s->in_flight < best->in_flight) best = s.get();
  return *best;
}

ControlPlane build_control_plane(SimContext& ctx, const Params& p, const std::vector<sg4::Host*>& controllers,
                                 sg4::Host* glance) {
  ControlPlane cp;
  cp.db_host = controllers.front();
  cp.load = std::make_unique<HostLoad>();
  cp.broker = std::make_unique<Broker>(*cp.load, controllers.front(), p.rabbit_hop_time);
  for (auto* h : controllers) {
    int cpus = h->get_core_count();
    std::string at = controllers.size() > 1 ? "@" + h->get_name() : "";
    auto add = [&](std::vector<std::unique_ptr<Service>>& v, const std::string& name, const ServiceParams& sp,
                   int dflt) {
      v.push_back(std::make_unique<Service>(ctx, *cp.load, name + at, h, cp.db_host, sp, dflt,
                                            sp.db_query_time >= 0 ? sp.db_query_time : p.db_query_time));
    };
    add(cp.nova_api, "nova-api", p.nova_api, cpus);
    add(cp.nova_conductor, "nova-conductor", p.nova_conductor, cpus);
    add(cp.nova_scheduler, "nova-scheduler", p.nova_scheduler, cpus);
    add(cp.placement_api, "placement-api", p.placement_api, cpus);
    add(cp.cinder_api, "cinder-api", p.cinder_api, cpus);
    add(cp.cinder_scheduler, "cinder-scheduler", p.cinder_scheduler, 1);
  }
  // glance-api runs on its own host (its store is there): default workers min(CPU count, 8) (glance/common/wsgi.py::get_num_workers)
  cp.glance_api.push_back(std::make_unique<Service>(
      ctx, *cp.load, "glance-api", glance, cp.db_host, p.glance_api, std::min(glance->get_core_count(), 8),
      p.glance_api.db_query_time >= 0 ? p.glance_api.db_query_time : p.db_query_time));
  return cp;
}

}  // namespace bfv::infra

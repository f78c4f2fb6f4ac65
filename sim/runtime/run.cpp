#include "core/interrupt.hpp"
#include "sim/runtime/run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <unistd.h>

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "models/cinder/cinder.hpp"
#include "models/glance/glance.hpp"
#include "models/infra/net.hpp"
#include "models/nova/nova.hpp"
#include "models/semantics/cli.hpp"
#include "models/semantics/glance_api.hpp"
#include "core/platform/simgrid_platform.hpp"
#include "core/platform/topology_graph.hpp"
#include "sim/runtime/invariants.hpp"
#include "sim/runtime/workload.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace bfv {

namespace sg4 = simgrid::s4u;

namespace {

// The services of one run, wired together.
struct Cloud {
  CloudDb db;
  infra::Net net;
  glance::Glance glance;
  cinder::Cinder cinder;
  nova::Nova nova;
  Cloud(SimContext& ctx, const Scenario& s)
      : db(s.cloud),
        net(ctx),
        glance(ctx, net, db, s.glance),
        cinder(ctx, net, db, glance, s.cinder),
        nova(ctx, net, db, glance, cinder, s.nova) {
    db.projects = s.projects;
    for (const auto& f : s.faults)
      if (auto* up = std::get_if<fault::BackendUp>(&f.what)) cinder.backend_up_at[up->backend].push_back(f.at_s);
    net.rabbit_hop_time = s.infra.rabbit_hop_time;
    net.http_overhead = s.infra.http_overhead;
    // each project's [database] and executor options in its services; nova's services query the DB
    // at nova.conf [timing] db_write_time unless set per service
    const infra::Params ip = s.infra.resolved(s.cinder.executor_thread_pool_size, s.nova.db_write_time);
    net.cp = infra::build_control_plane(ctx, ip, ctx.platform.controllers, ctx.platform.glance);
  }
};

void apply_fault(const FaultSpec& f, SimContext& ctx, Cloud& cloud, std::map<std::string, double>& link_bw) {
  auto& pf = ctx.platform;
  auto compute_index = [&](const std::string& host) -> std::optional<size_t> {
    for (size_t i = 0; i < pf.computes.size(); ++i)
      if (pf.computes[i]->get_name() == host) return i;
    return std::nullopt;
  };
  // restore = false: bandwidth x factor of the link's original; true: back to the original.
  auto set_link = [&](const std::string& link, double factor, bool restore) {
    for (const char* half : {"_UP", "_DOWN"}) {
      auto* l = sg4::Link::by_name_or_null(link + half);
      if (!l) continue;
      auto [it, fresh] = link_bw.try_emplace(l->get_name(), l->get_bandwidth());
      double bw = restore ? it->second : it->second * factor;
      // A cut link keeps a trickle: SimGrid needs a positive bandwidth (1 B/s, i.e. transfers stall).
      l->set_bandwidth(std::max(bw, 1.0));
    }
  };
  using namespace fault;
  std::visit(overloaded{
                 [&](const ComputeDown& x) {
                   if (auto i = compute_index(x.host)) cloud.nova.set_compute_up(*i, false);
                 },
                 [&](const ComputeUp& x) {
                   if (auto i = compute_index(x.host)) cloud.nova.set_compute_up(*i, true);
                 },
                 [&](const SpawnFail& x) {
                   if (auto i = compute_index(x.host)) cloud.nova.set_spawn_error(*i, x.message);
                 },
                 [&](const SpawnOk& x) {
                   if (auto i = compute_index(x.host)) cloud.nova.set_spawn_error(*i, "");
                 },
                 [&](const LinkDegrade& x) { set_link(x.link, x.factor, false); },
                 [&](const LinkRestore& x) { set_link(x.link, 1, true); },
                 [&](const BackendDown& x) { cloud.cinder.set_backend_up(x.backend, false); },
                 [&](const BackendUp& x) { cloud.cinder.set_backend_up(x.backend, true); },
                 [&](const GlanceSlow& x) { cloud.glance.slow_factor = x.factor; },
                 [&](const BusDelay& x) { cloud.net.bus_delay = x.delay_s; },
             },
             f.what);
}

}  // namespace

RunResult run_scenario(const Scenario& s, const RunOptions& opt) {
  RunResult result;
  run_scenario(s, opt, result);
  return result;
}

void run_scenario(const Scenario& s, const RunOptions& opt, RunResult& result) {
  result.scenario = s.name;
  result.scenario_file = s.file;
  result.overrides = s.applied_settings;
  result.options_not_modelled = s.options_not_modelled;
  result.description = s.description;
  result.seed = opt.seed.value_or(s.seed);
  auto wall0 = std::chrono::steady_clock::now();
  {
    const char* env = std::getenv("BFVSIM_SPILL");
    const std::string force = env ? env : "";
    const bool big = static_cast<long long>(s.request_count()) >= opt.spill_above;
    if (force == "1" || (force != "0" && big))
      result.log.spill_to(opt.spill_dir.empty() ? std::filesystem::temp_directory_path()
                                                : std::filesystem::path(opt.spill_dir));
  }

  // One simulation per process (platform::make_engine: SimGrid's engine is a singleton, left
  // allocated), so nothing accumulates. The cloud model below is freed: the reports run next, and at
  // 100k requests its instances and volumes are the margin under 1 GiB.
  auto& engine = platform::make_engine("bfvsim");
  install_interrupt_handlers();  // after the engine: SimGrid's own CTRL-C handler exits 1
  auto pf = platform::configure_and_build(engine, s.topology, s.request_count());
  result.resources = pf.resources;
  if (opt.flow_model != RunOptions::FlowModel::PerFlow) {
    auto why = platform::Flows::unsupported_reason(engine);
    if (why.empty())
      pf.use_flows(std::make_unique<platform::Flows>(engine, pf.flows_clock));
    else if (opt.flow_model == RunOptions::FlowModel::Aggregate)
      throw scn::ScenarioError(s.file + ": --flow-model aggregate: " + why + "; use --flow-model per-flow");
  }

  // Count what SimGrid does (signals are process-wide; one engine per process, so one run).
  auto& w = result.work;
  std::vector<double> asleep_since;
  sg4::Actor::on_creation_cb([&w](sg4::Actor&) { ++w.actors; });
  sg4::Actor::on_sleep_cb([&w, &asleep_since](const sg4::Actor& a) {
    ++w.sleeps;
    auto pid = static_cast<size_t>(a.get_pid());
    if (pid >= asleep_since.size()) asleep_since.resize(pid * 2 + 16, 0.0);
    asleep_since[pid] = sg4::Engine::get_clock();
  });
  sg4::Actor::on_wake_up_cb([&w, &asleep_since](const sg4::Actor& a) {
    auto pid = static_cast<size_t>(a.get_pid());
    if (pid < asleep_since.size()) w.sleep_s += sg4::Engine::get_clock() - asleep_since[pid];
  });
  // Comms are counted where they start (SimContext::comm_started): Debian's libsimgrid 3.32 does not
  // export Comm::on_start.
  // (The flow aggregator's completion Execs on its clock host are bookkeeping, not work: not counted.)
  sg4::Exec::on_start_cb([&w, clock = pf.flows_clock](const sg4::Exec& e) {
    if (e.get_host() == clock) return;
    ++w.execs;
    w.exec_flops += e.get_remaining();
  });
  // Ios are counted by platform::Disk (disks are links, their Ios Comms: simgrid_platform.hpp).

  SimContext ctx(s.topology, pf, result, result.seed);
  Cloud cloud(ctx, s);
  Workload workload(ctx, s, cloud.nova, cloud.glance, cloud.db, opt.progress);
  cloud.nova.on_terminal = [&workload](int r) { workload.terminal(r); };

  auto* ctl = pf.controller;
  sg4::Actor::create("workload", ctl, [&workload] { workload.drive(); });
  if (!s.faults.empty()) {
    sg4::Actor::create("faults", ctl, [&] {
      std::map<std::string, double> link_bw;
      auto faults = s.faults;
      std::stable_sort(faults.begin(), faults.end(),
                       [](const FaultSpec& a, const FaultSpec& b) { return a.at_s < b.at_s; });
      for (const auto& f : faults) {
        sg4::this_actor::sleep_until(f.at_s);
        apply_fault(f, ctx, cloud, link_bw);
        auto& log = ctx.log();
        log.end_span(log.begin_span(-1, log.track("faults"),
                                    log.intern("fault:" + std::string(fault_kind(f.what)) + ":" + fault_target(f.what)),
                                    SpanKind::Phase, ctx.now()),
                     ctx.now());
      }
    });
  }
  // Utilization sampler: a daemon, so the run ends when the last request does.
  auto sampler = sg4::Actor::create("sampler", ctl, [&] {
    auto& log = ctx.log();
    std::vector<uint32_t> ids;
    for (auto* l : pf.links) ids.push_back(log.intern("link:" + l->get_name()));
    std::vector<sg4::Host*> hosts;
    std::vector<uint32_t> host_ids;
    for (auto* h : pf.hosts) {  // not the disks' virtual hosts
      hosts.push_back(h);
      host_ids.push_back(log.intern("cpu:" + h->get_name()));
    }
    std::vector<uint32_t> disk_ids;
    for (const auto& d : pf.disks) disk_ids.push_back(log.intern("disk:" + d->get_name()));
    std::vector<double> last(pf.links.size(), 0.0), last_h(hosts.size(), 0.0), last_d(pf.disks.size(), 0.0);
    for (;;) {
      double t = ctx.now();
      for (size_t i = 0; i < pf.links.size(); ++i) {
        double u = pf.links[i]->get_usage() / pf.links[i]->get_bandwidth();
        if (u != last[i] || u > 0) log.sample({t, ids[i], u});
        last[i] = u;
      }
      for (size_t i = 0; i < hosts.size(); ++i) {
        double u = hosts[i]->get_load() / (hosts[i]->get_speed() * hosts[i]->get_core_count());
        if (u != last_h[i] || u > 0) log.sample({t, host_ids[i], u});
        last_h[i] = u;
      }
      for (size_t i = 0; i < pf.disks.size(); ++i) {
        double u = pf.disks[i]->utilization();
        if (u != last_d[i] || u > 0) log.sample({t, disk_ids[i], u});
        last_d[i] = u;
      }
      sg4::this_actor::sleep_for(s.sample_interval_s);
    }
  });
  sampler->daemonize();

  // end_after: the engine stops at that simulated time (or earlier, when every request is done).
  // Requests not yet submitted never are; spans still open, or logged with their end ahead of time
  // (poll sleeps), end at end_after; requests still in flight are finalized as "still building when
  // the simulation ended". The actors still working are left suspended, not killed: killing an
  // actor blocked in Activity::wait_any on an activity it owns resumed it twice in SimGrid 3.32
  // ("The Impossible Did Happen") and aborted the run without a report (issue 17).
  if (s.end_after_s > 0)
    engine.run_until(s.end_after_s);
  else
    engine.run();
  if (pf.flows) {
    const auto& fs = pf.flows->stats();
    result.flows = {true, fs.members, fs.folded, fs.aggregates, fs.max_population};
  }
  // Like the engine, the aggregator is left allocated: an end_after run leaves transfers in flight,
  // and freeing their Comms before SimGrid's engine would print "freed before its completion".
  (void)pf.flows.release();

  if (s.end_after_s > 0 && sg4::Engine::get_clock() >= s.end_after_s) {
    auto& log = result.log;
    for (uint32_t i = 0; i < log.spans().size(); ++i)
      if (log.spans()[i].open || log.spans()[i].end > s.end_after_s) log.end_span(i, s.end_after_s, log.spans()[i].ok);
  }
  result.sim_end = sg4::Engine::get_clock();
  w.ios = *pf.ios;
  w.io_bytes = *pf.io_bytes;
  result.simgrid_activities = w.comms + w.execs + w.ios;
  workload.finalize();
  for (const auto& p : s.projects) {
    auto nu = cloud.db.nova_usage[p.id];
    auto cu = cloud.db.cinder_usage[p.id];
    result.quotas.push_back({p.id, "nova", "instances", nu.instances, p.nova.instances});
    result.quotas.push_back({p.id, "nova", "cores", nu.cores, p.nova.cores});
    result.quotas.push_back({p.id, "nova", "ram", nu.ram_mb, p.nova.ram_mb});
    result.quotas.push_back({p.id, "cinder", "volumes", cu.volumes, p.cinder.volumes});
    result.quotas.push_back({p.id, "cinder", "gigabytes", cu.gigabytes, p.cinder.gigabytes});
  }
  // End-of-run invariants (sim/runtime/invariants.hpp): a snapshot of what the services hold.
  {
    EndState es;
    es.cut_by_end_after = s.end_after_s > 0 && result.sim_end >= s.end_after_s;
    for (const auto& q : result.requests) es.requests.push_back({q.id, q.name, name(q.kind), name(q.final_status)});
    for (const auto& [rid, inst] : cloud.nova.instances()) {
      EndState::Server sv;
      sv.request = rid;
      sv.uuid = inst->uuid;
      sv.project = inst->project;
      sv.vm_state = inst->vm_state;
      sv.host = inst->host;
      sv.vcpus = inst->flavor->vcpus;
      sv.ram_mb = inst->flavor->ram_mb;
      for (size_t b = 0; b < inst->volume_ids.size(); ++b)
        if (!inst->volume_ids[b].empty() && b < inst->attachment.size() && inst->attachment[b])
          sv.holds.emplace_back(inst->volume_ids[b]);
      for (const auto& v : inst->attached_volumes) sv.holds.emplace_back(v);
      es.servers.push_back(std::move(sv));
    }
    std::set<std::string> preattached;
    for (const auto& v : s.cloud.volumes)
      if (!v.attached_to.empty()) preattached.insert(v.id);
    cloud.db.adopt_orphans();
    for (size_t i = 0; i < cloud.db.cloud.volumes.size(); ++i) {
      const auto& v = cloud.db.cloud.volumes[i];
      const auto& ex = cloud.db.extra_at(i);
      es.volumes.push_back({v.id, v.status, v.project, ex.backend, v.size_gb, ex.cache_entry,
                            std::vector<std::string_view>(v.attached_to.begin(), v.attached_to.end()),
                            preattached.count(v.id) > 0});
    }
    for (const auto& p : cloud.nova.placement().providers)
      es.providers.push_back({p.name, p.vcpu_used, p.ram_used, p.disk_used});
    const auto allocations = cloud.nova.placement().all_allocations();  // es.allocations views its uuids
    for (const auto& [c, prov, r] : allocations) es.allocations.push_back({c, prov, r.vcpus, r.ram_mb, r.disk_gb});
    for (const auto& p : s.projects) {
      const auto& nu = cloud.db.nova_usage[p.id];
      const auto& cu = cloud.db.cinder_usage[p.id];
      es.usage[p.id] = {nu.instances, nu.cores, nu.ram_mb, cu.volumes, cu.gigabytes};
    }
    for (const auto& b : cloud.cinder.capacity())
      es.backends.push_back({b.name, b.total_gb, b.free_gb, b.provisioned_gb, b.thin});
    result.invariant_violations = check_invariants(es);
  }
  // After the check (its snapshot views the instances' and volumes' strings): the cloud model is
  // freed when this function returns, so the records take its strings instead of copies (at a
  // million requests, copies were ~200 bytes per request on top of the peak; issue 16 item 4).
  cloud.nova.record_bdm_volumes();
  // Final state: every volume Cinder knows about.
  result.volumes.reserve(cloud.db.cloud.volumes.size());
  cloud.db.adopt_orphans();
  for (size_t i = 0; i < cloud.db.cloud.volumes.size(); ++i) {
    auto& v = cloud.db.cloud.volumes[i];
    VolumeRecord vr;
    vr.size_gb = v.size_gb;
    auto& ex = cloud.db.extra_at(i);
    vr.source = ex.source_text(v);
    vr.id = std::move(v.id);
    vr.status_at_end = std::move(v.status);
    vr.backend = std::move(ex.backend);
    vr.volume_type = std::move(v.volume_type);
    vr.project = std::move(v.project);
    vr.request = ex.request;
    if (!ex.error.empty()) vr.error = std::move(ex.error);
    result.volumes.push_back(std::move(vr));
  }
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  // Nothing below writes to `result`: the cloud model, the workload and the platform are freed as
  // this function returns, while whatever on_result started reads the result.
  if (opt.on_result) opt.on_result(result);
}

}  // namespace bfv

#include "core/platform/simgrid_platform.hpp"

#include <algorithm>
#include <string>

#include <xbt/log.h>

#include "core/sanitizer.hpp"

namespace bfv::platform {

using LinkInRoute = sg4::LinkInRoute;

void configure_engine(sg4::Engine& e, const Topology& t, int64_t requests) {
  e.set_config("network/model:" + std::string(name(t.network_model)));
  if (t.network_model == NetworkModel::CM02) e.set_config("network/crosstraffic:0");
  if (kAddressSanitizer) {
    // core/sanitizer.hpp: raw contexts switch stacks behind ASan's back; threads it understands.
    e.set_config("contexts/factory:thread");
    e.set_config("contexts/stack-size:" + std::to_string(128 * kSanitizerStackFactor));
    return;
  }
  e.set_config("contexts/factory:raw");  // the fastest of SimGrid's context factories (thread contexts are ~55x slower)
  e.set_config("contexts/stack-size:128");  // KiB; our actors are shallow (high-water marks: docs/performance.md)
  // A guard page below every actor stack turns an overflow into an immediate SIGSEGV that SimGrid
  // reports as a probable stack overflow, instead of silent corruption of the next allocation
  // (issue 17). It costs an mprotect and two memory mappings per actor, and Linux's default
  // vm.max_map_count (65530) caps live actors near 32k with guards on
  // (two mappings per guarded stack). Pooled workers keep
  // a storm of 20,000 requests far below that (the 10k storm creates ~3,100 actors in all), so
  // guards are on up to kGuardedRequests requests and off above, where BFVSIM_STACK_CHECK's
  // high-water check (core/engine/spawn.hpp) is the safety net.
  e.set_config(std::string("contexts/guard-size:") + (requests <= kGuardedRequests ? "4096" : "0"));
}

namespace {

sg4::SplitDuplexLink* make_link(sg4::NetZone* zone, const std::string& name, const LinkSpec& spec, Platform& p) {
  auto* l = zone->create_split_duplex_link(name, spec.bandwidth_Bps);
  l->set_latency(spec.latency_s);
  l->seal();
  // the halves directly: Link::by_name searches every zone, which made a 5,000-compute platform
  // quadratic to build (0.6 s instead of 0.1 s)
  for (auto* h : {l->get_link_up(), l->get_link_down()}) {
    p.links.push_back(h);
    p.resources.push_back({"link:" + h->get_name(), ResourceKind::Link, spec.bandwidth_Bps});
  }
  return l;
}

// See class Disk. `zone` is the star zone of every disk's virtual hosts: a's route up is the read
// link and down the write link, b's both ways the shared link; so a -> b crosses [read, shared] and
// b -> a [shared, write], and the two hosts never talk to anything else.
Disk* make_disk(sg4::NetZone* zone, const std::string& name, const DiskSpec& d, Platform& p,
                std::vector<ResourceInfo>& resources) {
  auto link = [&](const std::string& n, double bw) {
    auto* l = zone->create_link(name + n, bw);
    l->set_latency(0);
    return l->seal();
  };
  auto* rd = link("#read", d.read_Bps);
  auto* wr = link("#write", d.write_Bps);
  auto* rw = link("#read+write", std::max(d.read_Bps, d.write_Bps));
  auto* a = zone->create_host(name + "#a", 1.0);
  auto* b = zone->create_host(name + "#b", 1.0);
  zone->add_route(a->get_netpoint(), nullptr, nullptr, nullptr, {LinkInRoute(rd)}, false);
  zone->add_route(nullptr, a->get_netpoint(), nullptr, nullptr, {LinkInRoute(wr)}, false);
  zone->add_route(b->get_netpoint(), nullptr, nullptr, nullptr, {LinkInRoute(rw)}, true);
  resources.push_back({"disk:" + name, ResourceKind::Disk, d.write_Bps});
  p.disks.push_back(std::make_unique<Disk>(name, a, b, p.ios.get(), p.io_bytes.get()));
  p.disks.back()->set_links(rd, wr, rw);
  return p.disks.back().get();
}

}  // namespace

sg4::Engine& make_engine(const char* program) {
  static int argc = 1;
  static std::string arg0;
  static char* argv[2] = {nullptr, nullptr};
  arg0 = program;
  argv[0] = arg0.data();
  xbt_log_control_set("root.thresh:critical");
  return *new sg4::Engine(&argc, argv);
}

Platform configure_and_build(sg4::Engine& e, const Topology& t, int64_t requests) {
  configure_engine(e, t, requests);
  auto graph = TopologyGraph::from(t);
  graph.validate(t);
  return build(t, graph);
}

Platform build(const Topology& t, const TopologyGraph& tg) {
  Platform p;
  auto* root = sg4::create_star_zone("cloud");
  auto* spine = make_link(root, "spine", t.spine, p);

  // Disks: virtual hosts and links in a zone of their own (class Disk); order fixed for determinism.
  // Created before the rack zones: SimGrid checks every new name against every zone created so far
  // (NetZoneImpl::get_link_by_name_or_null), so 3 links per disk after 250 racks cost 1.5 s at
  // 5,000 computes. Their resource entries still come last, as before.
  std::vector<ResourceInfo> disk_res;
  auto* disks = sg4::create_star_zone("disks");
  disks->set_parent(root);
  p.glance_disk = make_disk(disks, "glance-store", t.glance.disk, p, disk_res);
  if (t.ceph.present) p.ceph_disk = make_disk(disks, "ceph-osds", t.ceph.disk, p, disk_res);
  for (const auto& b : t.cinder_backends) {
    auto& be = p.backends[b.name];
    be.conversion_disk = make_disk(disks, b.name + "-conversion", b.conversion_disk, p, disk_res);
    if (b.driver == CinderDriver::Lvm) be.volume_disk = make_disk(disks, b.name + "-vg", b.volume_disk, p, disk_res);
  }
  for (const auto& r : t.racks)
    for (const auto& c : r.computes) p.compute_disks[c.name] = make_disk(disks, c.name + "-disk", c.disk, p, disk_res);
  // The flow aggregator's clock (flows.hpp): the disabled Execs its members' callers wait on live
  // here, on no real resource.
  p.flows_clock = disks->create_host("flows#clock", 1.0);
  disks->seal();

  // A star zone per group of hosts, joined to the root through a gateway router.
  auto add_zone = [&](const std::string& name, const std::string& uplink_name, const LinkSpec& uplink) {
    auto* z = sg4::create_star_zone(name);
    z->set_parent(root);
    auto* gw = z->create_router(name + "-gw");
    z->add_route(gw, nullptr, nullptr, nullptr, {}, true);
    auto* up = make_link(root, uplink_name, uplink, p);
    root->add_route(z->get_netpoint(), nullptr, gw, nullptr,
                    {LinkInRoute(up, LinkInRoute::Direction::UP), LinkInRoute(spine, LinkInRoute::Direction::UP)},
                    true);
    return z;
  };
  auto add_host = [&](sg4::NetZone* z, const HostSpec& h) {
    auto* host = z->create_host(h.name, h.speed_flops);
    host->set_core_count(h.cores);
    p.hosts.push_back(host);
    auto* nic = make_link(z, h.name + "-nic", h.nic, p);
    z->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, {LinkInRoute(nic, LinkInRoute::Direction::UP)}, true);
    p.resources.push_back({"cpu:" + h.name, ResourceKind::Cpu, h.speed_flops * h.cores});
    return host;
  };

  auto* control = add_zone("control", "control-uplink", t.control_uplink);
  if (t.controllers <= 1) {
    p.controllers.push_back(add_host(control, t.controller));
  } else {
    for (int i = 1; i <= t.controllers; ++i) {
      HostSpec h = t.controller;
      h.name = "controller-" + std::to_string(i);
      p.controllers.push_back(add_host(control, h));
    }
  }
  p.controller = p.controllers.front();
  p.glance = add_host(control, t.glance);
  if (t.ceph.present) {
    p.ceph = add_host(control, HostSpec{"ceph", 16, 2.5e9, t.ceph.nic, t.ceph.disk});
  }
  for (const auto& b : t.cinder_backends) p.backends[b.name].host = add_host(control, b.host);  // disks set above
  for (const auto& r : t.racks) {
    auto* z = add_zone(r.name, r.name + "-uplink", r.uplink);
    for (const auto& c : r.computes) p.computes.push_back(add_host(z, c));
    z->seal();
  }
  p.resources.insert(p.resources.end(), disk_res.begin(), disk_res.end());
  control->seal();
  root->seal();
  (void)tg;
  return p;
}

}  // namespace bfv::platform

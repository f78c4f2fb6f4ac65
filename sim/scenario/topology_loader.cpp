// topology: racks of computes behind top-of-rack uplinks and a spine, the control plane,
// the Glance store, Cinder backends and an optional Ceph cluster. Every quantity has a unit.
#include <cstdint>
#include <cstdio>
#include <set>

#include "sim/scenario/limits.hpp"
#include "sim/scenario/loader_parts.hpp"

namespace bfv {
namespace {

LinkSpec link(const scn::Node& n, LinkSpec def) {
  n.allow_keys(scn::kLink);
  if (auto b = n.opt("bandwidth")) def.bandwidth_Bps = b->rate_Bps();
  if (auto l = n.opt("latency")) def.latency_s = l->time_s();
  if (def.bandwidth_Bps <= 0) n.fail("bandwidth must be positive");
  if (def.latency_s < 0) n.fail("latency must not be negative");
  return def;
}

DiskSpec disk(const scn::Node& n, DiskSpec def) {
  n.allow_keys(scn::kDisk);
  if (auto r = n.opt("read")) def.read_Bps = r->rate_Bps();
  if (auto w = n.opt("write")) def.write_Bps = w->rate_Bps();
  if (auto s = n.opt("size")) def.size_bytes = s->size_bytes();
  if (def.read_Bps <= 0 || def.write_Bps <= 0) n.fail("disk read and write rates must be positive");
  return def;
}

// Fields shared by every host entry (scn::kHost); `shape` extends kHost with the keys the caller
// handles itself.
HostSpec host(const scn::Node& n, HostSpec def, const scn::Shape& shape) {
  n.allow_keys(shape);
  if (auto c = n.opt("cores")) def.cores = c->int32();
  if (def.cores < 1) n.fail("cores must be at least 1");
  if (auto s = n.opt("speed")) {
    def.speed_flops = s->flops();
    if (def.speed_flops <= 0) s->fail("speed must be positive (a core that computes nothing never finishes)");
  }
  if (auto nic = n.opt("nic")) def.nic = link(*nic, def.nic);
  if (auto d = n.opt("disk")) def.disk = disk(*d, def.disk);
  return def;
}

std::string numbered(const std::string& prefix, int i, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*d", width, i);
  return prefix + buf;
}

}  // namespace

void load_topology(const scn::Node& t, Scenario& s) {
  t.allow_keys(scn::kTopology);
  Topology& topo = s.topology;
  auto nm = parse_enum<NetworkModel>(t.str_or("network_model", "CM02"));
  if (nm)
    topo.network_model = *nm;
  else
    t.req("network_model").fail("network_model must be CM02 or LV08 (see docs/timing-model.md)");
  topo.spine = LinkSpec{100e9 / 8, 2e-6};  // assumed: 100 Gbps non-blocking fabric
  if (auto sp = t.opt("spine")) topo.spine = link(*sp, topo.spine);
  topo.control_uplink = LinkSpec{40e9 / 8, 5e-6};
  if (auto u = t.opt("control_uplink")) topo.control_uplink = link(*u, topo.control_uplink);

  HostSpec ctl_def{"controller", 16, 2.5e9, {10e9 / 8, 50e-6}, {}};
  topo.controller = t.has("controller") ? host(t.req("controller"), ctl_def, scn::kController) : ctl_def;
  topo.controller.name = "controller";
  if (t.has("controller"))
    if (auto n = t.req("controller").opt("count")) {
      topo.controllers = static_cast<int>(n->integer());
      if (topo.controllers < 1 || topo.controllers > 9)
        n->fail("controller count must be 1 to 9 (3 is the usual HA deployment)");
    }

  HostSpec glance_def{"glance", 8, 2.5e9, {10e9 / 8, 50e-6}, {1e9, 800e6, 20e12}};
  if (auto g = t.opt("glance")) {
    topo.glance = host(*g, glance_def, scn::kGlanceHost);
    auto store = parse_enum<GlanceStore>(g->str_or("store", "file"));
    if (!store) g->req("store").fail("store must be 'file' or 'rbd'");
    topo.glance_store = *store;
  } else {
    topo.glance = glance_def;
  }
  topo.glance.name = "glance";

  if (auto c = t.opt("ceph")) {
    c->allow_keys(scn::kCeph);
    topo.ceph.present = true;
    topo.ceph.fsid = c->str_or("fsid", "ceph");
    topo.ceph.nic = LinkSpec{40e9 / 8, 100e-6};
    topo.ceph.disk = DiskSpec{4e9, 2e9, 500e12};
    if (auto nic = c->opt("nic")) topo.ceph.nic = link(*nic, topo.ceph.nic);
    if (auto d = c->opt("disk")) topo.ceph.disk = disk(*d, topo.ceph.disk);
  }
  if (topo.glance_store == GlanceStore::Rbd && !topo.ceph.present)
    t.req("glance").fail("store 'rbd' needs a topology.ceph cluster");

  auto backends = t.req("cinder_backends");
  for (const auto& b : backends.items()) {
    CinderBackendSpec cb;
    b.allow_keys(scn::kCinderBackend);
    cb.name = b.req("name").str();
    auto driver = parse_enum<CinderDriver>(b.str_or("driver", "lvm"));
    if (!driver) b.req("driver").fail("driver must be 'lvm' or 'rbd'");
    cb.driver = *driver;
    if (cb.driver == CinderDriver::Rbd && !topo.ceph.present)
      b.req("driver").fail("driver 'rbd' needs a topology.ceph cluster");
    auto lvm_type = parse_enum<LvmType>(b.str_or("lvm_type", "thick"));
    if (!lvm_type) b.req("lvm_type").fail("lvm_type must be 'thick' or 'thin'");
    cb.lvm_type = *lvm_type;
    cb.capacity_gb = b.num_or("capacity_gb", 10000);
    if (cb.capacity_gb < 0) b.req("capacity_gb").fail("capacity_gb must not be negative");
    cb.host = b.has("host") ? host(b.req("host"), HostSpec{"", 8, 2.5e9, {10e9 / 8, 50e-6}, {}}, scn::kHost)
                            : HostSpec{"", 8, 2.5e9, {10e9 / 8, 50e-6}, {}};
    cb.host.name = "cinder-" + cb.name;
    cb.conversion_disk = DiskSpec{1e9, 800e6, 2e12};
    if (auto d = b.opt("conversion_disk")) cb.conversion_disk = disk(*d, cb.conversion_disk);
    cb.volume_disk = DiskSpec{1e9, 500e6, 50e12};
    if (auto d = b.opt("volume_disk")) cb.volume_disk = disk(*d, cb.volume_disk);
    cb.availability_zone = b.str_or("availability_zone", "nova");
    if (auto o = b.opt("image_volume_cache_enabled")) cb.image_volume_cache_enabled = o->boolean();
    // cinder/image/cache.py::ImageVolumeCache: 0 means unlimited; a negative size or count means nothing.
    if (auto o = b.opt("image_volume_cache_max_size_gb"))
      cb.image_volume_cache_max_size_gb = static_cast<int>(o->integer_in(0, INT32_MAX));
    if (auto o = b.opt("image_volume_cache_max_count"))
      cb.image_volume_cache_max_count = static_cast<int>(o->integer_in(0, INT32_MAX));
    if (auto o = b.opt("volume_clear")) cb.volume_clear = o->str();
    if (auto o = b.opt("max_over_subscription_ratio")) cb.max_over_subscription_ratio = o->number();
    for (const auto& prev : topo.cinder_backends)
      if (prev.name == cb.name) b.req("name").fail("duplicate backend name '" + cb.name + "'");
    topo.cinder_backends.push_back(cb);
  }
  if (topo.cinder_backends.empty()) backends.fail("at least one Cinder backend is needed");

  auto racks = t.req("racks");
  int64_t total_computes = 0;
  std::set<std::string> rack_names;  // a set: a scan per rack was quadratic in racks.count
  std::set<std::string> host_names{topo.controller.name, topo.glance.name};  // SimGrid refuses a second host of a name
  if (topo.ceph.present) host_names.insert("ceph");
  for (const auto& b : topo.cinder_backends) host_names.insert(b.host.name);
  for (const auto& r : racks.items()) {
    r.allow_keys(scn::kRack);
    std::string base = r.req("name").str();
    int copies = 1;
    if (auto cn = r.opt("count")) copies = static_cast<int>(scn::bounded(*cn, scn::kRack.key("count")));
    LinkSpec uplink{40e9 / 8, 5e-6};
    if (auto u = r.opt("uplink")) uplink = link(*u, uplink);
    auto c = r.req("computes");
    ComputeSpec tmpl;
    static_cast<HostSpec&>(tmpl) =
        host(c, HostSpec{"", 32, 2.5e9, {25e9 / 8, 20e-6}, {2e9, 1.5e9, 4e12}}, scn::kComputes);
    int n = 1;
    if (auto cn = c.opt("count")) n = static_cast<int>(scn::bounded(*cn, scn::kComputes.key("count")));
    total_computes += static_cast<int64_t>(n) * copies;
    if (total_computes > limits::kMaxComputes)
      r.fail("the racks hold more than 100,000 computes in all (docs/limits.md)");
    if (static_cast<int64_t>(topo.racks.size()) + copies > limits::kMaxRacks)
      r.fail("more than 10,000 racks in all (docs/limits.md)");
    std::string prefix = c.str_or("prefix", "cmp");
    // Placement inventories: total must be at least 1 (placement/schemas/inventory.py, "total": minimum 1).
    tmpl.vcpus = c.has("vcpus") ? static_cast<int>(c.req("vcpus").integer_in(1, INT32_MAX)) : tmpl.cores;
    tmpl.ram_mb = c.has("ram_mb") ? static_cast<int>(c.req("ram_mb").integer_in(1, INT32_MAX)) : 131072;
    tmpl.disk_gb = c.has("disk_gb") ? static_cast<int>(c.req("disk_gb").integer_in(1, INT32_MAX)) : 2000;
    tmpl.availability_zone = c.str_or("availability_zone", "nova");
    for (int k = 1; k <= copies; ++k) {
      RackSpec rack;
      rack.name = copies == 1 ? base : numbered(base + "-", k, copies >= 100 ? 3 : 2);
      rack.uplink = uplink;
      if (!rack_names.insert(rack.name).second) r.req("name").fail("duplicate rack name '" + rack.name + "'");
      for (int i = 1; i <= n; ++i) {
        ComputeSpec cs = tmpl;
        cs.name = rack.name + "-" + numbered(prefix, i, n >= 1000 ? 4 : 3);
        // Rack "a" with prefix "b-cmp" and rack "a-b" with prefix "cmp" both make "a-b-cmp001".
        if (!host_names.insert(cs.name).second)
          c.fail("two hosts named '" + cs.name + "' (rack names and compute prefixes must give distinct host names)");
        cs.rack = rack.name;
        rack.computes.push_back(cs);
      }
      topo.racks.push_back(std::move(rack));
    }
  }
  if (topo.racks.empty()) racks.fail("at least one rack of computes is needed");
}

}  // namespace bfv

#include "core/platform/topology_graph.hpp"

#include <map>
#include <stdexcept>

#include <boost/graph/connected_components.hpp>

namespace bfv::platform {

TopologyGraph TopologyGraph::from(const Topology& t) {
  TopologyGraph tg;
  auto& g = tg.g;
  std::map<std::string, Graph::vertex_descriptor> by_name;
  auto vertex = [&](const std::string& name, const char* kind, const char* role, const std::string& zone) {
    auto v = boost::add_vertex(Vertex{name, kind, role, zone}, g);
    by_name[name] = v;
    return v;
  };
  auto spine = vertex("spine", "switch", "spine", "");
  tg.zones.push_back("control");
  auto ctl_sw = vertex("control-switch", "switch", "tor", "control");
  boost::add_edge(ctl_sw, spine, Edge{"control-uplink", t.control_uplink}, g);
  auto host = [&](const HostSpec& h, const char* role) {
    auto v = vertex(h.name, "host", role, "control");
    boost::add_edge(v, ctl_sw, Edge{h.name + "-nic", h.nic}, g);
  };
  if (t.controllers <= 1) host(t.controller, "controller");
  for (int i = 1; t.controllers > 1 && i <= t.controllers; ++i) {
    HostSpec h = t.controller;
    h.name = "controller-" + std::to_string(i);
    host(h, "controller");
  }
  host(t.glance, "glance");
  if (t.ceph.present) host(HostSpec{"ceph", 1, 1e9, t.ceph.nic, t.ceph.disk}, "ceph");
  for (const auto& b : t.cinder_backends) host(b.host, "cinder-volume");
  for (const auto& r : t.racks) {
    tg.zones.push_back(r.name);
    auto tor = vertex(r.name + "-tor", "switch", "tor", r.name);
    boost::add_edge(tor, spine, Edge{r.name + "-uplink", r.uplink}, g);
    for (const auto& c : r.computes) {
      auto v = vertex(c.name, "host", "compute", r.name);
      boost::add_edge(v, tor, Edge{c.name + "-nic", c.nic}, g);
    }
  }
  return tg;
}

size_t TopologyGraph::host_count() const {
  size_t n = 0;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) n += g[v].kind == "host";
  return n;
}

void TopologyGraph::validate(const Topology& t) const {
  std::vector<int> comp(boost::num_vertices(g));
  int n = boost::connected_components(g, comp.data());
  if (n != 1) {
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      if (comp[v] != comp[0]) throw std::runtime_error("topology: '" + g[v].name + "' is not connected to the spine");
  }
  std::map<std::string, int> names;
  for (auto v : boost::make_iterator_range(boost::vertices(g)))
    if (++names[g[v].name] > 1) throw std::runtime_error("topology: two elements are named '" + g[v].name + "'");
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto& spec = g[e].spec;
    if (spec.bandwidth_Bps <= 0) throw std::runtime_error("topology: link '" + g[e].name + "' has no bandwidth");
    auto a = boost::source(e, g), b = boost::target(e, g);
    if (a == b) throw std::runtime_error("topology: link '" + g[e].name + "' is a loop");
    // a dangling link is one whose host end has no other purpose: every host vertex must have degree 1
    for (auto v : {a, b})
      if (g[v].kind == "host" && boost::degree(v, g) != 1)
        throw std::runtime_error("topology: host '" + g[v].name + "' must have exactly one NIC link");
  }
  // every service placed
  auto placed = [&](const char* role) {
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
      if (g[v].role == role) return true;
    return false;
  };
  if (!placed("controller")) throw std::runtime_error("topology: no controller host for nova-api/conductor/scheduler");
  if (!placed("glance")) throw std::runtime_error("topology: no glance host");
  if (!placed("cinder-volume")) throw std::runtime_error("topology: no cinder-volume host");
  if (!placed("compute")) throw std::runtime_error("topology: no compute host");
  bool needs_ceph = t.glance_store == GlanceStore::Rbd;
  for (const auto& b : t.cinder_backends) needs_ceph |= b.driver == CinderDriver::Rbd;
  if (needs_ceph && !placed("ceph")) throw std::runtime_error("topology: an rbd store/backend needs the ceph cluster");
}

}  // namespace bfv::platform

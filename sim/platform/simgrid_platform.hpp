// The SimGrid platform derived from the topology graph: one star zone for the control plane,
// one per rack, all under a star zone whose routes cross each zone's uplink and the spine.
// Routes are implicit (star: host NIC up, uplink, spine, uplink, host NIC down), so a cloud of
// thousands of computes costs O(hosts) routing state, never O(hosts^2).
//
// Network model: CM02 with split-duplex links and no cross-traffic, so that one flow of S bytes over
// links of bandwidth B (min over the route) and one-way latencies L_i takes sum(L_i) + S/B, limited
// by TCP's window: rate <= network/TCP-gamma / (2 * sum(L_i)) (SimGrid default gamma 4 MiB).
// LV08 (SimGrid's default) multiplies latency by 13.01 and bandwidth by 0.97; it is selectable
// with topology.network_model: LV08. See docs/timing-model.md.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/platform/topology_graph.hpp"
#include "sim/runtime/run_result.hpp"
#include "sim/scenario/scenario.hpp"

namespace bfv::platform {

namespace sg4 = simgrid::s4u;

struct Platform {
  sg4::Host* controller = nullptr;
  sg4::Host* glance = nullptr;
  sg4::Disk* glance_disk = nullptr;       // file store
  sg4::Host* ceph = nullptr;
  sg4::Disk* ceph_disk = nullptr;         // aggregate OSD throughput
  struct Backend {
    sg4::Host* host = nullptr;            // cinder-volume@backend
    sg4::Disk* conversion_disk = nullptr; // image_conversion_dir
    sg4::Disk* volume_disk = nullptr;     // LVM volume group (null for rbd)
  };
  std::map<std::string, Backend> backends;
  std::vector<sg4::Host*> computes;       // scenario order
  std::map<std::string, sg4::Disk*> compute_disks;
  std::vector<sg4::Link*> links;          // for utilization sampling (split-duplex halves)
  std::vector<ResourceInfo> resources;
};

// Sets the engine's network configuration; must run before build().
void configure_engine(sg4::Engine& e, const Topology& t);
Platform build(const Scenario& s, const TopologyGraph& g);

}  // namespace bfv::platform

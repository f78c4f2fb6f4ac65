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
#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "core/platform/flows.hpp"
#include "core/platform/topology_graph.hpp"
#include "core/run_result.hpp"
#include "core/platform/topology.hpp"

namespace bfv::platform {

namespace sg4 = simgrid::s4u;

// A disk, modelled with links instead of SimGrid's Disk. The constraints are those of SimGrid 3.32's
// S19 disk model (src/kernel/resource/DiskImpl.cpp): reads share `read`, writes share `write`, and
// reads + writes together share max(read, write). Each is a zero-latency link between two virtual
// hosts of the "disks" zone: a read is a Comm a -> b over [read, shared], a write b -> a over
// [shared, write]. Why: DiskS19Model keeps Model's default UpdateAlgo::FULL, so every event walks
// every running Io. A 10k LVM storm has ~10,000 concurrent Ios and did not finish in 400 s. The
// network model is Lazy, and CM02 shares zero-latency flows with penalty 1, the same max-min.
class Disk {
 public:
  Disk(std::string name, sg4::Host* a, sg4::Host* b, uint64_t* ios, double* io_bytes)
      : name_(std::move(name)), a_(a), b_(b), ios_(ios), io_bytes_(io_bytes) {}
  const std::string& get_name() const { return name_; }
  sg4::ActivityPtr read_async(uint64_t bytes) const { return start(a_, b_, bytes); }
  sg4::ActivityPtr write_async(uint64_t bytes) const { return start(b_, a_, bytes); }
  void read(uint64_t bytes) const { read_async(bytes)->wait(); }
  void write(uint64_t bytes) const { write_async(bytes)->wait(); }
  // Its read, write and read+write links (for the utilization sampler): busy = the highest of the three shares.
  void set_links(sg4::Link* rd, sg4::Link* wr, sg4::Link* rw) { links_ = {rd, wr, rw}; }
  // Ios start through the flow aggregator when there is one (flows.hpp).
  void set_flows(Flows* flows) { flows_ = flows; }
  double utilization() const {
    double u = 0;
    for (auto* l : links_)
      if (l) u = std::max(u, l->get_usage() / l->get_bandwidth());
    return u;
  }

 private:
  sg4::ActivityPtr start(sg4::Host* from, sg4::Host* to, uint64_t bytes) const {
    ++*ios_;
    *io_bytes_ += static_cast<double>(bytes);
    return flows_ ? flows_->start(from, to, bytes) : sg4::Comm::sendto_async(from, to, bytes);
  }
  std::string name_;
  sg4::Host* a_;
  sg4::Host* b_;
  uint64_t* ios_;
  double* io_bytes_;
  Flows* flows_ = nullptr;
  std::array<sg4::Link*, 3> links_{};
};

struct Platform {
  sg4::Host* controller = nullptr;      // the first controller: database, broker, and the clients' host
  std::vector<sg4::Host*> controllers;  // all of them (one unless topology.controller.count > 1)
  sg4::Host* glance = nullptr;
  Disk* glance_disk = nullptr;  // file store
  sg4::Host* ceph = nullptr;
  Disk* ceph_disk = nullptr;  // aggregate OSD throughput
  struct Backend {
    sg4::Host* host = nullptr;        // cinder-volume@backend
    Disk* conversion_disk = nullptr;  // image_conversion_dir
    Disk* volume_disk = nullptr;      // LVM volume group (null for rbd)
  };
  std::map<std::string, Backend> backends;
  std::vector<sg4::Host*> computes;  // scenario order
  std::map<std::string, Disk*> compute_disks;
  std::vector<sg4::Link*> links;  // for utilization sampling (split-duplex halves)
  std::vector<ResourceInfo> resources;
  std::vector<std::unique_ptr<Disk>> disks;  // every disk, in creation order
  std::vector<sg4::Host*> hosts;             // the real hosts (not the disks' virtual ones), creation order
  // Ios started on the disks (their Comms are not Comms of the model): report.json simgrid_work.
  std::unique_ptr<uint64_t> ios = std::make_unique<uint64_t>(0);
  std::unique_ptr<double> io_bytes = std::make_unique<double>(0.0);
  // The flow aggregator (flows.hpp), or null for the per-flow model (every transfer its own Comm).
  std::unique_ptr<Flows> flows;
  sg4::Host* flows_clock = nullptr;  // virtual host of the aggregator's completion Execs
  void use_flows(std::unique_ptr<Flows> f) {
    flows = std::move(f);
    for (auto& d : disks) d->set_flows(flows.get());
  }
  // A bulk transfer src -> dst: Comm::sendto_async, through the aggregator when there is one.
  sg4::ActivityPtr send(sg4::Host* src, sg4::Host* dst, uint64_t bytes) const {
    return flows ? flows->start(src, dst, bytes) : sg4::Comm::sendto_async(src, dst, bytes);
  }
};

// The process's one SimGrid engine (SimGrid's engine is a singleton), created quiet (log threshold
// critical) with `program` as its argv[0]. Left allocated on purpose: the process ends after the
// reports, and tearing down SimGrid's platform and solver state is time for nothing. Every engine of
// bfvsim's comes from here: the run, the floor program, the tests.
sg4::Engine& make_engine(const char* program);

// Sets the engine's network configuration; must run before build().
// Up to this many requests in a run, actor stacks get a guard page (see configure_engine).
constexpr int64_t kGuardedRequests = 20'000;
void configure_engine(sg4::Engine& e, const Topology& t, int64_t requests);
Platform build(const Topology& t, const TopologyGraph& g);
// configure_engine, the topology graph validated, then build(): what every engine of bfvsim's does
// (the run, the floor program, the physics tests).
Platform configure_and_build(sg4::Engine& e, const Topology& t, int64_t requests);

}  // namespace bfv::platform

// bfvsim_floor — what a storm costs in plain SimGrid, with no OpenStack logic.
//
// usage: bfvsim_floor SCENARIO.yaml REPORT.json
//
// Builds the scenario's platform with bfvsim's own builder (same zones, links, disks, engine
// configuration) and replays report.json's `simgrid_work`: one actor per request (or as many as bfvsim
// created, if more), sleeps of the
// same mean duration, and Comms, Execs and Ios of the same count and mean size. Actors start evenly
// over the run's arrival window (first to last request submitted); actor k sends its Comms from the
// Glance host to cinder-volume host k mod B, runs its Execs on compute k mod N and its Ios on disk
// k mod D, one activity after the other. It prints `floor_wall_s <seconds>` (platform build + simulation, not the JSON parse) and
// what it replayed. bench/run-bench.sh divides bfvsim's wall time by it.
//
// What the floor leaves out on purpose: everything bfvsim adds above SimGrid — API semantics,
// scheduling, Cinder's path choice, locks and queues, the event log, the end-of-run reports.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <vector>

#include <nlohmann/json.hpp>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "core/platform/simgrid_platform.hpp"
#include "core/platform/topology_graph.hpp"
#include "sim/scenario/scenario.hpp"

namespace sg4 = simgrid::s4u;

namespace {

// Items [k*C/A, (k+1)*C/A) of C spread over A actors: every actor gets C/A, rounded, summing to C.
uint64_t share(uint64_t total, uint64_t actors, uint64_t k) { return (k + 1) * total / actors - k * total / actors; }

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s SCENARIO.yaml REPORT.json\n", argv[0]);
    return 2;
  }
  nlohmann::json rep;
  {
    std::ifstream in(argv[2]);
    if (!in) {
      std::fprintf(stderr, "%s: cannot open %s\n", argv[0], argv[2]);
      return 2;
    }
    rep = nlohmann::json::parse(in);
  }
  if (!rep.contains("simgrid_work")) {
    std::fprintf(stderr, "%s: %s has no simgrid_work (written by bfvsim >= this version)\n", argv[0], argv[2]);
    return 2;
  }
  const auto& w = rep["simgrid_work"];
  // One actor per request, each running that request's share of the work in sequence (in bfvsim a
  // request's activities follow each other too), or as many actors as bfvsim created if that is more.
  // bfvsim's pools reuse workers, so its actor count measures concurrency, not the chains the work
  // forms: spread over 3,400 actors, a 10k LVM storm's Comms and Ios pile up per actor and overlap
  // far more than in the run (the floor took > 90 s for a 7 s storm).
  const uint64_t actors = std::max<uint64_t>({1, w["actors"].get<uint64_t>(), rep["requests"].size()});
  const uint64_t sleeps = w["sleeps"], comms = w["comms"], execs = w["execs"], ios = w["ios"];
  const double sleep_mean = sleeps ? w["sleep_s"].get<double>() / static_cast<double>(sleeps) : 0;
  const double comm_mean = comms ? w["comm_bytes"].get<double>() / static_cast<double>(comms) : 0;
  const double exec_mean = execs ? w["exec_flops"].get<double>() / static_cast<double>(execs) : 0;
  const double io_mean = ios ? w["io_bytes"].get<double>() / static_cast<double>(ios) : 0;
  double t_first = 0, t_last = 0;
  bool any = false;
  for (const auto& r : rep["requests"]) {
    double t = r["t_submit"];
    if (!any || t < t_first) t_first = t;
    if (!any || t > t_last) t_last = t;
    any = true;
  }
  bfv::Scenario s = bfv::load_scenario(argv[1]);

  auto wall0 = std::chrono::steady_clock::now();
  auto& e = bfv::platform::make_engine("bfvsim_floor");
  auto pf = bfv::platform::configure_and_build(e, s.topology, s.request_count());
  std::vector<bfv::platform::Disk*> disks;  // bfvsim's disks (links in the Lazy network model)
  for (const auto& d : pf.disks) disks.push_back(d.get());
  std::vector<sg4::Host*> workers = pf.computes.empty() ? std::vector<sg4::Host*>{pf.controller} : pf.computes;
  // Comms go where bfvsim's bulk transfers go in a boot-from-volume storm: Glance to the cinder-volume
  // hosts, which sit in Glance's zone. (Sent to the computes instead, 8 GB/s of downloads crossed the
  // 40 Gbps control uplink that no download of the run crossed, and the floor of a 7 s storm ran for
  // minutes in the sharing solver.) Image-backed storms download to the computes: for them this floor
  // is lower than the run's true cost, which a floor may be.
  std::vector<sg4::Host*> receivers;
  for (const auto& [name, b] : pf.backends) receivers.push_back(b.host);
  if (receivers.empty()) receivers = workers;

  // A driver starts actor k at its arrival time (as bfvsim's workload driver does); its sleeps count
  // against the replayed total.
  const double window = t_last - t_first;
  const uint64_t body_sleeps = sleeps > actors ? sleeps - actors : 0;
  sg4::Actor::create("floor-driver", pf.controller, [&, src = pf.glance] {
    for (uint64_t k = 0; k < actors; ++k) {
      double start = t_first + (actors > 1 ? window * static_cast<double>(k) / static_cast<double>(actors - 1) : 0);
      if (start > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(start);
      sg4::Host* host = workers[k % workers.size()];
      sg4::Host* receiver = receivers[k % receivers.size()];
      bfv::platform::Disk* disk = disks.empty() ? nullptr : disks[k % disks.size()];
      uint64_t n_sleep = share(body_sleeps, actors, k), n_comm = share(comms, actors, k),
               n_exec = share(execs, actors, k), n_io = share(ios, actors, k);
      auto a = sg4::Actor::init("floor", pf.controller);
      a->set_stacksize(32);  // KiB, as bfvsim's service actors
      a->start([=] {
        for (uint64_t i = 0; i < n_sleep; ++i) sg4::this_actor::sleep_for(sleep_mean);
        for (uint64_t i = 0; i < n_comm; ++i)
          sg4::Comm::sendto_async(src, receiver, static_cast<uint64_t>(comm_mean))->wait();
        for (uint64_t i = 0; i < n_exec; ++i) {
          auto ex = sg4::this_actor::exec_init(exec_mean);
          ex->set_host(host);
          ex->start()->wait();
        }
        for (uint64_t i = 0; i < n_io && disk; ++i)
          (i % 2 ? disk->read_async(static_cast<uint64_t>(io_mean)) : disk->write_async(static_cast<uint64_t>(io_mean)))
              ->wait();
      });
    }
  });
  e.run();
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  std::printf("floor_wall_s %.3f\n", wall);
  std::printf("floor_sim_s %.3f\n", sg4::Engine::get_clock());
  std::printf("replayed actors=%llu sleeps=%llu comms=%llu execs=%llu ios=%llu\n",
              static_cast<unsigned long long>(actors), static_cast<unsigned long long>(sleeps),
              static_cast<unsigned long long>(comms), static_cast<unsigned long long>(execs),
              static_cast<unsigned long long>(ios));
  return 0;
}

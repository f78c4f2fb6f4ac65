// Physics oracles: simulated seconds against analytic expectations. SimGrid's engine is a process
// singleton, so ctest runs each test case in its own process (-tc=...).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "core/platform/simgrid_platform.hpp"
#include "core/platform/topology_graph.hpp"
#include "sim/runtime/run.hpp"
#include "sim/scenario/scenario.hpp"

namespace sg4 = simgrid::s4u;

namespace {
std::string read(const char* path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}
}  // namespace

// CM02 with split-duplex links and no cross-traffic (docs/timing-model.md): one flow of S bytes
// takes sum(latency of the route's links) + S / min(bandwidth), as long as TCP's window
// (gamma / 2·RTT-ish) is not the limit.
TEST_CASE("download: one image over the routed links takes latency + size/bandwidth") {
  auto s = bfv::load_scenario_text(read("scenarios/quickstart.yaml"), "quickstart.yaml");
  // Make the compute NIC the bottleneck: 1 Gbps, 200 us.
  s.topology.racks[0].computes[0].nic = {1e9 / 8, 200e-6};
  auto& e = bfv::platform::make_engine("t");
  auto pf = bfv::platform::configure_and_build(e, s.topology, s.request_count());
  const double S = 2.2e9;
  double measured = -1;
  sg4::Actor::create("dl", pf.glance, [&] {
    auto c = sg4::Comm::sendto_async(pf.glance, pf.computes[0], static_cast<uint64_t>(S));
    c->wait();
    measured = sg4::Engine::get_clock();
  });
  e.run();
  // route: glance NIC 50us, control uplink 5us, spine 2us twice, rack uplink 5us, compute NIC 200us
  double L = 50e-6 + 5e-6 + 2e-6 + 2e-6 + 5e-6 + 200e-6;
  double expected = L + S / (1e9 / 8);
  CHECK(measured == doctest::Approx(expected).epsilon(0.01));
  CHECK(measured == doctest::Approx(17.6).epsilon(0.01));
}

// N simultaneous image->volume creations on one LVM backend (generic path, cache off):
// downloads share the conversion disk's write bandwidth, then the N qemu-img converts share the
// volume group's write bandwidth. With the client cap off and CPUs not the
// bottleneck, the last volume is ready at N·S/B_conv + t_info + t_lvcreate + N·V/B_vg (+ small API/RPC).
TEST_CASE("lvm_concurrent: N concurrent creations take the time the flow model predicts") {
  std::string text = read("scenarios/quickstart.yaml");
  text = replace(
      text, "seed: 42\n",
      "seed: 42\nconfig:\n  cinder:\n    timing: {glance_client_cap: \"100GBps\", qemu_img_flops_per_byte: 0.01}\n");
  text = replace(text, "size: \"2.2GB\", virtual_size: \"10GiB\"", "size: \"1GB\", virtual_size: \"4GB\"");
  text = replace(text, "  - name: seed-000\n", "  - name: seed-000\n    count: 8\n");
  text = replace(text, "computes: {count: 4,", "computes: {count: 8,");
  // quickstart's expect: names its one request; with count 8 they are volume-backed-1..8, which the
  // loader checks (issue 17 item 8): this test reads times, not expectations.
  text = text.substr(0, text.find("expect:\n"));
  auto s = bfv::load_scenario_text(text, "lvm.yaml");
  s.expect.clear();
  bfv::RunResult r = bfv::run_scenario(s, {});
  const int N = 8;
  double first_create = 1e300, last_ready = 0;
  const auto& log = r.log;
  for (const auto& sp : log.spans())
    if (log.name(sp.name) == "cinder_create") {
      first_create = std::min(first_create, sp.start);
      last_ready = std::max(last_ready, sp.end);
    }
  double S = 1e9, V = 4e9;
  double expected = N * S / 800e6 + 0.2 + 0.5 + N * V / 500e6;
  CHECK(last_ready - first_create == doctest::Approx(expected).epsilon(0.02));
  int active = 0;
  for (const auto& q : r.requests) active += q.final_status == bfv::FinalStatus::Active;
  CHECK(active == N);
}

// One image download into cinder-volume is a single glanceclient stream, CPU-bound at
// glance_client_cap (132.1 MB/s, python-glanceclient 7d78cc4): quickstart's 2.2 GB image takes S/cap,
// not S/B of the 10 Gbps links; qemu-img convert then costs 10 flop/B of virtual size on one 2.5 Gf core.
TEST_CASE("client_cap: a single Glance download runs at the client's CPU-bound rate") {
  auto s = bfv::load_scenario_text(read("scenarios/quickstart.yaml"), "quickstart.yaml");
  bfv::RunResult r = bfv::run_scenario(s, {});
  const auto& log = r.log;
  double download = 0, convert = 0;
  for (const auto& sp : log.spans()) {
    if (log.name(sp.name) == "image_download" && sp.kind == bfv::SpanKind::Phase) download = sp.end - sp.start;
    if (log.name(sp.name) == "image_convert") convert = sp.end - sp.start;
  }
  CHECK(download == doctest::Approx(2.2e9 / 132.1e6).epsilon(0.01));
  CHECK(convert == doctest::Approx(10.0 * 10 * 1073741824.0 / 2.5e9).epsilon(0.01));
  REQUIRE(r.requests.size() == 1);
  CHECK(r.requests[0].final_status == bfv::FinalStatus::Active);
}

// Disks are links (core/platform/simgrid_platform.hpp, class Disk) with SimGrid's S19 constraints:
// reads share `read`, writes share `write`, and both together share max(read, write). On the glance
// store of quickstart (read 1 GB/s, write 800 MB/s): a 1 GB read and a 0.8 GB write at once share the
// 1 GB/s read+write link fairly, 0.5 GB/s each; the write ends at 1.6 s, and the read then runs
// alone at 1 GB/s for its last 0.2 GB: it ends at 1.8 s. (Without the shared link: 1.0 s and 1.0 s.)
TEST_CASE("disk_shared: a read and a write on one disk share max(read, write) as S19 does") {
  auto s = bfv::load_scenario_text(read("scenarios/quickstart.yaml"), "quickstart.yaml");
  auto& e = bfv::platform::make_engine("t");
  auto pf = bfv::platform::configure_and_build(e, s.topology, s.request_count());
  double t_read = -1, t_write = -1;
  sg4::Actor::create("io", pf.controller, [&] {
    auto r = pf.glance_disk->read_async(1'000'000'000);
    auto w = pf.glance_disk->write_async(800'000'000);
    w->wait();
    t_write = sg4::Engine::get_clock();
    r->wait();
    t_read = sg4::Engine::get_clock();
  });
  e.run();
  CHECK(t_write == doctest::Approx(1.6).epsilon(0.001));
  CHECK(t_read == doctest::Approx(1.8).epsilon(0.001));
  CHECK(*pf.ios == 2);
}

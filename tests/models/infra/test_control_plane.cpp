// Control-plane services (models/infra/control_plane.hpp): requests queue FIFO for a worker, the
// wait is a Wait span on queue:<service>, an RPC caller's deadline ends the wait with a timeout
// (oslo.messaging's MessagingTimeout), steps share a host's cores as Execs, and the database pool
// times out after pool_timeout. Values checked against hand-computed queueing times.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <algorithm>
#include <map>
#include <vector>

#include <doctest/doctest.h>

#include "models/infra/control_plane.hpp"
#include "core/platform/simgrid_platform.hpp"
#include "core/run_result.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/core/engine/sim_test_env.hpp"

namespace sg4 = simgrid::s4u;
using bfv::infra::Service;

TEST_CASE("control plane: FIFO workers, queue spans, RPC deadline, core sharing, DB pool timeout") {
  bfv::test::OneHostEngine env;  // host "h": one core of 1 Gf, so every CPU step is an Exec
  bfv::Scenario scn;
  bfv::platform::Platform pf;
  bfv::RunResult result;
  bfv::SimContext ctx(scn.topology, pf, result, 1);
  bfv::infra::HostLoad load;
  auto* h = env.host;
  // one process (workers 1), 64 greenthreads: requests run one after the other
  Service one(ctx, load, "svc-one", h, h, bfv::infra::ServiceParams{1, 64}, 1, 0.0);
  // three processes on the one core: processor sharing
  Service three(ctx, load, "svc-three", h, h, bfv::infra::ServiceParams{3, 64}, 1, 0.0);
  // a pool of one connection (max_pool_size 1, max_overflow 0), pool_timeout 2 s, 1 s per query
  bfv::infra::ServiceParams dbp{1, 64, 1, 0, 2.0, -1};
  Service db(ctx, load, "svc-db", h, h, dbp, 1, 1.0);

  std::map<int, double> end;
  std::map<int, Service::Outcome> out;
  auto req = [&](int id, Service& s, double start, double cpu, int queries, double deadline) {
    sg4::Actor::create("r" + std::to_string(id), h, [&, id, start, cpu, queries, deadline] {
      sg4::this_actor::sleep_until(start);
      out[id] = s.handle(id, 0, -1, cpu, queries, deadline);
      end[id] = sg4::Engine::get_clock();
    });
  };
  const double inf = std::numeric_limits<double>::infinity();
  // FIFO: 1 s requests arriving at 0, 0.1, 0.2 end at 1, 2, 3 (waits 0, 0.9, 1.8).
  for (int i = 1; i <= 3; ++i) req(i, one, 0.1 * (i - 1), 1.0, 0, inf);
  // Deadline: at t=10 a 10 s request holds the worker; one arriving at 10.5 with a 5 s deadline
  // times out at 15.5 without running.
  req(4, one, 10, 10.0, 0, inf);
  req(5, one, 10.5, 1.0, 0, 15.5);
  // Sharing: at t=100 three 1 s steps on three processes share the single core: all end at 103.
  for (int i = 6; i <= 8; ++i) req(i, three, 100, 1.0, 0, inf);
  // DB pool (one connection, pool_timeout 2 s): a 3-query request (3 s) at 200 holds it until 203;
  // one at 200.1 gives up at 202.1 (DbPoolTimeout); one at 202.5 waits 0.5 s and ends at 206.
  req(9, db, 200, 0, 3, inf);
  req(10, db, 200.1, 0, 3, inf);
  req(11, db, 202.5, 0, 3, inf);
  // hold (a call blocking the whole process, e.g. librados connect in cinder-volume's eventlet hub):
  // three 2 s holds arriving together at 300 on the one process leave at 302, 304, 306 (the k-th
  // served at 300 + 2k), and a 1 s CPU step arriving at 300.5 runs after them, FIFO: 306 -> 307.
  auto hold_label = result.log.intern("rados_connect");
  auto hold_res = result.log.intern("hub:svc-one");
  for (int i = 12; i <= 14; ++i)
    sg4::Actor::create("h" + std::to_string(i), h, [&, i] {
      sg4::this_actor::sleep_until(300);
      one.hold(i, 0, -1, 2.0, hold_label, hold_res);
      end[i] = sg4::Engine::get_clock();
    });
  req(15, one, 300.5, 1.0, 0, inf);
  env.engine.run();
  std::vector<double> held{end[12], end[13], end[14]};  // simultaneous arrivals: any order, one at a time
  std::sort(held.begin(), held.end());
  CHECK(held[0] == doctest::Approx(302));
  CHECK(held[1] == doctest::Approx(304));
  CHECK(held[2] == doctest::Approx(306));
  CHECK(end[15] == doctest::Approx(307));
  int holds = 0;
  for (const auto& sp : result.log.spans())
    if (sp.resource == hold_res) ++holds;
  CHECK(holds == 3);

  CHECK(end[1] == doctest::Approx(1));
  CHECK(end[2] == doctest::Approx(2));
  CHECK(end[3] == doctest::Approx(3));
  CHECK(one.waited == 5);  // requests 2 and 3 waited and ran; 5 waited and gave up; holds 13, 14 and step 15 waited
  CHECK(one.timeouts == 1);
  CHECK(out[5] == Service::Outcome::Timeout);
  CHECK(end[5] == doctest::Approx(15.5));
  CHECK(end[4] == doctest::Approx(20));
  for (int i = 6; i <= 8; ++i) CHECK(end[i] == doctest::Approx(103));
  CHECK(end[9] == doctest::Approx(203));
  CHECK(out[10] == Service::Outcome::DbPoolTimeout);
  CHECK(end[10] == doctest::Approx(202.1));
  CHECK(out[11] == Service::Outcome::Ok);
  CHECK(end[11] == doctest::Approx(206));
  CHECK(db.pool_timeout_error() == "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 2.00");
  // The waits are Wait spans on queue:svc-one (requests 2, 3, and 5's failed one).
  int spans = 0;
  auto q = result.log.intern("queue:svc-one");
  for (const auto& sp : result.log.spans())
    if (sp.resource == q) ++spans;
  CHECK(spans == 6);  // and the waits of holds 13, 14 and step 15
}

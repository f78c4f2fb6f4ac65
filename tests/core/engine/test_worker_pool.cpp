// WorkerPool (core/engine/worker_pool.hpp): workers park between jobs instead of ending, the cap
// still holds, and a job still running after every ordinary actor has ended is not cut short
// (parked workers are daemons; the keeper holds the simulation open while any worker is busy).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/engine/worker_pool.hpp"
#include "core/sanitizer.hpp"
#include "tests/core/engine/sim_test_env.hpp"

namespace sg4 = simgrid::s4u;

TEST_CASE("worker_pool: reuse, limit, and a job outliving the submitter") {
  // Workers never end normally (parked ones are killed with the daemons): the stack check must
  // still see how deep their jobs went (stack_checkpoint after each job).
  setenv("BFVSIM_STACK_CHECK", "1", 1);
  bfv::test::OneHostEngine env;
  auto* h = env.host;

  std::map<std::string, int> created;
  sg4::Actor::on_creation_cb([&](sg4::Actor& a) { ++created[a.get_name()]; });
  bfv::WorkerPool pool("w", h, /*limit*/ 2, bfv::kServiceStack, /*max_idle*/ 1);
  std::map<int, double> done;     // job -> end time
  std::map<int, double> started;  // job -> start time
  int running = 0, max_running = 0;
  auto job = [&](int id, double secs) {
    return [&, id, secs] {
      started[id] = sg4::Engine::get_clock();
      if (id == 2) bfv::test::touch_stack(12 * 1024);
      max_running = std::max(max_running, ++running);
      sg4::this_actor::sleep_for(secs);
      --running;
      done[id] = sg4::Engine::get_clock();
    };
  };
  sg4::Actor::create("driver", h, [&] {
    for (int i = 1; i <= 3; ++i) pool.submit(job(i, 10));
    sg4::this_actor::sleep_until(15);
    pool.submit(job(4, 10));
    pool.submit(job(5, 100));  // ends at 120, long after the driver
  });
  env.engine.run();

  // 1 and 2 run at once; 3 waits for a free worker (limit 2).
  CHECK(done[1] == doctest::Approx(10));
  CHECK(done[2] == doctest::Approx(10));
  CHECK(started[3] == doctest::Approx(10));
  CHECK(done[3] == doctest::Approx(20));
  // At 15 the worker parked at 10 takes job 4; job 5 waits for job 3's worker (20) and runs 100 s.
  CHECK(started[4] == doctest::Approx(15));
  CHECK(started[5] == doctest::Approx(20));
  CHECK(done[5] == doctest::Approx(120));
  CHECK(sg4::Engine::get_clock() == doctest::Approx(120));
  CHECK(max_running == 2);
  CHECK(created["w"] == 2);  // five jobs, two workers, reused
  CHECK(pool.queued() == 0);
  auto hw = bfv::stack_high_water();
  if (bfv::kAddressSanitizer) {
    CHECK(hw.empty());  // the check is off under ASan (core/sanitizer.hpp)
  } else {
    CHECK(hw["w"] >= 12 * 1024);
    CHECK(hw["w"] < 20 * 1024);
  }
}

// nova-scheduler + placement, pure: nova/scheduler/manager.py::select_destinations and
// nova/conf/scheduler.py::max_placement_results (GET /allocation_candidates?limit=).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "models/nova/scheduler.hpp"

using namespace bfv::nova;

namespace {
Placement cloud(int n, double ram_mb_each) {
  Placement p;
  for (int i = 0; i < n; ++i) {
    Provider pr;
    pr.name = std::to_string(i);
    pr.vcpu_total = 64;
    pr.ram_total = ram_mb_each;
    pr.disk_total = 1000;
    p.providers.push_back(pr);
  }
  return p;
}
ScheduleRequest small() {
  ScheduleRequest r;
  r.res = {1, 2048, 0};
  r.enabled_filters = {"ComputeFilter"};
  return r;
}
}  // namespace

TEST_CASE("scheduler: the RAM weigher picks the host with the most free RAM") {
  auto p = cloud(5, 64 * 1024);
  p.providers[3].ram_total = 128 * 1024;
  std::mt19937_64 rng(1);
  auto hosts = select_destinations(p, small(), "i-1", rng);
  REQUIRE(hosts.size() == 3);  // selected + max_attempts - 1 alternates
  CHECK(hosts[0] == 3);
  CHECK(p.allocation("i-1") != nullptr);
}

TEST_CASE("scheduler: only the first max_placement_results candidates are weighed") {
  auto p = cloud(5, 64 * 1024);
  p.providers[4].ram_total = 128 * 1024;  // best host, but placement never returns it
  auto r = small();
  r.max_placement_results = 2;
  std::mt19937_64 rng(1);
  auto hosts = select_destinations(p, r, "i-1", rng);
  REQUIRE(hosts.size() == 2);  // only two candidates: one alternate
  CHECK(hosts[0] < 2);
  CHECK(hosts[1] < 2);
  r.max_placement_results = 0;  // no limit
  auto all = select_destinations(p, r, "i-2", rng);
  CHECK(all[0] == 4);
}

TEST_CASE(
    "scheduler: providers without room do not use up the limit; down ones do (ComputeFilter runs after placement)") {
  auto p = cloud(4, 64 * 1024);
  p.providers[0].ram_used = 64 * 1024;  // full: not an allocation candidate
  p.providers[1].up = false;            // a candidate, filtered out by ComputeFilter
  auto r = small();
  r.max_placement_results = 2;
  std::mt19937_64 rng(1);
  auto hosts = select_destinations(p, r, "i-1", rng);
  REQUIRE(hosts.size() == 1);
  CHECK(hosts[0] == 2);
  p.providers[2].up = false;
  CHECK(select_destinations(p, r, "i-2", rng).empty());  // NoValidHost although host 3 has room
}

// placement/objects/allocation_candidate.py::limit_results: with [placement]
// randomize_allocation_candidates the limited answer is random.sample(all, limit), not all[:limit].
TEST_CASE("scheduler: randomize_allocation_candidates samples the limited answer from every provider with room") {
  auto r = small();
  r.max_placement_results = 10;
  r.max_attempts = 1;
  auto p = cloud(100, 64 * 1024);
  std::mt19937_64 rng(7);
  int beyond = 0;
  for (int k = 0; k < 50; ++k)
    if (select_destinations(p, r, "a-" + std::to_string(k), rng)[0] >= 10) ++beyond;
  CHECK(beyond == 0);  // default: the first ten providers only
  r.randomize_allocation_candidates = true;
  auto q = cloud(100, 64 * 1024);
  std::mt19937_64 rng2(7);
  for (int k = 0; k < 50; ++k)
    if (select_destinations(q, r, "b-" + std::to_string(k), rng2)[0] >= 10) ++beyond;
  CHECK(beyond > 35);  // ~90% of the providers lie beyond the first ten
  // Fewer providers with room than the limit: all of them, no sampling.
  auto few = cloud(5, 64 * 1024);
  few.providers[2].ram_total = 128 * 1024;
  CHECK(select_destinations(few, r, "c", rng2)[0] == 2);
}

TEST_CASE(
    "BuildFailureWeigher (nova/scheduler/weights/compute.py) sees failed_builds only once nova-compute saved them "
    "(manager.py::_build_failed: next claim or update_available_resource periodic)") {
  auto p = cloud(3, 64 * 1024);
  std::mt19937_64 rng(1);
  // host 0 failed a build at t = 5 s: its count is 1, the scheduler still reads 0.
  p.build_result(0, true, 5.0, 60.0);
  CHECK(p.providers[0].failed_builds_local == 1);
  CHECK(p.providers[0].failed_builds == 0);
  p.settle_stats(30.0);
  CHECK(p.providers[0].failed_builds == 0);
  auto before = select_destinations(p, small(), "i-1", rng);
  CHECK(before[0] == 0);  // all equal: provider order
  p.free("i-1");
  // the periodic at t = 60 s saves it: the -1e6 weight moves the pick away from host 0
  p.settle_stats(60.0);
  CHECK(p.providers[0].failed_builds == 1);
  auto after = select_destinations(p, small(), "i-2", rng);
  CHECK(after[0] == 1);
  CHECK(after.back() == 0);  // still an alternate, weighed last
  p.free("i-2");
  // a claim on the node saves the count at once; a success resets it (stats.py::build_succeeded)
  p.build_result(1, true, 61.0, 60.0);
  p.flush_stats(1);
  CHECK(p.providers[1].failed_builds == 1);
  p.build_result(1, false, 62.0, 60.0);
  CHECK(p.providers[1].failed_builds_local == 0);
  p.settle_stats(120.0);
  CHECK(p.providers[1].failed_builds == 0);
  // multiplier 0 switches the weigher off
  auto r = small();
  r.build_failure_weight_multiplier = 0;
  auto off = select_destinations(p, r, "i-3", rng);
  CHECK(off[0] == 0);
}

// Issue 17 item 8: everything about a scenario is validated at load, with file:line:col and key —
// `expect:` items fully type-checked (they were checked only after the run, some without a
// location), references resolved (requests, streams, projects, fault targets, snapshot volumes),
// duplicates and values that make no sense refused. Each case failed before (loaded, then failed
// or passed at random after the run, or did nothing) and is an exit-2 error now.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "tests/sim/scenario/loader_test_util.hpp"

namespace {
using bfv::test::error_of;
using bfv::test::quickstart;
using bfv::test::replace;

const std::string kExpect = "  - {volumes: {source: \"image:\"}, count: 1}\n";
// quickstart with its last expectation replaced by `item` (a flow mapping on one line).
std::string with_expect(const std::string& item) { return replace(quickstart(), kExpect, "  - " + item + "\n"); }
// The error must name s.yaml:LINE:COL and contain `what`.
void refused(const std::string& text, const std::string& what) {
  const std::string e = error_of(text);
  CHECK_MESSAGE(e.rfind("s.yaml:", 0) == 0, e);
  CHECK_MESSAGE(e.find(what) != std::string::npos, e);
  // file:line:col
  CHECK_MESSAGE(e.find(':', 7) != std::string::npos, e);
}
}  // namespace

TEST_CASE("quickstart loads (the baseline of every case below)") { CHECK(error_of(quickstart()) == "no error"); }

TEST_CASE("expect: wrong types are refused at load with line:col and key, not after the run") {
  // Before: `count: lots` threw nlohmann's type_error at the end of the run (exit 2, no location).
  refused(with_expect("{final_status: ACTIVE, count: lots}"),
          ":66:35: expect[1].count: expected an integer, found 'lots'");
  refused(with_expect("{final_status: ACTIVE, count: [1]}"), "expect[1].count: expected an integer");
  refused(with_expect("{request: volume-backed, api_status: ok}"), "expect[1].api_status: expected an integer");
  refused(with_expect("{request: volume-backed, api_status: 2020}"), "api_status: must be between 0 and 599");
  refused(with_expect("{request: volume-backed, attempts: -1}"), "attempts: must be between 0 and");
  refused(with_expect("{final_status: [ACTIVE], count: 1}"), "final_status: expected a string");
  refused(with_expect("{request: volume-backed, bdm: x, volume_status: in-use}"), "bdm: expected an integer");
  refused(with_expect("{quota: {project: demo, service: nova, resource: instances, in_use: many}}"),
          "in_use: expected an integer");
  refused(with_expect("{quota: {project: demo, service: nova, resource: instances}}"),
          "quota: missing required key 'in_use'");
}

TEST_CASE("expect: values the run can never produce are refused, with a suggestion") {
  refused(with_expect("{final_status: ACTVE, count: 1}"), "unknown final_status 'ACTVE'; did you mean 'ACTIVE'?");
  refused(with_expect("{request: volume-backed, cinder_path: downlaod}"),
          "unknown cinder_path 'downlaod'; did you mean 'download'?");
  refused(with_expect("{volumes: {status: inuse}, count: 1}"), "unknown volume status 'inuse'; did you mean 'in-use'?");
  refused(with_expect("{phase: volume_wiat, percentile: 95, below: 3min}"),
          "unknown phase 'volume_wiat'; did you mean 'volume_wait'?");
  refused(with_expect("{quota: {project: demo, service: glance, resource: images, in_use: 1}}"),
          "service must be nova or cinder");
  refused(with_expect("{quota: {project: demo, service: nova, resource: volumes, in_use: 1}}"),
          "unknown nova quota resource 'volumes'");
}

TEST_CASE("expect: dangling references to requests, streams and projects are refused at load") {
  // Before: {request: nope} failed only at the end of the run ("a request named 'nope'", none).
  refused(with_expect("{request: nope, final_status: ACTIVE}"),
          "expect[1].request: no request named 'nope' in this workload");
  refused(with_expect("{stream: seed-001, count: 1}"), "unknown stream 'seed-001'; did you mean 'seed-000'?");
  refused(with_expect("{volumes: {request: nope}, count: 0}"), "expect[1].volumes.request: no request named 'nope'");
  refused(with_expect("{volumes: {project: admin}, count: 0}"), "unknown project 'admin'");
  refused(with_expect("{quota: {project: admin, service: nova, resource: instances, in_use: 0}}"),
          "unknown project 'admin'");
  // A stream with count > 1 names its requests NAME-1 .. NAME-count.
  std::string three =
      replace(quickstart(), "    project: demo\n    request:", "    project: demo\n    count: 3\n    request:");
  three = replace(three, "{request: volume-backed, api_status: 202, final_status: ACTIVE, cinder_path: download}",
                  "{request: volume-backed-1, api_status: 202}");
  CHECK(error_of(replace(three, kExpect, "  - {request: volume-backed-3, api_status: 202}\n")) == "no error");
  refused(replace(three, kExpect, "  - {request: volume-backed-4, api_status: 202}\n"),
          "no request named 'volume-backed-4'");
  refused(replace(three, kExpect, "  - {request: volume-backed, api_status: 202}\n"),
          "no request named 'volume-backed'");
}

TEST_CASE("expect: keys its form does not read, and contradictions, are refused (they were silently ignored)") {
  refused(with_expect("{request: volume-backed, count: 3}"),
          "expect[1].count: 'count' is not read by a request expectation");
  refused(with_expect("{quota: {project: demo, service: nova, resource: instances, in_use: 0}, final_status: ACTIVE}"),
          "'final_status' is not read by a quota expectation");
  refused(with_expect("{phase: spawn, percentile: 95, below: 1min, final_status: ERROR}"),
          "'final_status' is not read by a phase expectation");
  // Before: a filter without a count failed after the run ("expected a count").
  refused(with_expect("{final_status: ACTIVE}"), "a request filter expectation needs count, at_least or at_most");
  refused(with_expect("{volumes: {source: blank}}"), "a volumes expectation needs count, at_least or at_most");
  refused(with_expect("{final_status: ACTIVE, at_least: 5, at_most: 2}"),
          "at_most is below at_least: no count can pass");
  refused(with_expect("{final_status: ACTIVE, count: 1, at_least: 1}"), "count is exact");
  // Before: a phase with neither below nor above always passed.
  refused(with_expect("{phase: spawn, percentile: 95}"), "a phase expectation needs 'below' or 'above'");
  refused(with_expect("{phase: spawn, percentile: 95, below: 1s, above: 2s}"), "below must be greater than above");
  refused(with_expect("{host_count: 0, final_status: ACTIVE}"), "host_count: must be between 1 and");
  refused(with_expect("{request: volume-backed, host_count: 2}"), "one expectation checks one thing");
}

TEST_CASE("faults: targets must exist (apply_fault silently did nothing), keys must be read by the kind") {
  const std::string q = quickstart();
  auto with_fault = [&](const std::string& f) { return replace(q, "expect:\n", "faults:\n  - " + f + "\nexpect:\n"); };
  CHECK(error_of(with_fault("{at: 10s, kind: compute_down, target: r1-cmp001}")) == "no error");
  CHECK(error_of(with_fault("{at: 10s, kind: link_degrade, target: r1-uplink, factor: 0.5}")) == "no error");
  CHECK(error_of(with_fault("{at: 10s, kind: link_degrade, target: glance-nic, factor: 0}")) == "no error");
  CHECK(error_of(with_fault("{at: 10s, kind: backend_down, target: lvm-1}")) == "no error");
  refused(with_fault("{at: 10s, kind: compute_down, target: r1-cmp005}"),
          "faults[0].target: no compute host named 'r1-cmp005' in the topology; did you mean 'r1-cmp001'?");
  refused(with_fault("{at: 10s, kind: spawn_fail, target: compute-1}"), "no compute host named 'compute-1'");
  refused(with_fault("{at: 10s, kind: backend_up, target: lvm-2}"), "no Cinder backend named 'lvm-2'");
  refused(with_fault("{at: 10s, kind: link_restore, target: r2-uplink}"), "no link named 'r2-uplink'");
  refused(with_fault("{at: 10s, kind: link_degrade, target: spine, factor: -1}"), "factor must not be negative");
  refused(with_fault("{at: 10s, kind: glance_slow, target: glance, factor: 0}"), "factor must be positive");
  refused(with_fault("{at: 10s, kind: compute_down, target: r1-cmp001, factor: 2}"),
          "'factor' is only read by kinds link_degrade and glance_slow");
  refused(with_fault("{at: 10s, kind: compute_down, target: r1-cmp001, delay: 1s}"),
          "'delay' is only read by kind bus_delay");
  refused(with_fault("{at: 10s, kind: bus_delay, target: r1-cmp001, delay: 1s}"), "bus_delay has no target");
}

TEST_CASE("cloud, projects, topology: zero, negative and duplicate values that make no sense") {
  const std::string q = quickstart();
  // nova/api/openstack/compute/schemas/flavor_manage.py: vcpus and ram positive, disk non-negative
  refused(replace(q, "vcpus: 2, ram: 4096", "vcpus: 0, ram: 4096"), "vcpus: must be between 1 and 2147483647, found 0");
  refused(replace(q, "vcpus: 2, ram: 4096", "vcpus: 2, ram: -1"), "ram: must be between 1 and");
  refused(replace(q, "ram: 4096, disk: 20", "ram: 4096, disk: -20"), "disk: must be between 0 and");
  refused(replace(q, "min_disk: 10", "min_disk: -1"), "min_disk: must be between 0 and");
  refused(replace(q, "  networks: [", "  volumes: [{id: v1, size: 0}]\n  networks: ["), "size: must be between 1 and");
  refused(replace(q, "  networks: [",
                  "  volumes: [{id: v1, size: 1}]\n  snapshots: [{id: s1, volume_id: v2, size: 1}]\n  networks: ["),
          "snapshots[0].volume_id: no volume with id 'v2' in cloud.volumes");
  refused(replace(q, "  - id: demo\n", "  - id: demo\n    quotas: {nova: {instances: -2}}\n"),
          "instances: must be between -1 and");
  CHECK(error_of(replace(q, "  - id: demo\n",
                         "  - id: demo\n    quotas: {nova: {instances: -1}, cinder: {volumes: -1}}\n")) == "no error");
  refused(replace(q, "ram_mb: 131072", "ram_mb: 0"), "ram_mb: must be between 1 and");
  refused(replace(q, "speed: \"2.5Gf\", ram_mb", "speed: \"0Gf\", ram_mb"), "speed must be positive");
  refused(replace(q, "capacity_gb: 20000", "capacity_gb: -5"), "capacity_gb must not be negative");
  // two racks whose names and prefixes give the same host names (SimGrid refuses a second host of a name)
  refused(replace(q, "  racks:\n",
                  "  racks:\n    - {name: r1-x, computes: {count: 1}}\n    - {name: r1, computes: {count: 1, prefix: "
                  "x-cmp}}\n"),
          "two hosts named 'r1-x-cmp001'");
}

// sim/scenario/rally_task: Rally task files (v1, v2) become workload streams of a cloud scenario.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "sim/scenario/rally_task.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace {
bfv::Scenario cloud() { return bfv::load_scenario("scenarios/rally/cloud.yaml"); }
std::string error_of(const std::string& task) {
  auto s = cloud();
  try {
    bfv::apply_rally_task_text(task, "t.yaml", s);
  } catch (const bfv::scn::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("the sample v2 task: constant runner, two tenants, unlimited quotas, volume pre-created through Cinder") {
  auto s = cloud();
  auto t = bfv::apply_rally_task("scenarios/rally/boot-from-volume-task.yaml", s);
  CHECK(t.scenario == "NovaServers.boot_server_from_volume_and_delete");
  CHECK(t.deletes);
  CHECK(t.sla_failure_rate_max == 0);
  REQUIRE(s.workload.size() == 1);
  const auto& st = s.workload[0];
  CHECK(st.arrival.kind == "rally_constant");
  CHECK(st.count == 20);
  CHECK(st.arrival.concurrency == 5);
  CHECK(st.rally_polling);
  CHECK(st.rally_projects == std::vector<std::string>{"rally_tenant_1", "rally_tenant_2"});
  CHECK(st.then.kind == "delete_after");
  // rally_openstack servers.py::BootServerFromVolume: cinder_v3.create_volume(size, imageRef) first,
  // then the legacy {"vda": "<vol>:::0"} mapping and imageRef "" (added per iteration).
  REQUIRE(st.rally_volume_image.has_value());
  CHECK(st.rally_volume_size == 1);
  CHECK_FALSE(st.body["server"].contains("block_device_mapping_v2"));
  CHECK(st.body["server"]["imageRef"] == "");
  CHECK(st.body["server"]["flavorRef"] == "1");
  bool found = false;
  for (const auto& p : s.projects)
    if (p.id == "rally_tenant_2") {
      found = true;
      CHECK(p.nova.instances == -1);
      CHECK(p.cinder.volumes == -1);
    }
  CHECK(found);
}

TEST_CASE("a v1 task with the rps runner and no users context runs in the cloud's project") {
  auto s = cloud();
  auto t = bfv::apply_rally_task_text(
      "NovaServers.boot_server:\n  - args: {flavor: {name: m1.tiny}, image: {name: cirros-0.5.2-x86_64-disk}}\n"
      "    runner: {type: rps, times: 6, rps: 2}\n    sla: {failure_rate: {max: 10}}\n",
      "v1.yaml", s);
  CHECK_FALSE(t.deletes);
  CHECK(t.sla_failure_rate_max == 10);
  REQUIRE(s.workload.size() == 1);
  CHECK(s.workload[0].arrival.kind == "rally_rps");
  CHECK(s.workload[0].arrival.rate_per_s == 2);
  CHECK(s.workload[0].count == 6);
  CHECK(s.workload[0].body["server"]["imageRef"] == "9c0a9ff6-4e0e-4c22-9a0f-0e6f1f0c2d11");
  CHECK(s.workload[0].rally_projects.size() == 1);
}

TEST_CASE("unsupported things are errors with a position") {
  const std::string ok = "NovaServers.boot_server:\n  - args: {flavor: {name: m1.tiny}, image: {name: cirros-0.5.2-x86_64-disk}}\n";
  CHECK(error_of("CinderVolumes.create_snapshot:\n  - args: {size: 1}\n").find("supported: NovaServers.boot_server_from_volume") !=
        std::string::npos);
  CHECK(error_of("NovaServers.boot_server:\n  - args: {flavor: {name: m1.huge}, image: {name: cirros-0.5.2-x86_64-disk}}\n")
            .find("t.yaml:2:") != std::string::npos);
  CHECK(error_of(ok + "    runner: {type: constnt, times: 2}\n").find("did you mean 'constant'") != std::string::npos);
  CHECK(error_of(ok + "    context: {network: {}}\n").find("unsupported context 'network'") != std::string::npos);
  CHECK(error_of(ok + "    sla: {max_avg_duration: 5}\n").find("unsupported SLA") != std::string::npos);
  CHECK(error_of(ok).find("no error") != std::string::npos);
}

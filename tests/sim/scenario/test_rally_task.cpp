// sim/scenario/rally_task: Rally task files (v1, v2, JSON, Jinja2 templates with task args) become
// workload streams of a cloud scenario, one per workload.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "sim/scenario/rally_render.hpp"
#include "sim/scenario/rally_task.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace {
bfv::Scenario cloud() { return bfv::load_scenario("scenarios/rally/cloud.yaml"); }
std::string error_of(const std::string& task, const bfv::RallyTaskOptions& opt = {}) {
  auto s = cloud();
  try {
    bfv::apply_rally_task_text(task, "t.yaml", s, opt);
  } catch (const bfv::scn::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
const std::string kTiny = "flavor: {name: m1.tiny}";
}  // namespace

TEST_CASE("the sample v2 task: constant runner, two tenants, unlimited quotas, volume pre-created through Cinder") {
  auto s = cloud();
  auto t = bfv::apply_rally_task("scenarios/rally/boot-from-volume-task.yaml", s);
  REQUIRE(t.workloads.size() == 1);
  CHECK(t.version == 2);
  CHECK(t.workloads[0].scenario == "NovaServers.boot_server_from_volume_and_delete");
  // rally/task/task_cfg.py: the task's sla as written
  REQUIRE(t.workloads[0].criteria.failure_rate.has_value());
  CHECK(t.workloads[0].criteria.failure_rate->second == 0);
  REQUIRE(s.workload.size() == 1);
  const auto& st = s.workload[0];
  CHECK(st.kind == bfv::StreamKind::Rally);
  CHECK(st.arrival.kind == bfv::ArrivalKind::RallyConstant);
  CHECK(st.count == 20);
  CHECK(st.arrival.concurrency == 5);
  CHECK(st.rally_projects == std::vector<std::string>{"rally_tenant_1", "rally_tenant_2"});
  // rally_openstack servers.py::BootServerFromVolume: cinder_v3.create_volume(size, imageRef) first,
  // then the legacy {"vda": "<vol>:::0"} mapping and imageRef "" (added per iteration).
  CHECK(st.steps.volume_first);
  CHECK(st.steps.boot);
  CHECK(st.steps.delete_server);
  CHECK_FALSE(st.steps.attach);
  REQUIRE(st.steps.volume_image.has_value());
  CHECK(st.steps.size_min_gb == 1);
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

TEST_CASE(
    "a v1 task with the rps runner and no users context runs in the cloud's project; no sla -> failure_rate max 0") {
  auto s = cloud();
  auto t = bfv::apply_rally_task_text(
      "NovaServers.boot_server:\n  - args: {flavor: {name: m1.tiny}, image: {name: cirros-0.5.2-x86_64-disk}}\n"
      "    runner: {type: rps, times: 6, rps: 2}\n",
      "v1.yaml", s);
  REQUIRE(t.workloads.size() == 1);
  CHECK(t.workloads[0].criteria.failure_rate == std::make_pair(0.0, 0.0));
  CHECK(t.workloads[0].sla == nlohmann::json{{"failure_rate", {{"max", 0}}}});
  REQUIRE(s.workload.size() == 1);
  CHECK(s.workload[0].arrival.kind == bfv::ArrivalKind::RallyRps);
  CHECK(s.workload[0].arrival.rate_per_s == 2);
  CHECK(s.workload[0].count == 6);
  CHECK(s.workload[0].arrival.concurrency == 6);  // rps max_concurrency defaults to times
  CHECK(s.workload[0].body["server"]["imageRef"] == "9c0a9ff6-4e0e-4c22-9a0f-0e6f1f0c2d11");
  CHECK(s.workload[0].rally_projects.size() == 1);
}

TEST_CASE("rally_openstack/task/types.py: GlanceImage by name, regex and name-as-regex; Flavor strict") {
  auto s = cloud();
  using nlohmann::json;
  // exact name first
  CHECK(bfv::rally_resolve_image(json{{"name", "cirros-0.5.2-x86_64-disk"}}, s) ==
        "9c0a9ff6-4e0e-4c22-9a0f-0e6f1f0c2d11");
  // name that is a regex matching both cirros images: _find_resource picks the last by name (not accurate)
  CHECK(bfv::rally_resolve_image(json{{"name", "^cirros.*-disk$"}}, s) == "4d7cbb5c-5f9e-4a57-9c8e-2b1f3d6a7e01");
  CHECK(bfv::rally_resolve_image(json{{"regex", "^cirros-0[.]5"}}, s) == "9c0a9ff6-4e0e-4c22-9a0f-0e6f1f0c2d11");
  CHECK(bfv::rally_resolve_image(json{{"id", "whatever"}}, s) == "whatever");
  auto err = [&](const json& spec, bool image) {
    try {
      image ? bfv::rally_resolve_image(spec, s) : bfv::rally_resolve_flavor(spec, s);
    } catch (const bfv::scn::ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(err(json{{"name", "^ubuntu"}}, true) == "Glance_Image with pattern '^ubuntu' not found");
  CHECK(err(json{{"name", "^cirros"}, {"accurate", true}}, true) == "Glance_Image with name '^cirros' not found");
  CHECK(err(json{{"regex", "^cirros"}, {"accurate", true}}, true) ==
        "Glance_Image with name '^cirros' is ambiguous, possible matches by id: 9c0a9ff6-4e0e-4c22-9a0f-0e6f1f0c2d11, "
        "4d7cbb5c-5f9e-4a57-9c8e-2b1f3d6a7e01");
  // rally/task/types.py::obj_from_name: several matches are always an error for a flavor
  CHECK(err(json{{"name", "^m1"}}, false) == "Flavor with name '^m1' is ambiguous, possible matches by id: 1, 2");
  CHECK(bfv::rally_resolve_flavor(json{{"regex", "small$"}}, s) == "2");
  // in a task: Rally's InvalidScenarioArgument wording and the file position
  auto e = error_of("NovaServers.boot_server:\n  - args: {" + kTiny + ", image: {name: \"^ubuntu.*\"}}\n");
  CHECK(e.find("t.yaml:2:") != std::string::npos);
  CHECK(e.find("Invalid scenario argument: 'Glance_Image with pattern '^ubuntu.*' not found'") != std::string::npos);
}

TEST_CASE("Jinja2 rendering as rally task start: defaults, --task-args over --task-args-file, errors name file:line") {
  auto s = cloud();
  auto t = bfv::apply_rally_task("scenarios/rally/create-and-attach-volume-task.yaml", s);
  REQUIRE(t.workloads.size() == 2);
  REQUIRE(s.workload.size() == 2);
  CHECK(s.workload[0].body["server"]["flavorRef"] == "1");  // flavor_name default m1.tiny
  CHECK(s.workload[0].count == 5);
  CHECK(s.workload[1].steps.size_min_gb == 1);
  CHECK(s.workload[1].steps.size_max_gb == 5);
  CHECK(s.workload[1].arrival.concurrency == 2);  // {{ min(times, 2) }}: Rally's template function
  CHECK(s.workload[0].steps.volume_az == "nova");
  CHECK(t.workloads[1].criteria.max_avg_duration == 60);  // max_avg_duration | default(60)

  auto s2 = cloud();
  auto t2 = bfv::apply_rally_task("scenarios/rally/create-and-attach-volume-task.yaml", s2,
                                  {"{times: 2}", "scenarios/rally/task-args.yaml"});
  CHECK(s2.workload[0].body["server"]["flavorRef"] == "2");  // m1.small from the args file
  CHECK(s2.workload[0].count == 2);                          // --task-args wins over the file's times: 3
  CHECK(t2.workloads[0].args["flavor"]["name"] == "m1.small");

  auto args = bfv::rally_task_args("a=1,b=x", "");
  CHECK(args == nlohmann::json{{"a", "1"}, {"b", "x"}});  // Rally's k=v fallback: strings
  CHECK(error_of("x: 1\n", {"[1, 2", ""}).find("--task-args") != std::string::npos);

  auto e = error_of("{% set a = 1 %}\nNovaServers.boot_server:\n  - args: {{ {% endif %} }}\n");
  CHECK(e.find("t.yaml:3: Jinja template error") != std::string::npos);
  e = error_of("NovaServers.boot_server:\n  - args: {flavor: {name: \"{{flavor_name}}\"}}\n");
  CHECK(e.find("Please specify template task argument: flavor_name") != std::string::npos);
  CHECK(e.find("t.yaml:2:") != std::string::npos);
}

TEST_CASE("several workloads in v1 and JSON, each its own stream in order; contexts and SLA criteria") {
  auto s = cloud();
  auto t = bfv::apply_rally_task("scenarios/rally/several-workloads-v1.json", s);
  REQUIRE(t.workloads.size() == 3);
  REQUIRE(t.subtasks.size() == 2);
  CHECK(t.subtasks[0].workloads == std::vector<size_t>{0, 1});
  REQUIRE(s.workload.size() == 3);
  for (int i = 0; i < 3; ++i) CHECK(s.workload[static_cast<size_t>(i)].steps.workload == i);
  CHECK(s.workload[0].steps.sleep_min_s == 1);
  CHECK(s.workload[0].steps.sleep_max_s == 3);
  CHECK(s.workload[1].arrival.kind == bfv::ArrivalKind::RallyRps);
  CHECK(s.workload[2].arrival.kind == bfv::ArrivalKind::RallySerial);
  CHECK(s.workload[2].ctx_volumes_per_tenant == 1);
  CHECK(s.workload[2].rally_projects == std::vector<std::string>{"rally_w3_tenant_1", "rally_w3_tenant_2"});
  CHECK(t.workloads[0].criteria.max_seconds_per_iteration == 30);
  REQUIRE(t.workloads[0].criteria.outliers.has_value());
  CHECK(t.workloads[0].criteria.outliers->sigmas == 10);
  CHECK_FALSE(t.workloads[1].criteria.failure_rate.has_value());  // an sla without failure_rate has none
  CHECK(t.workloads[0].notes.size() == 1);                        // network: accepted, said so
}

TEST_CASE("api_versions selects the compute microversion and the block-storage atomic prefix") {
  auto s = cloud();
  bfv::apply_rally_task_text(
      "CinderVolumes.create_and_attach_volume:\n  - args: {size: 1, image: {name: \"^cirros\"}, flavor: {name: "
      "m1.tiny}}\n"
      "    context: {api_versions: {nova: {version: 2.67}, cinder: {version: 2}}}\n",
      "av.yaml", s);
  REQUIRE(s.workload.size() == 1);
  CHECK(s.workload[0].microversion == "2.67");
  CHECK(s.workload[0].steps.cinder_prefix == "cinder_v2");
  CHECK(s.workload[0].steps.attach);
  CHECK(s.workload[0].steps.delete_volume);
}

TEST_CASE("unsupported things are errors with a position, naming what is supported") {
  const std::string ok =
      "NovaServers.boot_server:\n  - args: {flavor: {name: m1.tiny}, image: {name: cirros-0.5.2-x86_64-disk}}\n";
  CHECK(error_of("CinderVolumes.create_snapshot:\n  - args: {size: 1}\n").find("supported: NovaServers.boot_server") !=
        std::string::npos);
  CHECK(error_of(
            "NovaServers.boot_server:\n  - args: {flavor: {name: m1.huge}, image: {name: cirros-0.5.2-x86_64-disk}}\n")
            .find("t.yaml:2:") != std::string::npos);
  CHECK(error_of(ok + "    runner: {type: constnt, times: 2}\n").find("did you mean 'constant'") != std::string::npos);
  CHECK(error_of(ok + "    context: {neutron_net: {}}\n")
            .find("supported: users, quotas, api_versions, network, volumes, roles") != std::string::npos);
  CHECK(error_of(ok + "    sla: {max_avg_duration_per_atomic: {x: 5}}\n")
            .find("supported: failure_rate, max_seconds_per_iteration, max_avg_duration, outliers") !=
        std::string::npos);
  CHECK(error_of(ok + "    sla: {outliers: {min_iterations: 2}}\n").find("min_iterations is at least 3") !=
        std::string::npos);
  CHECK(error_of(ok + "    runner: {type: constant, times: 2, concurency: 2}\n").find("concurency") !=
        std::string::npos);
  CHECK(error_of("version: 3\nsubtasks: []\n").find("version 1 or 2") != std::string::npos);
  CHECK(error_of(ok).find("no error") != std::string::npos);
}

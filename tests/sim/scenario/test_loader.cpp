// sim/scenario: strict loading. Every error names file:line:col and the key path.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/sim/scenario/loader_test_util.hpp"

namespace {
using bfv::test::error_of;
using bfv::test::quickstart;
using bfv::test::replace;
int line_of(const std::string& text, const std::string& needle) {
  auto p = text.find(needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(p), '\n'));
}
}  // namespace

TEST_CASE("the quickstart scenario loads with its values") {
  auto s = bfv::load_scenario_text(quickstart(), "quickstart.yaml");
  CHECK(s.name == "quickstart");
  CHECK(s.seed == 42);
  REQUIRE(s.topology.racks.size() == 1);
  CHECK(s.topology.racks[0].computes.size() == 4);
  CHECK(s.topology.racks[0].computes[0].name == "r1-cmp001");
  CHECK(s.topology.glance.nic.bandwidth_Bps == doctest::Approx(1.25e9));
  CHECK(s.cloud.images.at(0).size.value() == 2200000000LL);
  CHECK(s.cloud.images.at(0).virtual_size.value() == 10737418240LL);
  // the request body keeps "20" a string, as the client sent it
  CHECK(s.workload.at(0).body["server"]["block_device_mapping_v2"][0]["volume_size"].is_string());
  CHECK(s.workload.at(0).body["server"]["max_count"].is_number_integer());
  CHECK(s.nova.block_device_allocate_retries == 60);
}

TEST_CASE("misspelt key: file:line:col, key path and a suggestion") {
  std::string text = replace(quickstart(), "seed: 42", "sede: 42");
  std::string e = error_of(text);
  CHECK(e.find("s.yaml:" + std::to_string(line_of(text, "sede")) +
               ":1: sede: unknown key 'sede'; did you mean 'seed'?") != std::string::npos);
}

TEST_CASE("nested misspelt key carries the full path") {
  std::string text = replace(quickstart(), "lvm_type: thick", "lvm_typ: thick");
  std::string e = error_of(text);
  CHECK(e.find(":" + std::to_string(line_of(text, "lvm_typ")) + ":") != std::string::npos);
  CHECK(e.find("topology.cinder_backends[0].lvm_typ: unknown key 'lvm_typ'; did you mean 'lvm_type'?") !=
        std::string::npos);
}

TEST_CASE("wrong type") {
  std::string e = error_of(replace(quickstart(), "vcpus: 2, ram: 4096", "vcpus: two, ram: 4096"));
  CHECK(e.find("cloud.flavors[0].vcpus: expected an integer, found 'two'") != std::string::npos);
}

TEST_CASE("missing required field") {
  std::string e = error_of(replace(quickstart(), "name: quickstart\n", ""));
  CHECK(e.find("s.yaml:") == 0);
  CHECK(e.find("missing required key 'name'") != std::string::npos);
}

TEST_CASE("bad unit") {
  std::string text = replace(quickstart(), "uplink: {bandwidth: \"40Gbps\"", "uplink: {bandwidth: \"40Gbit\"");
  std::string e = error_of(text);
  CHECK(e.find("topology.racks[0].uplink.bandwidth: unknown rate unit 'Gbit'") != std::string::npos);
  CHECK(e.find(":" + std::to_string(line_of(text, "40Gbit")) + ":") != std::string::npos);
}

TEST_CASE("a bare number where a unit is required") {
  std::string e = error_of(replace(quickstart(), "latency: \"5us\"", "latency: 5"));
  CHECK(e.find("topology.racks[0].uplink.latency: '5' has no unit") != std::string::npos);
}

TEST_CASE("unknown config option under its real group, with suggestion") {
  std::string text = replace(quickstart(), "seed: 42\n",
                             "seed: 42\nconfig:\n  nova:\n    DEFAULT: {block_device_allocate_retry: 5}\n");
  std::string e = error_of(text);
  CHECK(e.find("config.nova.DEFAULT.block_device_allocate_retry: unknown key") != std::string::npos);
  CHECK(e.find("did you mean 'block_device_allocate_retries'?") != std::string::npos);
}

TEST_CASE("config options reach the typed parameters") {
  std::string text = replace(
      quickstart(), "seed: 42\n",
      "seed: 42\nconfig:\n  nova:\n    DEFAULT: {block_device_allocate_retries: 5, max_local_block_devices: 0}\n"
      "    scheduler: {max_attempts: 2}\n  cinder:\n    DEFAULT: {image_volume_cache_enabled: true}\n");
  auto s = bfv::load_scenario_text(text, "s.yaml");
  CHECK(s.nova.block_device_allocate_retries == 5);
  CHECK(s.nova.api.max_local_block_devices == 0);
  CHECK(s.nova.max_attempts == 2);
  CHECK(s.cinder.image_volume_cache_enabled);
}

TEST_CASE("issue 13 item 6: real options bfvsim does not model are refused with the reason, not ignored") {
  auto with = [](const std::string& cfg) { return replace(quickstart(), "seed: 42\n", "seed: 42\nconfig:\n" + cfg); };
  std::string e = error_of(with("  cinder:\n    DEFAULT: {scheduler_max_attempts: 5}\n"));
  CHECK(e.find("DEFAULT.scheduler_max_attempts is a real option, but bfvsim does not model it") != std::string::npos);
  e = error_of(with("  cinder:\n    DEFAULT: {rbd_max_clone_depth: 2}\n"));
  CHECK(e.find("does not model it") != std::string::npos);
  // max_concurrent_disk_ops lives in [compute] (nova/conf/compute.py compute_group_opts)
  e = error_of(with("  nova:\n    DEFAULT: {max_concurrent_disk_ops: 2}\n"));
  CHECK(e.find("unknown key 'max_concurrent_disk_ops'") != std::string::npos);
  auto s = bfv::load_scenario_text(
      with("  nova:\n    compute: {max_concurrent_disk_ops: 2, consecutive_build_service_disable_threshold: 0}\n"
           "    DEFAULT: {long_rpc_timeout: 600, use_cow_images: false, update_resources_interval: 30}\n"
           "  cinder:\n    DEFAULT: {volume_copy_bps_limit: 50000000, cinder_internal_tenant_project_id: p,"
           " cinder_internal_tenant_user_id: u}\n"),
      "s.yaml");
  CHECK(s.nova.max_concurrent_disk_ops == 2);
  CHECK(s.nova.consecutive_build_service_disable_threshold == 0);
  CHECK(s.nova.long_rpc_timeout == 600);
  CHECK(!s.nova.use_cow_images);
  CHECK(s.nova.update_resources_period() == 30);
  CHECK(s.cinder.volume_copy_bps_limit == 50e6);
  CHECK(s.cinder.cinder_internal_tenant_project_id == "p");
}

TEST_CASE("compact racks: count replicates racks and computes") {
  std::string text = replace(quickstart(), "    - name: r1\n", "    - name: r\n      count: 3\n");
  auto s = bfv::load_scenario_text(text, "s.yaml");
  REQUIRE(s.topology.racks.size() == 3);
  CHECK(s.topology.racks[2].name == "r-03");
  CHECK(s.topology.racks[2].computes[3].name == "r-03-cmp004");
}

TEST_CASE("YAML syntax errors carry a position") {
  std::string e = error_of("name: x\ntopology: {racks: [\n");
  CHECK(e.find("s.yaml:") == 0);
  CHECK(e.find("YAML syntax error") != std::string::npos);
}

TEST_CASE("did_you_mean") {
  CHECK(bfv::scn::did_you_mean("toplogy", {"topology", "cloud"}) == "topology");
  CHECK(bfv::scn::did_you_mean("zzzzzz", {"topology", "cloud"}).empty());
}

TEST_CASE("control-plane options: workers, pools, controllers; bad values name file:line") {
  std::string text = replace(
      quickstart(), "seed: 42\n",
      "seed: 42\nconfig:\n  nova:\n    DEFAULT: {osapi_compute_workers: 8, executor_thread_pool_size: 32}\n"
      "    conductor: {workers: 2}\n    database: {max_pool_size: 10, max_overflow: 20, pool_timeout: 5}\n"
      "  cinder:\n    DEFAULT: {osapi_volume_workers: 3}\n  placement:\n    uwsgi: {processes: 2, threads: 10}\n"
      "  infra: {db_query_time: 4ms}\n");
  auto s = bfv::load_scenario_text(text, "s.yaml");
  // each option has one home; resolved() hands the project's [database] and executor options to its services
  CHECK(s.infra.nova_executor_thread_pool_size == 32);
  CHECK(s.infra.nova_database.max_pool_size == 10);
  const auto ip = s.infra.resolved(s.cinder.executor_thread_pool_size, s.nova.db_write_time);
  CHECK(ip.nova_api.workers == 8);
  CHECK(ip.nova_conductor.workers == 2);
  CHECK(ip.nova_conductor.threads == 32);
  CHECK(ip.nova_scheduler.threads == 32);
  CHECK(ip.nova_scheduler.max_pool_size == 10);
  CHECK(ip.nova_api.max_overflow == 20);
  CHECK(ip.nova_api.pool_timeout == 5);
  CHECK(ip.nova_api.db_query_time == doctest::Approx(0.003));  // nova.conf [timing] db_write_time
  CHECK(ip.cinder_api.workers == 3);
  CHECK(ip.cinder_api.max_pool_size == 5);   // oslo_db default
  CHECK(ip.cinder_scheduler.threads == 64);  // cinder.conf executor_thread_pool_size
  CHECK(ip.placement_api.workers == 2);
  CHECK(ip.placement_api.threads == 10);
  CHECK(s.infra.db_query_time == doctest::Approx(0.004));
  CHECK(s.topology.controllers == 1);
  std::string bad = replace(quickstart(), "seed: 42\n", "seed: 42\nconfig:\n  nova:\n    scheduler: {workers: -1}\n");
  CHECK(error_of(bad).find("s.yaml:11:") != std::string::npos);  // the line of `workers: -1`
  CHECK(error_of(bad).find("workers must be at least 1") != std::string::npos);
}

TEST_CASE("three controllers behind a load balancer: controller.count") {
  std::string text = replace(quickstart(), "  controller: {cores: 16,", "  controller: {count: 3, cores: 16,");
  CHECK(bfv::load_scenario_text(text, "s.yaml").topology.controllers == 3);
  std::string bad = replace(quickstart(), "  controller: {cores: 16,", "  controller: {count: 0, cores: 16,");
  CHECK(error_of(bad).find("controller count must be 1 to 9") != std::string::npos);
}

TEST_CASE("[libvirt] images_type: nova/conf/libvirt.py's choices, rbd only with a Ceph cluster") {
  auto with = [](const std::string& cfg) { return replace(quickstart(), "seed: 42\n", "seed: 42\nconfig:\n" + cfg); };
  std::string e = error_of(with("  nova:\n    libvirt: {images_type: rdb}\n"));
  CHECK(e.find("s.yaml:11:28: config.nova.libvirt.images_type: images_type must be one of default, qcow2, flat, "
               "raw, rbd, lvm, ploop (nova/conf/libvirt.py), not 'rdb'; did you mean 'rbd'?") != std::string::npos);
  e = error_of(with("  nova:\n    libvirt: {images_type: RBD}\n"));  // oslo.config's choices are case-sensitive
  CHECK(e.find("not 'RBD'; did you mean 'rbd'?") != std::string::npos);
  auto images_type = [&](const std::string& v) { return with("  nova:\n    libvirt: {images_type: " + v + "}\n"); };
  for (const std::string real : {"lvm", "ploop"})
    CHECK(error_of(images_type(real))
              .find("images_type '" + real +
                    "' is a real choice, but bfvsim does not model it (default, qcow2, flat, "
                    "raw and rbd are modelled)") != std::string::npos);
  for (const std::string ok : {"default", "qcow2", "flat", "raw"}) CHECK(error_of(images_type(ok)) == "no error");
  e = error_of(with("  nova:\n    libvirt: {images_type: rbd}\n"));
  CHECK(e.find("images_type 'rbd' needs a topology.ceph cluster") != std::string::npos);
  CHECK(e.find("s.yaml:11:") != std::string::npos);  // the line of images_type (seed: is line 8)
}

TEST_CASE("the key tables (sim/scenario/scenario_keys.cpp) are what the loader accepts") {
  using namespace bfv::scn;
  // Every section's keys are unique, and every nested mapping has its shape (config's comes from
  // config_loader.cpp's option tables).
  for (const Shape* s :
       {&kLink,         &kDisk,    &kHost,      &kController,  &kGlanceHost, &kCeph,          &kCinderBackend,
        &kComputes,     &kRack,    &kTopology,  &kFlavor,      &kImage,      &kVolumeType,    &kVolume,
        &kSnapshot,     &kCloud,   &kNovaQuota, &kCinderQuota, &kQuotas,     &kProject,       &kImageUpload,
        &kVolumeStream, &kArrival, &kThen,      &kStream,      &kFault,      &kExpectVolumes, &kExpectQuota,
        &kExpect,       &kInfra,   &kScenario}) {
    auto names = s->names();
    std::sort(names.begin(), names.end());
    CHECK_MESSAGE(std::adjacent_find(names.begin(), names.end()) == names.end(), s->title);
    for (const auto& k : s->keys)
      if ((k.type == KeyType::Object && k.name != "config") || k.type == KeyType::List ||
          k.type == KeyType::StrOrObject)
        CHECK_MESSAGE(k.shape != nullptr, std::string(s->title + "." + k.name));
  }
  // A key the table declares is accepted; one it does not is refused with the table's names.
  CHECK(error_of(replace(quickstart(), "seed: 42", "seed: 42\ndescription: a test")) == "no error");
  CHECK(error_of(replace(quickstart(), "seed: 42", "seed: 42\ndescriptoin: a test"))
            .find("did you mean 'description'?") != std::string::npos);
  // A required key is required by the table (Key::required), with req()'s message.
  CHECK(error_of(replace(quickstart(), "name: quickstart", "")).find("missing required key 'name'") !=
        std::string::npos);
  // expect.quota's keys are checked now (a misspelt one used to be ignored).
  std::string q = replace(quickstart(), "expect:\n",
                          "expect:\n  - {quota: {project: demo, service: nova, resourse: instances, in_use: 1}}\n");
  CHECK(error_of(q).find("unknown key 'resourse'; did you mean 'resource'?") != std::string::npos);
  // ... and the expectation keys the evaluator never read at the top level are refused there.
  std::string st = replace(quickstart(), "expect:\n", "expect:\n  - {status: ACTIVE, count: 1}\n");
  CHECK(error_of(st).find("unknown key 'status'") != std::string::npos);
}

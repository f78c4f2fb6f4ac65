// Flavor/image compatibility (R35–R40) and Nova's instance quota (§2.F).
// Upstream: nova/compute/api.py::_validate_flavor_image_nostatus, nova/compute/utils.py::
// check_num_instances_quota; tests in nova/tests/unit/compute/test_api.py
// (test_validate_flavor_image_*, test_create_quota_exceeded_messages) and
// nova/tests/functional/test_boot_from_volume.py.
#include <doctest/doctest.h>

#include "tests/models/semantics/fixtures.hpp"

using namespace bfv::sem;
using namespace bfv::sem::test;

namespace {
json bfv_body(const std::string& image, int size, const json& extra = json::object()) {
  json e = {{"block_device_mapping_v2", json::array({v2("image", "volume", image, 0, {{"volume_size", size}})})}};
  e.update(extra);
  return server(e);
}
}  // namespace

TEST_CASE("flavor/image: R35-R40 (compute/api.py::_checks_for_create_and_rebuild)") {
  std::vector<Row> rows = {
      {"R35 _detect_nonbootable_image_from_properties: image from an encrypted volume", server({{"imageRef", IMG_ENC}}),
       400, "Direct booting of an image uploaded from an encrypted volume is unsupported."},
      {"R35 not applied to the same image as an image->volume source", bfv_body(IMG_ENC, 10), 202, ""},
      {"R36 ImageNotActive for imageRef", server({{"imageRef", IMG_QUEUED}}), 400,
       "Image " + IMG_QUEUED + " is not active."},
      {"R36 BFV from a queued image prints image id None", bfv_body(IMG_QUEUED, 10), 400, "Image None is not active."},
      {"R37 flavor ram 16384 >= image min_ram 8192 accepted", server({{"imageRef", IMG_MIN}, {"flavorRef", "big"}}),
       202, ""},
      {"R37 FlavorMemoryTooSmall on m1.small (2048 < 8192)", server({{"imageRef", IMG_MIN}}), 400,
       "Flavor's memory is too small for requested image."},
      {"R37 applies to boot-from-volume too", bfv_body(IMG_MIN, 40), 400,
       "Flavor's memory is too small for requested image."},
      {"R38 VolumeSmallerThanMinDisk (test_boot_from_volume.py)", bfv_body(IMG_MIN, 20, {{"flavorRef", "big"}}), 400,
       "Volume is smaller than the minimum size specified in image metadata. Volume size is 21474836480 bytes, minimum "
       "size is 32212254720 bytes."},
      {"R38 flavor disk is never checked for a volume root", bfv_body(IMG_BIG, 100, {{"flavorRef", "tiny"}}), 202, ""},
      {"R38 image size vs volume size is left to Cinder (R60)", bfv_body(IMG_BIG, 5), 202, ""},
      {"R38 snapshot root without size: no check",
       server({{"block_device_mapping_v2", json::array({v2("snapshot", "volume", SNAP, 0)})}, {"flavorRef", "tiny"}}),
       202, ""},
      {"R39 FlavorDiskSmallerThanImage", server({{"imageRef", IMG_BIG}}), 400,
       "Flavor's disk is too small for requested image. Flavor disk is 21474836480 bytes, image is 32212254720 bytes."},
      {"R37 is checked before R39 (_validate_flavor_image_nostatus order)",
       server({{"imageRef", IMG_MIN}, {"flavorRef", "tiny"}, {"min_count", 1}}), 400, "Flavor's memory is too small"},
      {"R40 BootFromVolumeRequiredForZeroDiskFlavor -> 403", server({{"imageRef", IMG}, {"flavorRef", "zero"}}), 403,
       "Only volume-backed servers are allowed for flavors with zero disk."},
      {"R40 policy zero_disk_flavor allows it", server({{"imageRef", IMG}, {"flavorRef", "zero"}}), 202, "",
       [](Env& e) { e.cfg.zero_disk_flavor_allowed = true; }},
      {"R40 zero-disk flavor with a volume root is fine", bfv_body(IMG, 10, {{"flavorRef", "zero"}}), 202, ""},
  };
  run_rows(rows);
}

TEST_CASE("R39 min_disk larger than the flavor disk (FlavorDiskSmallerThanMinDisk)") {
  Env env;
  env.cloud.flavors.push_back({"ram", "m1.ram", 1, 16384, 20, 0, 0, false, {}});
  auto v = env.run(server({{"imageRef", IMG_MIN}, {"flavorRef", "ram"}}));
  CHECK(v.status == 400);
  CHECK(v.error ==
        "Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is "
        "21474836480 bytes, minimum size is 32212254720 bytes.");
}

TEST_CASE("quota: §2.F nova instances/cores/ram (compute/utils.py::check_num_instances_quota)") {
  std::vector<Row> rows = {
      {"§2.F TooManyInstances: instances", server({{"imageRef", IMG}}), 403,
       "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances",
       [](Env& e) { e.usage.instances = 10; }},
      {"§2.F cores: 8 vcpus x 3 > 20", server({{"imageRef", IMG}, {"flavorRef", "big"}, {"min_count", 3}}), 403,
       "Quota exceeded for cores: Requested 24, but already used 0 of 20 cores"},
      {"§2.F min-max printed as a range (test_create_quota_exceeded_messages)",
       server({{"imageRef", IMG}, {"min_count", 4}, {"max_count", 5}}), 403,
       "Requested 4-5, but already used 0 of 3 instances", [](Env& e) { e.quota.instances = 3; }},
      {"§2.F several resources over at once", server({{"imageRef", IMG}}), 403,
       "Quota exceeded for instances, cores, ram: Requested 1, 1, 2048, but already used 10, 20, 51200 of 10, 20, "
       "51200 instances, cores, ram",
       [](Env& e) {
         e.usage = {10, 20, 51200};
       }},
      {"§2.F ram", server({{"imageRef", IMG}}), 403, "Quota exceeded for ram", [](Env& e) { e.quota.ram_mb = 1024; }},
      {"§2.F unlimited (-1) quota", server({{"imageRef", IMG}, {"min_count", 50}}), 202, "",
       [](Env& e) {
         e.quota = {-1, -1, -1};
       }},
      {"§1 quota is checked before _validate_bdm (403 beats R41)",
       server(
           {{"imageRef", IMG},
            {"block_device_mapping_v2", json::array({v2("blank", "volume", std::nullopt, -1, {{"volume_size", 1}})})}}),
       403, "Quota exceeded for instances", [](Env& e) { e.usage.instances = 10; }},
      {"§1 quota is checked after flavor/image checks (R40 beats 403)",
       server({{"imageRef", IMG}, {"flavorRef", "zero"}}), 403, "zero disk", [](Env& e) { e.usage.instances = 10; }},
  };
  run_rows(rows);
}

TEST_CASE("§2.F max_count is lowered silently when min_count still fits") {
  Env env;
  env.usage.instances = 7;
  auto v = env.run(server({{"imageRef", IMG}, {"min_count", 1}, {"max_count", 5}}));
  CHECK(v.status == 202);
  CHECK(v.min_count == 1);
  CHECK(v.max_count == 3);
}

TEST_CASE("§2.F max_count defaults to min_count (servers.py::create)") {
  Env env;
  auto v = env.run(server({{"imageRef", IMG}, {"min_count", "2"}}));
  CHECK(v.status == 202);
  CHECK(v.min_count == 2);
  CHECK(v.max_count == 2);
}

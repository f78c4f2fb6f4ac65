// Seed 000, delete outcomes (docs/bdm-rules.md, docs/semantics.md), Cinder's create checks and the faults Nova records
// after the 202 (R53–R64). Upstream: nova/compute/manager.py::_cleanup_volumes,
// nova/compute/api.py::_local_cleanup_bdm_volumes, cinder/volume/flows/api/create_volume.py,
// cinder/quota_utils.py::process_reserve_over_quota, nova/exception.py::VolumeNotCreated.
#include <doctest/doctest.h>

#include "tests/models/semantics/fixtures.hpp"

using namespace bfv::sem;
using namespace bfv::sem::test;

TEST_CASE(
    "seed 000: BFV from image, volume_size \"20\", dot=false -> 202, one image->volume BDM, delete keeps the volume") {
  Env env;
  const auto v = env.run(seed000_body());
  REQUIRE(v.status == 202);
  CHECK(v.error.empty());
  CHECK(v.name == "volume-backed");
  CHECK(v.flavor_id == SEED_FLAVOR);
  CHECK(v.image_ref == std::nullopt);
  CHECK(v.availability_zone == "nova");
  CHECK(v.boot_from_volume);
  REQUIRE(v.bdms.size() == 1);
  const Bdm& b = v.bdms[0];
  CHECK(b.source_type == "image");
  CHECK(b.destination_type == "volume");
  CHECK(b.uuid == IMG);
  CHECK(b.boot_index == 0);
  CHECK(b.volume_size == 20);
  CHECK(b.delete_on_termination == false);
  CHECK(b.origin == "request");
  const auto j = b.to_json();
  CHECK(j["volume_size"] == 20);
  CHECK(j["volume_type"].is_null());
  const auto del = on_server_delete(v.bdms);
  REQUIRE(del.size() == 1);
  CHECK(del[0].action == "kept_available");
  CHECK(del[0].reason.find("delete_on_termination=false") != std::string::npos);
}

TEST_CASE("§5 delete outcomes per BDM kind (manager.py::_cleanup_volumes)") {
  Env env;
  env.cfg.max_local_block_devices = -1;
  const auto v = env.run(server(
      {{"imageRef", IMG},
       {"flavorRef", "eph"},
       {"block_device_mapping_v2",
        json::array(
            {v2("image", "local", IMG, 0), v2("snapshot", "volume", SNAP, -1, {{"delete_on_termination", true}}),
             v2("snapshot", "volume", SNAP, -1),
             v2("volume", "volume", VOL_DATA, -1, {{"delete_on_termination", true}}),
             v2("volume", "volume", VOL_BOOT, -1, {{"delete_on_termination", "false"}}),
             v2("blank", "volume", std::nullopt, -1, {{"volume_size", 1}, {"delete_on_termination", "on"}})})}}));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 8);  // + flavor ephemeral + swap
  const auto d = on_server_delete(v.bdms);
  REQUIRE(d.size() == 8);
  SUBCASE("image->local root is destroyed with the instance, the Glance image is not touched") {
    CHECK(d[0].action == "destroyed_with_instance");
    CHECK(d[0].reason.find("never touched") != std::string::npos);
  }
  SUBCASE("§5 snapshot->volume dot=true: the new volume is deleted, the snapshot and its parent volume stay") {
    CHECK(d[1].action == "deleted");
    CHECK(d[1].reason.find("source snapshot " + SNAP + " and its parent volume are never touched") !=
          std::string::npos);
    CHECK(d[1].volume_id == std::nullopt);  // the created volume's id is known only at build time
  }
  SUBCASE("§5 snapshot->volume dot=false (default): volume kept, snapshot untouched") {
    CHECK(d[2].action == "kept_available");
    CHECK(d[2].reason.find("never touched") != std::string::npos);
  }
  SUBCASE("§5 pre-existing volume with dot=true is deleted") {
    CHECK(d[3].action == "deleted");
    CHECK(d[3].volume_id == VOL_DATA);
  }
  SUBCASE("§5 pre-existing volume with dot=false is detached and kept") {
    CHECK(d[4].action == "kept_available");
    CHECK(d[4].volume_id == VOL_BOOT);
  }
  SUBCASE("§4 blank->volume with dot 'on' is deleted") { CHECK(d[5].action == "deleted"); }
  SUBCASE("§5 flavor ephemeral and swap die with the instance") {
    CHECK(d[6].action == "destroyed_with_instance");
    CHECK(d[7].action == "destroyed_with_instance");
    CHECK(d[7].reason.find("swap") != std::string::npos);
  }
}

TEST_CASE("R22 volume->local: nova-compute has no driver BDM for it, delete leaves it untouched") {
  std::vector<Bdm> bdms(1);
  bdms[0].source_type = "volume";
  bdms[0].destination_type = "local";
  bdms[0].uuid = VOL_DATA;
  const auto d = on_server_delete(bdms);
  CHECK(d[0].action == "untouched");
  CHECK(d[0].volume_id == VOL_DATA);
}

namespace {
struct CinderRow {
  const char* name;
  int size;
  std::optional<std::string> image, snapshot;
  std::string type;
  int status;
  std::string exception, message;
  std::function<void(CinderConfig&, CinderQuota&, CinderUsage&)> setup = nullptr;
};
}  // namespace

TEST_CASE("cinder: R56-R61 POST /volumes checks in Cinder's order") {
  const std::vector<CinderRow> rows = {
      {"R56 ok: 20 GB from the seed image", 20, IMG, std::nullopt, "", 202, "", ""},
      {"R56 process_reserve_over_quota: VolumeLimitExceeded volumes", 20, IMG, std::nullopt, "", 413,
       "VolumeLimitExceeded", "Maximum number of volumes allowed (10) exceeded for quota 'volumes'.",
       [](auto&, auto&, CinderUsage& u) { u.volumes = 10; }},
      {"R56 VolumeSizeExceedsAvailableQuota gigabytes", 20, IMG, std::nullopt, "", 413,
       "VolumeSizeExceedsAvailableQuota",
       "Requested volume or snapshot exceeds allowed gigabytes quota. Requested 20G, quota is 1000G and 990G has been "
       "consumed.",
       [](auto&, auto&, CinderUsage& u) { u.gigabytes = 990; }},
      {"R56 volumes checked before gigabytes", 20, IMG, std::nullopt, "", 413, "VolumeLimitExceeded", "quota 'volumes'",
       [](auto&, auto&, CinderUsage& u) {
         u.volumes = 10;
         u.gigabytes = 990;
       }},
      {"R56 per-type volumes_ssd", 20, IMG, std::nullopt, "ssd", 413, "VolumeLimitExceeded",
       "Maximum number of volumes allowed (2) exceeded for quota 'volumes_ssd'.",
       [](auto&, CinderQuota& q, CinderUsage& u) {
         q.volumes_per_type["ssd"] = 2;
         u.volumes_per_type["ssd"] = 2;
       }},
      {"R56 per-type gigabytes_ssd", 20, IMG, std::nullopt, "ssd", 413, "VolumeSizeExceedsAvailableQuota",
       "exceeds allowed gigabytes_ssd quota. Requested 20G, quota is 30G and 15G has been consumed.",
       [](auto&, CinderQuota& q, CinderUsage& u) {
         q.gigabytes_per_type["ssd"] = 30;
         u.gigabytes_per_type["ssd"] = 15;
       }},
      {"R56 snapshot-sourced volume is charged to the parent volume's type", 10, std::nullopt, SNAP, "", 413,
       "VolumeLimitExceeded", "'volumes_ssd'",
       [](auto&, CinderQuota& q, CinderUsage&) { q.volumes_per_type["ssd"] = 0; }},
      {"R56 default type quota when no type is given", 5, std::nullopt, std::nullopt, "", 413, "VolumeLimitExceeded",
       "'volumes___DEFAULT__'", [](auto&, CinderQuota& q, CinderUsage&) { q.volumes_per_type["__DEFAULT__"] = 0; }},
      {"R56 QuotaReserveTask per_volume_size_limit first", 20, IMG, std::nullopt, "", 413, "VolumeSizeExceedsLimit",
       "Requested volume size 20G is larger than maximum allowed limit 10G.",
       [](CinderConfig& c, auto&, CinderUsage& u) {
         c.per_volume_size_limit = 10;
         u.volumes = 10;
       }},
      {"R59 _extract_snapshot: snapshot not available", 10, std::nullopt, SNAP_ERR, "", 400, "InvalidSnapshot",
       "Originating snapshot status must be one of 'available' values"},
      {"R61 _extract_size: smaller than the snapshot", 5, std::nullopt, SNAP, "", 400, "InvalidInput",
       "Volume size '5'GB cannot be smaller than the snapshot size 10GB. They must be >= original snapshot size."},
      {"R60 check_image_metadata: image not active", 10, IMG_QUEUED, std::nullopt, "", 400, "InvalidInput",
       "Image " + IMG_QUEUED + " is not active."},
      {"R60 check_image_metadata: image larger than the volume", 20, IMG_BIG, std::nullopt, "", 400, "InvalidInput",
       "Size of specified image 30GB is larger than volume size 20GB."},
      {"R60 check_image_metadata: below min_disk", 20, IMG_MIN, std::nullopt, "", 400, "InvalidInput",
       "Volume size 20GB cannot be smaller than the image minDisk size 30GB."},
      {"R60 check_virtual_size: virtual size does not fit", 35, IMG_BIG, std::nullopt, "", 400, "ImageUnacceptable",
       "Image virtual size is 40GB and doesn't fit in a volume of size 35GB."},
      {"R58 validation precedes quota (400 beats 413)", 1, IMG_BIG, std::nullopt, "", 400, "InvalidInput",
       "larger than volume size", [](auto&, auto&, CinderUsage& u) { u.volumes = 10; }},
      {"R42 unknown volume type at cinder-api", 10, std::nullopt, std::nullopt, "gold", 404, "VolumeTypeNotFoundByName",
       "Volume type with name gold could not be found."},
  };
  for (const auto& r : rows) {
    SUBCASE(r.name) {
      const CloudState cloud = make_cloud();
      CinderConfig cfg;
      CinderQuota q;
      CinderUsage u;
      if (r.setup) r.setup(cfg, q, u);
      const auto v = cinder_check_volume_create(r.size, r.image, r.snapshot, r.type, cloud, cfg, q, u);
      INFO(std::string(r.name), " | got ", v.status, " ", v.exception, " ", v.error);
      CHECK(v.status == r.status);
      CHECK(v.exception == r.exception);
      CHECK(v.error.find(r.message) != std::string::npos);
    }
  }
}

TEST_CASE("R56/R58 nova-compute fault text for Cinder errors (volume/cinder.py::translate_create_exception)") {
  CHECK(nova_fault_for_cinder_error("i-1", {413, "Maximum number of volumes allowed (10) exceeded for quota 'volumes'.",
                                            "VolumeLimitExceeded"}) ==
        "Build of instance i-1 aborted: VolumeLimitExceeded: Maximum number of volumes allowed (10) exceeded for quota "
        "'volumes'.");
  CHECK(nova_fault_for_cinder_error(
            "i-1", {400, "Invalid input received: Size of specified image 30GB is larger than volume size 20GB.",
                    "InvalidInput"}) ==
        "Build of instance i-1 aborted: Invalid input received: Size of specified image 30GB is larger than volume "
        "size 20GB.");
  CHECK(nova_fault_for_cinder_error(
            "i-1", {400, "Invalid snapshot: Originating snapshot status must be one of 'available' values",
                    "InvalidSnapshot"}) ==
        "Build of instance i-1 aborted: Invalid input received: Invalid snapshot: Originating snapshot status must be "
        "one of 'available' values");
  CHECK(nova_fault_for_cinder_error("i-1", {}).empty());
}

TEST_CASE("R63/R64 VolumeNotCreated fault (manager.py::_await_block_device_map_created)") {
  CHECK(nova_fault_volume_not_created("i-1", "v-9", 183, 61, "creating") ==
        "Build of instance i-1 aborted: Volume v-9 did not finish being created even after we waited 183 seconds or "
        "61 attempts. And its status is creating.");
}

TEST_CASE("R55 max_disk_devices_to_attach (test_conf_max_attach_disk_devices.py)") {
  Env env;
  const auto v = env.run(server({{"imageRef", IMG}, {"flavorRef", "eph"}}));  // root + ephemeral + swap
  REQUIRE(v.status == 202);
  NovaConfig cfg;
  CHECK(nova_fault_too_many_disk_devices("i-1", v.bdms, cfg) == std::nullopt);  // -1 = unlimited
  cfg.max_disk_devices_to_attach = 3;
  CHECK(nova_fault_too_many_disk_devices("i-1", v.bdms, cfg) == std::nullopt);
  cfg.max_disk_devices_to_attach = 2;
  CHECK(nova_fault_too_many_disk_devices("i-1", v.bdms, cfg) ==
        "Build of instance i-1 aborted: The maximum allowed number of disk devices (2) to attach to a single instance "
        "has been exceeded.");
}

TEST_CASE("explain: seed 000 as JSON and text") {
  Env env;
  const auto j = explain_json(seed000_body(), "2.79", env.cloud, env.cfg, env.quota, env.usage);
  CHECK(j["api_status"] == 202);
  CHECK(j["api_error"] == "");
  REQUIRE(j["bdms"].size() == 1);
  CHECK(j["bdms"][0]["volume_size"] == 20);
  CHECK(j["bdms"][0]["origin"] == "request");
  CHECK(j["on_delete"][0]["action"] == "kept_available");
  const auto t = explain_text(j);
  CHECK(t.find("nova-api answers 202 Accepted") != std::string::npos);
  CHECK(t.find("image -> volume " + IMG + ", boot_index 0, 20 GiB") != std::string::npos);
  CHECK(t.find("kept_available") != std::string::npos);
  const auto bad = explain_json(server({}), "2.79", env.cloud, env.cfg, env.quota, env.usage);
  CHECK(bad["api_status"] == 400);
  CHECK(bad["rule"] == "R21");
  CHECK(explain_text(bad).find("Missing imageRef attribute") != std::string::npos);
}

TEST_CASE("R53 virt/block_device.py::convert_all_volumes order: existing, snapshot, image, blank") {
  Env env;
  const auto v =
      env.run(server({{"block_device_mapping_v2",
                       json::array({v2("image", "volume", IMG, 0, {{"volume_size", 10}}),
                                    v2("blank", "volume", std::nullopt, -1, {{"volume_size", 1}}),
                                    v2("snapshot", "volume", SNAP, -1), v2("volume", "volume", VOL_DATA, -1)})}}));
  REQUIRE(v.status == 202);
  CHECK(volume_prep_order(v.bdms) == std::vector<std::size_t>{3, 2, 0, 1});
}

TEST_CASE("R54/R57 build-abort cleanup uses the delete rules: pre-existing dot=true volume is deleted") {
  Env env;
  const auto v = env.run(server(
      {{"block_device_mapping_v2", json::array({v2("volume", "volume", VOL_BOOT, 0, {{"delete_on_termination", true}}),
                                                v2("image", "volume", IMG, -1, {{"volume_size", 10}})})}}));
  REQUIRE(v.status == 202);
  const auto d = on_server_delete(v.bdms);
  CHECK(d[0].action == "deleted");
  CHECK(d[0].volume_id == VOL_BOOT);
  CHECK(d[1].action == "kept_available");  // R57: created earlier, dot=false -> leaked to the user
}

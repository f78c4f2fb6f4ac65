// API-layer BDM structure, boot metadata, transformation and per-instance validation (R11–R34,
// R41–R52). Upstream: nova/block_device.py, nova/api/openstack/compute/servers.py::
// _process_bdms_for_create, nova/compute/api.py::_check_and_transform_bdm / _validate_bdm; tests
// in nova/tests/unit/test_block_device.py and nova/tests/unit/compute/test_api.py.
#include <doctest/doctest.h>

#include "tests/models/semantics/fixtures.hpp"

using namespace bfv::sem;
using namespace bfv::sem::test;

namespace {
json bdms(std::initializer_list<json> items, const json& extra = json::object()) {
  json e = {{"block_device_mapping_v2", json::array()}};
  for (const auto& i : items) e["block_device_mapping_v2"].push_back(i);
  e.update(extra);
  return server(e);
}
json legacy(std::initializer_list<json> items, const json& extra = json::object()) {
  json e = {{"block_device_mapping", json::array()}};
  for (const auto& i : items) e["block_device_mapping"].push_back(i);
  e.update(extra);
  return server(e);
}
json root_img() { return v2("image", "local", IMG, 0); }  // what the CLIs insert for --image
json img_vol(int size = 10) { return v2("image", "volume", IMG, 0, {{"volume_size", size}}); }
json boot_vol(const std::string& id = VOL_BOOT) { return v2("volume", "volume", id, 0); }
const json WITH_IMG = {{"imageRef", IMG}};
}  // namespace

TEST_CASE("bdm rules: R11-R34 structure, metadata and transformation") {
  std::vector<Row> rows = {
      {"R11 servers.py::_process_bdms_for_create v1+v2 mixing",
       [] {
         json b = bdms({boot_vol()});
         b["server"]["block_device_mapping"] = json::array({{{"device_name", "vdb"}, {"volume_id", VOL_DATA}}});
         return b;
       }(),
       400, "Using different block_device_mapping syntaxes is not allowed in the same request."},
      {"R11 empty v1 list next to v2 is not mixing",
       [] {
         json b = bdms({boot_vol()});
         b["server"]["block_device_mapping"] = json::array();
         return b;
       }(),
       202, ""},
      {"R13 block_device.py::from_api blank with uuid",
       bdms({boot_vol(), v2("blank", "volume", VOL_DATA, -1, {{"volume_size", 1}})}), 400,
       "Block Device Mapping is Invalid: Invalid device UUID."},
      {"R14 from_api volume without uuid (volume_id does not count)",
       bdms({v2("volume", "volume", std::nullopt, 0, {{"volume_id", VOL_BOOT}})}), 400, "Missing device UUID."},
      {"R15 from_api missing source_type with uuid -> TypeError -> 500",
       bdms({json{{"uuid", VOL_BOOT}, {"destination_type", "volume"}, {"boot_index", 0}}}), 500,
       "Unexpected API Error"},
      {"R15 missing source_type without uuid -> Missing device UUID",
       bdms({json{{"destination_type", "volume"}, {"boot_index", 0}}}), 400, "Missing device UUID."},
      {"R16 from_api image->local without imageRef (bug 2077980)", bdms({root_img()}), 400,
       "Mapping image to local is not supported."},
      {"R16 from_api image->local with boot_index 1", bdms({root_img(), v2("image", "local", IMG, 1)}, WITH_IMG), 400,
       "Mapping image to local is not supported."},
      {"R16 image->local with missing boot_index counts as -1",
       bdms({v2("image", "local", IMG, std::nullopt)}, WITH_IMG), 400, "Mapping image to local is not supported."},
      {"R16 image->local boot 0 with imageRef accepted", bdms({root_img()}, WITH_IMG), 202, ""},
      {"R16 uuid of image->local need not equal imageRef (Nova does not compare)",
       bdms({v2("image", "local", IMG_SDA, 0)}, WITH_IMG), 202, ""},
      {"R17 from_api volume_type with destination local",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1, {{"volume_type", "ssd"}})}, WITH_IMG), 400,
       "Specifying a volume_type with destination_type=local is not supported."},
      {"R17 from_api volume_type on an existing volume",
       bdms({v2("volume", "volume", VOL_BOOT, 0, {{"volume_type", "ssd"}})}), 400,
       "Specifying volume type to existing volume is not supported."},
      {"R18 BlockDeviceDict._validate v1-only field in v2",
       bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"virtual_name", "ephemeral0"}})}), 400,
       "Following fields are invalid: virtual_name"},
      {"R19 no_device entry skips from_api checks",
       bdms({root_img(), json{{"device_name", "vdc"}, {"no_device", true}}}, WITH_IMG), 202, ""},
      {"R21 servers.py::_image_from_req_data no imageRef, no BDM", server({}), 400, "Missing imageRef attribute"},
      {"R21 empty v2 list counts as no BDM", server({{"block_device_mapping_v2", json::array()}, {"imageRef", ""}}),
       400, "Missing imageRef attribute"},
      {"R22 block-device-mapping.rst volume->volume", bdms({boot_vol()}), 202, ""},
      {"R22 snapshot->volume", bdms({v2("snapshot", "volume", SNAP, 0)}), 202, ""},
      {"R22 image->volume", bdms({img_vol()}), 202, ""},
      {"R22 blank->volume (data disk)",
       bdms({root_img(), v2("blank", "volume", std::nullopt, -1, {{"volume_size", 1}})}, WITH_IMG), 202, ""},
      {"R22 blank->local ephemeral",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1, {{"volume_size", 5}})},
            {{"imageRef", IMG}, {"flavorRef", "eph"}}),
       202, ""},
      {"R22 volume->local passes the API (undefined later)",
       bdms({root_img(), v2("volume", "local", VOL_DATA, -1)}, WITH_IMG), 202, ""},
      {"R23 get_bdm_image_metadata boot image not found",
       bdms({v2("image", "volume", IMG_MISSING, 0, {{"volume_size", 10}})}), 400, "failed to get image " + IMG_MISSING},
      {"R24 get_bdm_image_metadata boot snapshot not found (not wrapped)",
       bdms({v2("snapshot", "volume", SNAP_MISSING, 0)}), 400, "Snapshot " + SNAP_MISSING + " could not be found."},
      {"R25 get_bdm_image_metadata boot volume not found", bdms({boot_vol(VOL_MISSING)}), 400,
       "failed to get volume " + VOL_MISSING},
      {"R25 InvalidBDMVolumeNotBootable", bdms({boot_vol(VOL_DATA)}), 400,
       "Block Device " + VOL_DATA + " is not bootable."},
      {"R26 volume_image_metadata min_ram applies to volume-backed servers", bdms({boot_vol(VOL_BIGMIN)}), 400,
       "Flavor's memory is too small for requested image."},
      {"R28 _check_and_transform_bdm volume named like the root vda",
       bdms({root_img(), v2("volume", "volume", VOL_DATA, -1, {{"device_name", "/dev/vda"}})}, WITH_IMG), 400,
       "The volume cannot be assigned the same device name as the root device vda"},
      {"R28 quirk: image root_device_name /dev/sda never matches",
       bdms({v2("image", "local", IMG_SDA, 0), v2("volume", "volume", VOL_DATA, -1, {{"device_name", "sda"}})},
            {{"imageRef", IMG_SDA}}),
       202, ""},
      {"R31 from_legacy unrecognized v1 entry", legacy({{{"device_name", "vdb"}, {"volume_size", 1}}}, WITH_IMG), 400,
       "Unrecognized legacy format."},
      {"R31 v1 boot volume named sda: metadata from it, no boot index -> R39 on a 1 GB flavor",
       legacy({{{"device_name", "sda"}, {"volume_id", VOL_BOOT}}}, {{"flavorRef", "tiny"}}), 400,
       "Flavor's disk is too small for requested image."},
      {"R31 v1 boot volume named sda on a big flavor -> R41 boot sequence",
       legacy({{{"device_name", "sda"}, {"volume_id", VOL_BOOT}}}), 400,
       "Boot sequence for the instance and image/block device mapping combination is not valid."},
      {"R31 v1 vda volume is the boot device",
       legacy({{{"device_name", "/dev/vda"}, {"volume_id", VOL_BOOT}, {"delete_on_termination", "1"}}}), 202, ""},
      {"R33 _check_and_transform_bdm one volume, max_count 2", bdms({boot_vol()}, {{"max_count", 2}}), 400,
       "Cannot attach one or more volumes to multiple instances"},
      {"R33 image->volume with several instances is fine", bdms({img_vol()}, {{"min_count", 2}}), 202, ""},
  };
  run_rows(rows);
}

TEST_CASE("bdm rules: R41-R51 per-instance validation (compute/api.py::_validate_bdm)") {
  auto cross_az_off = [](Env& e) { e.cfg.cross_az_attach = false; };
  std::vector<Row> rows = {
      {"R41 InvalidBDMBootSequence: two boot_index 0 (client root + volume)", bdms({root_img(), boot_vol()}, WITH_IMG),
       400, "Boot sequence for the instance"},
      {"R41 gap 0,2", bdms({img_vol(), v2("blank", "volume", std::nullopt, 2, {{"volume_size", 1}})}), 400,
       "Boot sequence"},
      {"R41 starts at 1", bdms({v2("image", "volume", IMG, 1, {{"volume_size", 10}})}), 400, "Boot sequence"},
      {"R41 imageRef + v2 BDMs without a boot device",
       bdms({v2("blank", "volume", std::nullopt, -1, {{"volume_size", 1}})}, WITH_IMG), 400, "Boot sequence"},
      {"R41 0,1 is a valid sequence", bdms({img_vol(), v2("blank", "volume", std::nullopt, 1, {{"volume_size", 1}})}),
       202, ""},
      {"R42 _check_requested_volume_type: unknown type",
       bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"volume_type", "gold"}})}), 400,
       "Volume type gold could not be found."},
      {"R42 empty volume_type is ignored",
       bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"volume_type", ""}})}), 202, ""},
      {"R43 image->volume needs a non-zero volume_size", bdms({v2("image", "volume", IMG, 0)}), 400,
       "Images with destination_type 'volume' need to have a non-zero size specified"},
      {"R43 non-boot image BDM: image GET failure",
       bdms({img_vol(), v2("image", "volume", IMG_MISSING, -1, {{"volume_size", 1}})}), 400,
       "failed to get image " + IMG_MISSING},
      {"R44 _check_attach_and_reserve_volume: in-use volume", bdms({boot_vol(VOL_INUSE)}), 400,
       "status must be available or downloading to reserve, but the current status is in-use"},
      {"R44 volume in error state", bdms({boot_vol(VOL_ERR)}), 400,
       "Volume attachments can not be created if the volume is in an error state"},
      {"R44 multiattach volume below 2.60", bdms({boot_vol(VOL_MULTI)}), 400,
       "Multiattach volumes are only supported starting with compute API version 2.60.", [](Env& e) { e.mv = "2.59"; }},
      {"R44 _get_volumes_for_bdms: non-boot volume not found",
       bdms({img_vol(), v2("volume", "volume", VOL_MISSING, -1)}), 400,
       "Volume " + VOL_MISSING + " could not be found."},
      {"R45 non-boot snapshot not found", bdms({img_vol(), v2("snapshot", "volume", SNAP_MISSING, -1)}), 400,
       "failed to get snapshot " + SNAP_MISSING},
      {"R45 snapshot status is not checked by nova-api", bdms({v2("snapshot", "volume", SNAP_ERR, 0)}), 202, ""},
      {"R46 blank->volume without size", bdms({img_vol(), v2("blank", "volume", std::nullopt, -1)}), 400,
       "Blank volumes (source: 'blank', dest: 'volume') need to have non-zero size"},
      {"R47 InvalidBDMDiskBus (msg_fmr typo: generic text)",
       bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"disk_bus", "floppybus"}})}), 400,
       "Block Device Mapping is Invalid."},
      {"R47 disk_bus scsi accepted", bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"disk_bus", "scsi"}})}),
       202, ""},
      {"R48 InvalidBDMEphemeralSize: 11 GB on a 10 GB flavor",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1, {{"volume_size", 11}})},
            {{"imageRef", IMG}, {"flavorRef", "eph"}}),
       400, "Ephemeral disks requested are larger than the instance type allows."},
      {"R48 two unsized ephemerals ask for 2x flavor ephemeral",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1), v2("blank", "local", std::nullopt, -1)},
            {{"imageRef", IMG}, {"flavorRef", "eph"}}),
       400, "Ephemeral disks requested are larger"},
      {"R49 more than one swap",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1, {{"guest_format", "swap"}, {"volume_size", 100}}),
             v2("blank", "local", std::nullopt, -1, {{"guest_format", "swap"}, {"volume_size", 100}})},
            {{"imageRef", IMG}, {"flavorRef", "eph"}}),
       400, "More than one swap drive requested."},
      {"R49 InvalidBDMSwapSize",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1, {{"guest_format", "swap"}, {"volume_size", 1024}})},
            {{"imageRef", IMG}, {"flavorRef", "eph"}}),
       400, "Swap drive requested is larger than instance type allows."},
      {"R50 InvalidBDMLocalsLimit: max_local_block_devices=0 rejects image-backed", server({{"imageRef", IMG}}), 400,
       "You specified more local devices than the limit allows", [](Env& e) { e.cfg.max_local_block_devices = 0; }},
      {"R50 max_local_block_devices=0: BFV with flavor ephemeral/swap rejected",
       bdms({img_vol()}, {{"flavorRef", "eph"}}), 400, "more local devices than the limit allows",
       [](Env& e) { e.cfg.max_local_block_devices = 0; }},
      {"R50 max_local_block_devices=0: plain BFV passes", bdms({img_vol()}), 202, "",
       [](Env& e) { e.cfg.max_local_block_devices = 0; }},
      {"R50 default 3: root + 3 ephemerals is 4 locals",
       bdms({root_img(), v2("blank", "local", std::nullopt, -1, {{"volume_size", 1}}),
             v2("blank", "local", std::nullopt, -1, {{"volume_size", 1}}),
             v2("blank", "local", std::nullopt, -1, {{"volume_size", 1}})},
            {{"imageRef", IMG}, {"flavorRef", "eph"}}),
       400, "more local devices"},
      {"R50 negative limit is unlimited", server({{"imageRef", IMG}}), 202, "",
       [](Env& e) { e.cfg.max_local_block_devices = -1; }},
      {"R51 _validate_vol_az_for_create: volumes in different AZs",
       bdms({boot_vol(), v2("volume", "volume", VOL_AZ2, -1)}), 400,
       "Volumes are in different availability zones: az2,nova", cross_az_off},
      {"R51 server AZ differs from the volume's", bdms({boot_vol(VOL_AZ2)}, {{"availability_zone", "nova"}}), 400,
       "Server is in: nova. Volumes are in: az2.", cross_az_off},
      {"R51 cross_az_attach=true (default) allows it", bdms({boot_vol(VOL_AZ2)}, {{"availability_zone", "nova"}}), 202,
       ""},
  };
  run_rows(rows);
}

TEST_CASE("§1 order of API checks: flavor, AZ, image, key pair, network (servers.py::create)") {
  std::vector<Row> rows = {
      {"§1 flavors.get_flavor_by_flavor_id: unknown flavor", server({{"imageRef", IMG}, {"flavorRef", "nope"}}), 400,
       "Flavor nope could not be found."},
      {"§1 _validate_and_build_base_options: disabled flavor is FlavorNotFound",
       server({{"imageRef", IMG}, {"flavorRef", "off"}}), 400, "Flavor off could not be found."},
      {"§1 compute/api.py::create requested AZ must exist", server({{"imageRef", IMG}, {"availability_zone", "mars"}}),
       400, "The requested availability zone is not available"},
      {"§1 servers.py::create ImageNotFound", server({{"imageRef", IMG_MISSING}}), 400, "Can not find requested image"},
      {"§1 servers.py::create KeypairNotFound", server({{"imageRef", IMG}, {"key_name", "other"}}), 400,
       "Invalid key_name provided."},
      {"§1 NetworkNotFound",
       server({{"imageRef", IMG}, {"networks", json::array({{{"uuid", "cc5f6f4a-2c44-44a4-af9a-f8534e34d2b8"}}})}}),
       400, "could not be found."},
      {"§1 _get_requested_networks: network uuid not UUID-like",
       server({{"imageRef", IMG}, {"networks", json::array({{{"uuid", "net1"}}})}}), 400, "Bad networks format"},
      {"§9 BDM object DeviceType enum: unknown device_type -> 500",
       bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"device_type", "tape"}})}), 500,
       "Unexpected API Error"},
      {"§1 first failing check wins: R11 before the missing flavor",
       [] {
         json b = bdms({boot_vol()}, {{"flavorRef", "nope"}});
         b["server"]["block_device_mapping"] = json::array({{{"device_name", "vdb"}, {"volume_id", VOL_DATA}}});
         return b;
       }(),
       400, "Using different block_device_mapping syntaxes"},
  };
  run_rows(rows);
}

TEST_CASE("R20 block_device.py::BlockDeviceDict normalisation: /dev/ prefix, ints, dot default false") {
  Env env;
  auto v = env.run(bdms(
      {v2("image", "volume", IMG, std::nullopt, {{"boot_index", "0"}, {"volume_size", "12"}, {"device_name", "vda"}}),
       v2("blank", "volume", std::nullopt, std::nullopt,
          {{"boot_index", "-1"}, {"volume_size", "1"}, {"device_name", "vdb"}})}));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 2);
  CHECK(v.bdms[0].device_name == "/dev/vda");
  CHECK(v.bdms[0].boot_index == 0);
  CHECK(v.bdms[0].volume_size == 12);
  CHECK(v.bdms[0].delete_on_termination == false);
  CHECK(v.bdms[1].boot_index == -1);  // stored as given (nova/block_device.py::BlockDeviceDict.from_api; issue 13)
  CHECK(v.bdms[1].delete_on_termination == false);
  CHECK(v.boot_from_volume);
}

TEST_CASE(
    "R12/R31 v1 legacy conversion (block_device.py::from_legacy_mapping, "
    "test_block_device.py::test_from_legacy_mapping)") {
  Env env;
  auto v = env.run(legacy({{{"device_name", "/dev/vda"}, {"volume_id", VOL_BOOT}, {"delete_on_termination", "yes"}},
                           {{"device_name", "vdb"}, {"snapshot_id", SNAP}},
                           {{"device_name", "vdc"}, {"virtual_name", "swap"}, {"delete_on_termination", false}}},
                          {{"flavorRef", "eph"}}));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 4);  // + flavor ephemeral (swap already given)
  CHECK(v.bdms[0].source_type == "volume");
  CHECK(v.bdms[0].boot_index == 0);
  CHECK(v.bdms[0].delete_on_termination == true);  // R12 "yes" -> true
  CHECK(v.bdms[0].volume_size == 10);              // R52 Cinder size
  CHECK(v.bdms[0].origin == "legacy_v1");
  CHECK(v.bdms[1].source_type == "snapshot");
  CHECK(v.bdms[1].destination_type == "volume");
  CHECK(v.bdms[1].boot_index == -1);   // from_legacy_mapping: not the root -> -1
  CHECK(v.bdms[1].volume_size == 10);  // R45 defaults to snapshot size
  CHECK(v.bdms[2].is_swap());
  CHECK(v.bdms[2].boot_index == -1);
  CHECK(v.bdms[3].boot_index == -1);               // flavor ephemeral: block_device.py::create_blank_bdm
  CHECK(v.bdms[2].delete_on_termination == true);  // forced for swap/ephemeralN
  CHECK(v.bdms[2].volume_size == 512);             // R52 flavor swap MiB
  CHECK(v.bdms[3].origin == "flavor");
  CHECK(v.bdms[3].is_ephemeral());
  CHECK(v.boot_from_volume);
}

TEST_CASE("R31 v1 with imageRef and a vda volume: the volume is root, no image disk") {
  Env env;
  auto v = env.run(legacy({{{"device_name", "vda"}, {"volume_id", VOL_BOOT}}}, WITH_IMG));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 1);
  CHECK(v.bdms[0].source_type == "volume");
  CHECK(v.boot_from_volume);
}

TEST_CASE("R32 no BDMs: generated image->local root, dot=true (from_legacy_mapping + create_image_bdm)") {
  Env env;
  auto v = env.run(server({{"imageRef", IMG}, {"flavorRef", "eph"}}));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 3);
  CHECK(v.bdms[0].origin == "generated_root");
  CHECK(v.bdms[0].source_type == "image");
  CHECK(v.bdms[0].destination_type == "local");
  CHECK(v.bdms[0].uuid == IMG);
  CHECK(v.bdms[0].delete_on_termination == true);
  CHECK(v.bdms[0].volume_size == std::nullopt);
  CHECK(v.bdms[1].volume_size == 10);  // R34 flavor ephemeral
  CHECK(v.bdms[2].is_swap());
  CHECK(v.bdms[2].volume_size == 512);
  CHECK(v.bdms[1].boot_index == -1);  // block_device.py::create_blank_bdm (issue 13: was null)
  CHECK(v.bdms[2].boot_index == -1);
  CHECK(v.bdms[1].to_json()["boot_index"] == -1);
  CHECK(!v.boot_from_volume);
}

TEST_CASE(
    "R20 a negative boot_index is stored as given (nova/block_device.py::BlockDeviceDict.from_api, "
    "objects/block_device.py)") {
  Env env;
  auto v = env.run(bdms({img_vol(), v2("blank", "volume", std::nullopt, -5, {{"volume_size", 1}}),
                         v2("blank", "volume", std::nullopt, std::nullopt, {{"volume_size", 1}})}));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 3);
  CHECK(v.bdms[1].boot_index == -5);
  CHECK(v.bdms[2].boot_index == std::nullopt);  // none given: NULL
}

TEST_CASE("R29/R30 image-defined BDMs (compute/api.py::_get_image_defined_bdms, _merge_bdms_lists)") {
  Env env;
  SUBCASE("R30 the client-inserted image root yields to the image's snapshot->volume root") {
    auto v =
        env.run(bdms({v2("image", "local", IMG_BDM, 0, {{"delete_on_termination", true}})}, {{"imageRef", IMG_BDM}}));
    REQUIRE(v.status == 202);
    REQUIRE(v.bdms.size() == 1);
    CHECK(v.bdms[0].source_type == "snapshot");
    CHECK(v.bdms[0].uuid == SNAP);
    CHECK(v.bdms[0].origin == "image_metadata");
    CHECK(v.bdms[0].delete_on_termination == true);  // copied from the original server
    CHECK(v.boot_from_volume);
  }
  SUBCASE("R29 image mapping /dev/vdb is merged after the user's BDMs") {
    auto v = env.run(server({{"imageRef", IMG_MAP}}));
    REQUIRE(v.status == 202);
    REQUIRE(v.bdms.size() == 2);
    CHECK(v.bdms[0].origin == "generated_root");
    CHECK(v.bdms[1].origin == "image_metadata");
    CHECK(v.bdms[1].device_name == "/dev/vdb");
  }
  SUBCASE(
      "R29 a user no_device entry removes the image's /dev/vdb mapping and is stored "
      "(compute/api.py::_check_and_transform_bdm)") {
    auto v = env.run(bdms({v2("image", "local", IMG_MAP, 0), json{{"device_name", "vdb"}, {"no_device", true}}},
                          {{"imageRef", IMG_MAP}}));
    REQUIRE(v.status == 202);
    REQUIRE(v.bdms.size() == 2);
    CHECK(v.bdms[0].source_type == "image");
    CHECK(v.bdms[1].no_device);
    CHECK(v.bdms[1].device_name == "/dev/vdb");
    CHECK(v.bdms[1].to_json()["no_device"] == true);
    CHECK(v.bdms[1].to_json()["source_type"].is_null());
    CHECK(on_server_delete(v.bdms)[1].action == "untouched");
    CHECK(volume_prep_order(v.bdms).empty());
  }
}

TEST_CASE(
    "R42 volume_type given by id is stored by name "
    "(test_api.py::test_validate_bdm_with_volume_type_name_is_specified)") {
  Env env;
  auto v = env.run(bdms({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"volume_type", "t-ssd"}})}));
  REQUIRE(v.status == 202);
  CHECK(v.bdms[0].volume_type == "ssd");
}

TEST_CASE("R51 no AZ requested: server pinned to the volumes' AZ (test_cross_az_attach.py)") {
  Env env;
  env.cfg.cross_az_attach = false;
  auto v = env.run(bdms({boot_vol(VOL_AZ2)}));
  REQUIRE(v.status == 202);
  CHECK(v.availability_zone == "az2");
}

TEST_CASE(
    "R27 root device name from image property root_device_name (compute/api.py::_validate_and_build_base_options)") {
  Env env;
  // The image says /dev/sda, so a v1 volume named sda becomes the boot device (from_legacy_mapping).
  auto v = env.run(legacy({{{"device_name", "sda"}, {"volume_id", VOL_BOOT}}}, {{"imageRef", IMG_SDA}}));
  REQUIRE(v.status == 202);
  REQUIRE(v.bdms.size() == 1);
  CHECK(v.bdms[0].boot_index == 0);
  CHECK(v.bdms[0].device_name == "/dev/sda");
  CHECK(v.boot_from_volume);
  // With the default root name vda the same request has an image root plus a non-boot volume.
  auto w = env.run(legacy({{{"device_name", "sda"}, {"volume_id", VOL_BOOT}}}, WITH_IMG));
  REQUIRE(w.status == 202);
  REQUIRE(w.bdms.size() == 2);
  CHECK(w.bdms[0].origin == "generated_root");
  CHECK(w.bdms[1].boot_index == -1);  // from_legacy_mapping: not the root -> -1
  CHECK(!w.boot_from_volume);
}

TEST_CASE("§1 flavors.get_flavor_by_flavor_id: flavorRef is an id, not a name (names are resolved by the CLIs)") {
  Env env;
  auto v = env.run(server({{"imageRef", IMG}, {"flavorRef", "m1.small"}}));
  CHECK(v.status == 400);
  CHECK(v.error == "Flavor m1.small could not be found.");
  CHECK(env.run(server({{"imageRef", IMG}, {"flavorRef", "small"}})).status == 202);
}

TEST_CASE("R7/R8 rejected keys are attributed to their rule") {
  Env env;
  env.mv = "2.60";
  auto v =
      env.run(server({{"block_device_mapping_v2",
                       json::array({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"volume_type", "ssd"}})})}}));
  CHECK(v.status == 400);
  CHECK(v.rule == "R8");
  CHECK(v.error.find("'volume_type' was unexpected") != std::string::npos);
  env.mv = "2.40";
  v = env.run(server({{"block_device_mapping_v2",
                       json::array({v2("image", "volume", IMG, 0, {{"volume_size", 10}, {"tag", "x"}})})}}));
  CHECK(v.rule == "R7");
}

#include "tests/models/semantics/fixtures.hpp"

#include <doctest/doctest.h>

namespace bfv::sem::test {

CloudState make_cloud() {
  constexpr int64_t GiB = 1024LL * 1024 * 1024;
  CloudState c;
  c.availability_zones = {"nova", "az2"};
  c.flavors = {
      {"small", "m1.small", 1, 2048, 20, 0, 0, false, {}}, {"eph", "m1.eph", 2, 4096, 20, 10, 512, false, {}},
      {"zero", "m1.zero", 1, 2048, 0, 0, 0, false, {}},    {"tiny", "m1.tiny", 1, 1024, 1, 0, 0, false, {}},
      {"off", "m1.off", 1, 2048, 20, 0, 0, true, {}},      {"big", "m1.big", 8, 16384, 80, 0, 0, false, {}},
      {SEED_FLAVOR, "seed", 2, 4096, 20, 0, 0, false, {}},
  };
  auto image = [&](const std::string& id, int64_t size) {
    Image i;
    i.id = id;
    i.name = id.substr(id.size() - 4);
    i.size = size;
    i.virtual_size = size;
    return i;
  };
  Image img = image(IMG, 2 * GiB);
  Image min = image(IMG_MIN, 2 * GiB);
  min.min_disk = 30;
  min.min_ram = 8192;
  Image queued = image(IMG_QUEUED, 0);
  queued.status = "queued";
  queued.size.reset();
  Image enc = image(IMG_ENC, 1 * GiB);
  enc.properties["cinder_encryption_key_id"] = "k1";
  Image bdm = image(IMG_BDM, 0);
  bdm.bdm_v2 = true;
  bdm.block_device_mapping = json::array({{{"source_type", "snapshot"},
                                           {"destination_type", "volume"},
                                           {"snapshot_id", SNAP},
                                           {"boot_index", 0},
                                           {"volume_size", 10},
                                           {"delete_on_termination", true},
                                           {"device_name", "/dev/vda"}}});
  Image big = image(IMG_BIG, 30 * GiB);
  big.virtual_size = 40 * GiB;
  Image sda = image(IMG_SDA, 1 * GiB);
  sda.properties["root_device_name"] = "/dev/sda";
  Image map = image(IMG_MAP, 1 * GiB);
  map.bdm_v2 = true;
  map.block_device_mapping = json::array({{{"source_type", "blank"},
                                           {"destination_type", "volume"},
                                           {"volume_size", 3},
                                           {"boot_index", -1},
                                           {"device_name", "/dev/vdb"}}});
  c.images = {img, min, queued, enc, bdm, big, sda, map};
  auto volume = [&](const std::string& id, int size, const std::string& status, bool bootable) {
    Volume v;
    v.id = id;
    v.size_gb = size;
    v.status = status;
    v.bootable = bootable;
    v.volume_type = "ssd";
    return v;
  };
  Volume boot = volume(VOL_BOOT, 10, "available", true);
  boot.volume_image_metadata = nlohmann::json{{"image_id", IMG}, {"min_ram", "1024"}, {"min_disk", "5"}};
  Volume inuse = volume(VOL_INUSE, 10, "in-use", true);
  inuse.attached_to = {"other-server"};
  Volume multi = volume(VOL_MULTI, 10, "available", true);
  multi.multiattach = true;
  Volume az2 = volume(VOL_AZ2, 10, "available", true);
  az2.availability_zone = "az2";
  Volume bigmin = volume(VOL_BIGMIN, 10, "available", true);
  bigmin.volume_image_metadata = nlohmann::json{{"min_ram", "65536"}};
  c.volumes = {boot,  volume(VOL_DATA, 5, "available", false), inuse, volume(VOL_ERR, 10, "error", true), multi, az2,
               bigmin};
  c.snapshots = {{SNAP, VOL_BOOT, 10, "available", ""}, {SNAP_ERR, VOL_BOOT, 10, "error", ""}};
  c.volume_types = {{"ssd", "t-ssd", "ceph"}, {"__DEFAULT__", "t-default", "lvm"}};
  c.networks = {NET};
  c.keypairs = {"my_keypair"};
  return c;
}

json server(const json& extra) {
  json s = {{"name", "t"}, {"flavorRef", "small"}, {"networks", "none"}};
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    if (it.value().is_null())
      s.erase(it.key());
    else
      s[it.key()] = it.value();
  }
  return {{"server", s}};
}

json v2(const std::string& src, const std::string& dst, const std::optional<std::string>& uuid,
        std::optional<int> boot_index, const json& extra) {
  json b = {{"source_type", src}, {"destination_type", dst}};
  if (uuid) b["uuid"] = *uuid;
  if (boot_index) b["boot_index"] = *boot_index;
  for (auto it = extra.begin(); it != extra.end(); ++it) b[it.key()] = it.value();
  return b;
}

json seed000_body() {
  return json::parse(R"({
"server" : {
"name": "volume-backed",
"block_device_mapping_v2": [
{
"uuid": "754e77f5-9a0c-4549-b49d-7bde34dc960f",
"source_type": "image",
"destination_type": "volume",
"boot_index": 0,
"volume_size": "20",
"delete_on_termination": false
}
],
"flavorRef": "8f9a148d-b258-42f7-bcc2-32581d86e1f1",
"availability_zone": "nova",
"networks": [{ "uuid": "cc5f6f4a-2c44-44a4-af9a-f8534e34d2b7" }],
"key_name": "my_keypair",
"max_count": 1,
"min_count": 1
}
})");
}

void run_rows(const std::vector<Row>& rows) {
  for (const auto& row : rows) {
    SUBCASE(row.name) {
      Env env;
      if (row.setup) row.setup(env);
      const Verdict v = env.run(row.body);
      INFO("row: ", std::string(row.name), " | got ", v.status, " ", v.error);
      CHECK(v.status == row.status);
      if (!row.needle.empty()) CHECK(v.error.find(row.needle) != std::string::npos);
      if (row.status == 202)
        CHECK(v.error.empty());
      else
        CHECK(v.bdms.empty());
    }
  }
}

}  // namespace bfv::sem::test

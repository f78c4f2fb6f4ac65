// A small cloud shared by the semantics tests, and helpers to build POST /servers bodies.
#pragma once
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "models/semantics/server_create.hpp"

namespace bfv::sem::test {

using nlohmann::json;

// ids (uuid-like, because the v1 schema and imageRef require it)
inline const std::string IMG = "754e77f5-9a0c-4549-b49d-7bde34dc960f";         // seed 000's image, 2 GiB, active
inline const std::string IMG_MIN = "11111111-0000-0000-0000-000000000002";     // min_disk 30, min_ram 8192
inline const std::string IMG_QUEUED = "11111111-0000-0000-0000-000000000003";  // status queued
inline const std::string IMG_ENC = "11111111-0000-0000-0000-000000000004";     // cinder_encryption_key_id
inline const std::string IMG_BDM = "11111111-0000-0000-0000-000000000005";     // bdm_v2 snapshot of a BFV server
inline const std::string IMG_BIG = "11111111-0000-0000-0000-000000000006";     // 30 GiB bytes, virtual 40 GiB
inline const std::string IMG_SDA = "11111111-0000-0000-0000-000000000007";     // root_device_name /dev/sda
inline const std::string IMG_MAP = "11111111-0000-0000-0000-000000000008";     // bdm_v2 with a /dev/vdb data mapping
inline const std::string IMG_MISSING = "11111111-0000-0000-0000-0000000000ff";
inline const std::string VOL_BOOT =
    "22222222-0000-0000-0000-000000000001";  // bootable, available, 10 GiB, min_ram 1024
inline const std::string VOL_DATA = "22222222-0000-0000-0000-000000000002";  // not bootable, 5 GiB
inline const std::string VOL_INUSE = "22222222-0000-0000-0000-000000000003";
inline const std::string VOL_ERR = "22222222-0000-0000-0000-000000000004";
inline const std::string VOL_MULTI = "22222222-0000-0000-0000-000000000005";   // multiattach, bootable
inline const std::string VOL_AZ2 = "22222222-0000-0000-0000-000000000006";     // bootable, in az2
inline const std::string VOL_BIGMIN = "22222222-0000-0000-0000-000000000007";  // bootable, meta min_ram 65536
inline const std::string VOL_MISSING = "22222222-0000-0000-0000-0000000000ff";
inline const std::string SNAP = "33333333-0000-0000-0000-000000000001";      // of VOL_BOOT, 10 GiB, available
inline const std::string SNAP_ERR = "33333333-0000-0000-0000-000000000002";  // status error
inline const std::string SNAP_MISSING = "33333333-0000-0000-0000-0000000000ff";
inline const std::string NET = "cc5f6f4a-2c44-44a4-af9a-f8534e34d2b7";
inline const std::string SEED_FLAVOR = "8f9a148d-b258-42f7-bcc2-32581d86e1f1";

CloudState make_cloud();

struct Env {
  CloudState cloud = make_cloud();
  NovaConfig cfg;
  NovaQuota quota;
  NovaUsage usage;
  std::string mv = "2.79";
  Verdict run(const json& body) const { return validate_server_create(body, mv, cloud, cfg, quota, usage); }
};

// {"server": {"name": "t", "flavorRef": "small", "networks": "none", ...extra}}
json server(const json& extra);
// A v2 BDM entry.
json v2(const std::string& src, const std::string& dst, const std::optional<std::string>& uuid,
        std::optional<int> boot_index, const json& extra = json::object());
// The seed-000 request body (as scenarios/requests/seed-000.json).
json seed000_body();

// One row of a table-driven test: a body, an environment tweak, the expected status and a
// substring of the message ("" for 202).
struct Row {
  const char* name;  // "R<n> <upstream file::function or test>: <what>"
  json body;
  int status;
  std::string needle;
  std::function<void(Env&)> setup = nullptr;
};
void run_rows(const std::vector<Row>& rows);

}  // namespace bfv::sem::test

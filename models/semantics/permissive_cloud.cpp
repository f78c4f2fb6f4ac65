#include "models/semantics/permissive_cloud.hpp"

#include <algorithm>

namespace bfv::sem {
namespace {

std::string str(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

int size_or(const nlohmann::json& bdm, int dflt) {
  if (!bdm.contains("volume_size")) return dflt;
  const auto& v = bdm["volume_size"];
  try {
    if (v.is_number_integer()) return std::max(1, v.get<int>());
    if (v.is_string()) return std::max(1, std::stoi(v.get<std::string>()));
  } catch (...) {
  }
  return dflt;
}

}  // namespace

CloudState permissive_cloud(const nlohmann::json& body, std::vector<std::string>* stated) {
  CloudState c;
  c.keypairs.clear();  // any key_name
  c.networks.clear();  // any network uuid
  const nlohmann::json& s = body.contains("server") && body["server"].is_object() ? body["server"] : body;
  constexpr int64_t GiB = 1024LL * 1024 * 1024;
  auto add_image = [&](const std::string& id) {
    if (id.empty() || c.find_image(id)) return;
    Image im;
    im.id = id;
    im.name = id;
    im.size = GiB;
    im.virtual_size = 2 * GiB;
    im.visibility = "public";
    c.images.push_back(im);
    if (stated) stated->push_back("image " + id + ": active, qcow2, 1 GiB stored, 2 GiB virtual, min_disk 0, public");
  };
  if (s.contains("flavorRef")) {
    std::string id = str(s["flavorRef"]);
    if (!id.empty()) {
      Flavor f;
      f.id = id;
      f.name = id;
      f.vcpus = 1;
      f.ram_mb = 2048;
      f.disk_gb = 20;
      c.flavors.push_back(f);
      if (stated) stated->push_back("flavor " + id + ": 1 vCPU, 2048 MB RAM, 20 GB root disk, no ephemeral, no swap");
    }
  }
  if (s.contains("imageRef")) add_image(str(s["imageRef"]));
  for (const char* key : {"block_device_mapping_v2", "block_device_mapping"}) {
    if (!s.contains(key) || !s[key].is_array()) continue;
    for (const auto& b : s[key]) {
      if (!b.is_object()) continue;
      std::string src = b.contains("source_type") ? str(b["source_type"]) : "";
      std::string id = b.contains("uuid") ? str(b["uuid"]) : b.contains("volume_id") ? str(b["volume_id"]) : "";
      if (!b.contains("source_type") && b.contains("volume_id")) src = "volume";
      if (!b.contains("source_type") && b.contains("snapshot_id")) {
        src = "snapshot";
        id = str(b["snapshot_id"]);
      }
      if (id.empty()) continue;
      if (src == "image") {
        add_image(id);
      } else if (src == "volume" && !c.find_volume(id)) {
        Volume v;
        v.id = id;
        v.name = id;
        v.size_gb = size_or(b, 20);
        v.bootable = true;
        v.volume_type = c.default_volume_type;
        c.volumes.push_back(v);
        if (stated)
          stated->push_back("volume " + id + ": available, bootable, " + std::to_string(v.size_gb) + " GB, type " +
                            v.volume_type + ", az nova, not attached");
      } else if (src == "snapshot" && !c.find_snapshot(id)) {
        Snapshot sn;
        sn.id = id;
        sn.size_gb = size_or(b, 20);
        sn.volume_id = "volume-of-" + id;
        c.snapshots.push_back(sn);
        if (stated) stated->push_back("snapshot " + id + ": available, " + std::to_string(sn.size_gb) + " GB");
      }
    }
  }
  if (s.contains("networks") && s["networks"].is_array())
    for (const auto& n : s["networks"])
      if (n.is_object() && n.contains("uuid") && stated)
        stated->push_back("network " + str(n["uuid"]) + ": exists (any network uuid is accepted)");
  return c;
}

}  // namespace bfv::sem

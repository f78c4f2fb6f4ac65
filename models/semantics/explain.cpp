// `bfvsim explain`: the API verdict, the normalized BDMs and what a delete would do, as JSON and
// as text a user can read without knowing Nova's internals.
#include <sstream>

#include "models/semantics/server_create.hpp"

namespace bfv::sem {

using nlohmann::json;

json explain_json(const json& body, const std::string& microversion, const CloudState& cloud, const NovaConfig& cfg,
                  const NovaQuota& quota, const NovaUsage& usage) {
  const Verdict v = validate_server_create(body, microversion, cloud, cfg, quota, usage);
  json j;
  j["microversion"] = microversion;
  j["api_status"] = v.status;
  j["api_error"] = v.error;
  j["rule"] = v.rule;
  j["bdms"] = json::array();
  j["on_delete"] = json::array();
  if (!v.ok()) return j;
  j["name"] = v.name;
  j["flavor_id"] = v.flavor_id;
  j["image_ref"] = v.image_ref ? json(*v.image_ref) : json(nullptr);
  j["min_count"] = v.min_count;
  j["max_count"] = v.max_count;
  j["availability_zone"] = v.availability_zone;
  j["boot_from_volume"] = v.boot_from_volume;
  for (const auto& b : v.bdms) {
    json e = b.to_json();
    e["origin"] = b.origin;
    j["bdms"].push_back(e);
  }
  for (const auto& o : on_server_delete(v.bdms)) {
    json e{{"bdm_index", o.bdm_index}, {"action", o.action}, {"reason", o.reason}};
    e["volume_id"] = o.volume_id ? json(*o.volume_id) : json(nullptr);
    j["on_delete"].push_back(e);
  }
  if (auto f = nova_fault_too_many_disk_devices("<uuid>", v.bdms, cfg)) j["compute_fault"] = *f;
  return j;
}

std::string explain_text(const json& j) {
  std::ostringstream os;
  const int status = j.value("api_status", 0);
  os << "nova-api answers " << status << (status == 202 ? " Accepted" : "");
  if (j.contains("microversion")) os << " (microversion " << j["microversion"].get<std::string>() << ")";
  os << "\n";
  if (status != 202) {
    os << "  error: " << j.value("api_error", std::string()) << "\n";
    if (!j.value("rule", std::string()).empty())
      os << "  rule:  " << j["rule"].get<std::string>() << " (docs/semantics.md)\n";
    return os.str();
  }
  os << "  server " << j.value("name", std::string()) << ", flavor " << j.value("flavor_id", std::string()) << ", "
     << j.value("max_count", 1) << " instance(s), "
     << (j.value("boot_from_volume", false) ? "boots from a volume" : "boots from a local image disk") << "\n";
  os << "  block devices (per instance):\n";
  const auto& bdms = j["bdms"];
  for (size_t i = 0; i < bdms.size(); ++i) {
    const auto& b = bdms[i];
    auto str = [](const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : std::string("-"); };
    if (b.value("no_device", false)) {
      os << "    [" << i << "] no_device " << b.value("device_name", std::string("-"))
         << (b["boot_index"].is_null() ? std::string() : ", boot_index " + std::to_string(b["boot_index"].get<int>()))
         << (b.contains("origin") ? " (" + b["origin"].get<std::string>() + ")" : std::string()) << "\n";
      continue;
    }
    os << "    [" << i << "] " << str(b["source_type"]) << " -> " << str(b["destination_type"]);
    if (!b["uuid"].is_null()) os << " " << b["uuid"].get<std::string>();
    if (!b["boot_index"].is_null()) os << ", boot_index " << b["boot_index"].get<int>();
    if (!b["volume_size"].is_null())
      os << ", " << b["volume_size"].get<int>() << (b.value("guest_format", std::string()) == "swap" ? " MiB" : " GiB");
    if (!b["volume_type"].is_null()) os << ", type " << b["volume_type"].get<std::string>();
    os << ", delete_on_termination=" << (b["delete_on_termination"].get<bool>() ? "true" : "false");
    if (b.contains("origin")) os << " (" << b["origin"].get<std::string>() << ")";
    os << "\n";
  }
  os << "  on server delete:\n";
  for (const auto& o : j["on_delete"])
    os << "    [" << o["bdm_index"].get<size_t>() << "] " << o["action"].get<std::string>() << ": "
       << o["reason"].get<std::string>() << "\n";
  if (j.contains("compute_fault"))
    os << "  note: the build will fail on the compute host: " << j["compute_fault"].get<std::string>() << "\n";
  return os.str();
}

}  // namespace bfv::sem

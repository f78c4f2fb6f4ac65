// Internal pieces of validate_server_create(), shared by the .cpp files of models/semantics/.
// Each stage mirrors one upstream function; they throw ApiError, and the first one thrown is the
// answer (Nova's "first failing check wins", docs/bdm-rules.md).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/semantics/cloud.hpp"
#include "models/semantics/server_create.hpp"

namespace bfv::sem::detail {

// An HTTP error nova-api would answer with. `rule` is the rule number of docs/bdm-rules.md (R<n>/§).
struct ApiError : std::runtime_error {
  int status;
  std::string rule;
  ApiError(int st, std::string r, const std::string& msg) : std::runtime_error(msg), status(st), rule(std::move(r)) {}
};
[[noreturn]] inline void fail(int status, const std::string& rule, const std::string& msg) {
  throw ApiError(status, rule, msg);
}
// nova/exception.py::InvalidBDMFormat / InvalidBDM prefixes.
inline std::string bdm_invalid(const std::string& details) { return "Block Device Mapping is Invalid: " + details; }
// wsgi.py::expected_errors turns any unexpected Python exception into this 500.
inline const char* kUnexpected =
    "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if "
    "possible.";

// ---- microversions (nova/api/openstack/api_version_request.py) ----
struct Microversion {
  int major = 2, minor = 1;
  auto operator<=>(const Microversion&) const = default;
  bool at_least(int mi) const { return major > 2 || (major == 2 && minor >= mi); }
  std::string str() const { return std::to_string(major) + "." + std::to_string(minor); }
};
// Parses "2.67" / "latest" (= cfg max); throws ApiError 400 on bad format, 406 when unsupported.
Microversion parse_microversion(const std::string& s, const std::string& max_supported);
// The JSON schema's `pattern`, matched against the whole string as std::regex_match does; simple
// character-class patterns are matched by hand (server_schema.cpp).
bool schema_pattern_match(const std::string& s, const char* pattern);

// ---- stage 1: JSON schema (server_schema.cpp; R1–R10) ----
void validate_schema(const nlohmann::json& body, const Microversion& mv);

// ---- BDM dicts (bdm.cpp; R11–R20, R27–R34) ----
// A BDM while Nova is still transforming it: Bdm plus the bits that never reach storage.
struct WorkBdm {
  Bdm b;
  bool no_device = false;        // R19/R29: overrides image-defined mappings by device name; kept in the stored list
  bool boot_index_none = false;  // boot_index explicitly null/absent after legacy conversion
};
std::string prepend_dev(const std::string& name);
std::string strip_dev(const std::string& name);
bool to_bool_like(const nlohmann::json& v);               // oslo strutils.bool_from_string on schema-valid input
std::optional<int> to_int_like(const nlohmann::json& v);  // int or numeric string

// block_device.py::BlockDeviceDict.from_api + _validate (R13–R20).
WorkBdm bdm_from_api(const nlohmann::json& item, bool image_uuid_specified);
// block_device.py::from_legacy_mapping (R31/R32); entries are v1 dicts with dot already bool (R12).
std::vector<WorkBdm> bdm_from_legacy_mapping(const nlohmann::json& v1_list, const std::string& image_uuid,
                                             const std::string& root_device_name, bool no_root, const NovaConfig& cfg);
// Reads one image-defined BDM (Glance property block_device_mapping, bdm_v2=True) (R29).
WorkBdm bdm_from_image_property(const nlohmann::json& item);
// compute/api.py::_merge_bdms_lists (R29).
std::vector<WorkBdm> merge_bdms_lists(const std::vector<WorkBdm>& overridable, const std::vector<WorkBdm>& overrider);
// compute/api.py::_get_flavor_defined_bdms (R34).
std::vector<WorkBdm> flavor_defined_bdms(const Flavor& flavor, const std::vector<WorkBdm>& bdms);

// ---- boot metadata and flavor/image checks (boot_meta.cpp; R23–R27, R35–R40) ----
struct BootMeta {
  bool present = false;
  std::string id;  // "None" when the image came from a BDM (R36 quirk)
  std::string status = "active";
  int64_t size_bytes = 0;
  int min_disk_gb = 0, min_ram_mb = 0;
  std::map<std::string, std::string> properties;
  nlohmann::json block_device_mapping = nlohmann::json::array();
  bool bdm_v2 = false;
};
BootMeta image_boot_meta(const Image& img, bool from_image_ref);
// block_device.py::get_bdm_image_metadata (R23–R26).
BootMeta bdm_image_metadata(const std::vector<WorkBdm>& v2, const nlohmann::json& v1, bool legacy,
                            const CloudState& cloud);
// compute/api.py::_checks_for_create_and_rebuild (R35–R40).
void validate_flavor_image(const BootMeta& meta, const Flavor& flavor, const WorkBdm* root_bdm, const NovaConfig& cfg);

// ---- quota (quota.cpp; §2.F) ----
// compute/utils.py::check_num_instances_quota: the number of instances to build, or 403.
int check_num_instances_quota(const Flavor& flavor, int min_count, int max_count, const NovaQuota& quota,
                              const NovaUsage& usage);

// ---- per-instance BDM validation (bdm_validate.cpp; R41–R52) ----
struct ValidateCtx {
  const CloudState& cloud;
  const NovaConfig& cfg;
  const Flavor& flavor;
  Microversion mv;
  std::string image_ref;  // the instance's imageRef ("" for BFV)
};
// compute/api.py::_get_volumes_for_bdms + _validate_vol_az_for_create (R44 not-found, R51).
// Returns the AZ the server ends up in ("" = any).
std::string check_volumes_and_az(const std::vector<WorkBdm>& bdms, const ValidateCtx& ctx,
                                 const std::string& requested_az);
// compute/api.py::_bdm_validate_set_size_and_instance + _validate_bdm (R41–R50, R52).
void validate_bdm(std::vector<WorkBdm>& bdms, const ValidateCtx& ctx);

}  // namespace bfv::sem::detail

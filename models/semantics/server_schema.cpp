// Stage 1 of POST /servers: the microversion header and the JSON schema (R1–R10).
// Mirrors nova/api/openstack/compute/schemas/servers.py (base_create and its per-microversion
// copies), nova/api/validation/parameter_types.py and validators.py::_SchemaValidator. Errors are
// formatted as Nova's validator does: "Invalid input for field/attribute <last path element>.
// Value: <value>. <jsonschema message>". jsonschema's own wording varies between versions, so
// callers (and tests) should match on the field name.
#include <algorithm>
#include <bitset>
#include <cctype>
#include <climits>
#include <map>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <set>

#include "models/semantics/server_create_detail.hpp"

namespace bfv::sem::detail {
namespace {

using nlohmann::json;

// Python repr() of a JSON value, as it appears in Nova's messages.
std::string repr(const json& v) {
  if (v.is_string()) {  // built with += : GCC 12 warns falsely (-Wrestrict, PR105329) on "'" + s
    std::string out(1, '\'');
    out += v.get<std::string>();
    out += '\'';
    return out;
  }
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  if (v.is_null()) return "None";
  return v.dump();
}

[[noreturn]] void field_fail(const std::string& rule, const std::string& field, const json& value,
                             const std::string& msg) {
  fail(400, rule, "Invalid input for field/attribute " + field + ". Value: " + repr(value) + ". " + msg);
}
[[noreturn]] void type_fail(const std::string& rule, const std::string& field, const json& v,
                            const std::string& types) {
  field_fail(rule, field, v, repr(v) + " is not of type " + types);
}

bool is_uuid_like(const std::string& s) {  // oslo_utils.uuidutils.is_uuid_like
  std::string hex;
  for (char c : s)
    if (c != '-') hex += c;
  if (hex.size() != 32) return false;
  return std::all_of(hex.begin(), hex.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// The schema's patterns are all one character class, repeated, optionally after "-?":
// ^[a-zA-Z0-9._-]*$, ^[^,/]*$, ^-?[0-9]+$ ... Those are matched by hand (std::regex took ~6,000
// instructions per uuid, and it recurses once per character of user text: issue 17); any other
// pattern is a programming error, not a fallback to std::regex. Same result as regex_match: the
// whole string, byte by byte (tests/models/semantics/test_schema.cpp checks it against std::regex).
struct ClassPattern {
  bool simple = false, minus = false, negate = false, plus = false;
  std::bitset<256> set;
};
ClassPattern parse_class_pattern(const char* p) {
  ClassPattern cp;
  std::string_view v(p);
  if (v.size() < 5 || v.front() != '^' || v.back() != '$') return cp;
  v = v.substr(1, v.size() - 2);
  if (v.substr(0, 2) == "-?") {
    cp.minus = true;
    v.remove_prefix(2);
  }
  if (v.size() < 4 || v[0] != '[' || (v.back() != '*' && v.back() != '+') || v[v.size() - 2] != ']') return cp;
  cp.plus = v.back() == '+';
  v = v.substr(1, v.size() - 3);  // the class body
  if (!v.empty() && v[0] == '^') {
    cp.negate = true;
    v.remove_prefix(1);
  }
  if (v.empty()) return cp;
  for (size_t i = 0; i < v.size(); ++i) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c == '\\' || c == '[' || c == ']') return cp;  // escapes and nested classes: not handled here
    if (i + 2 < v.size() && v[i + 1] == '-') {
      const auto hi = static_cast<unsigned char>(v[i + 2]);
      if (hi < c) return cp;
      for (unsigned x = c; x <= hi; ++x) cp.set.set(x);
      i += 2;
    } else {
      cp.set.set(c);
    }
  }
  cp.simple = true;
  return cp;
}
void check_string(const std::string& rule, const std::string& field, const json& v, size_t min_len, size_t max_len,
                  const char* pattern = nullptr, bool allow_null = false) {
  if (allow_null && v.is_null()) return;
  if (!v.is_string()) type_fail(rule, field, v, allow_null ? "'string', 'null'" : "'string'");
  const auto s = v.get<std::string>();
  if (s.size() < min_len)
    field_fail(rule, field, v, repr(v) + (min_len == 1 ? " should be non-empty" : " is too short"));
  if (s.size() > max_len) field_fail(rule, field, v, repr(v) + " is too long");
  if (pattern && !schema_pattern_match(s, pattern))
    field_fail(rule, field, v, repr(v) + " does not match '" + pattern + "'");
}
void check_uuid(const std::string& rule, const std::string& field, const json& v) {
  if (!v.is_string()) type_fail(rule, field, v, "'string'");
  if (!is_uuid_like(v.get<std::string>())) field_fail(rule, field, v, repr(v) + " is not a 'uuid'");
}
// parameter_types.name: printable, no leading/trailing whitespace (validators.py::_validate_name
// raises InvalidName whose message replaces the generic one).
void check_name(const std::string& rule, const std::string& field, const json& v) {
  check_string(rule, field, v, 1, 255);
  const auto s = v.get<std::string>();
  if (std::isspace(static_cast<unsigned char>(s.front())) || std::isspace(static_cast<unsigned char>(s.back())))
    fail(400, rule,
         "An invalid '" + field +
             "' value was provided. The name must be: printable characters. "
             "Can not start or end with whitespace.");
}
// Integer, or string matching `pattern`, with minimum/maximum applied to numeric strings too
// (validators.py::_SchemaValidator._validate_minimum/_maximum).
void check_int_like(const std::string& rule, const std::string& field, const json& v, const char* pattern,
                    long long min, long long max, bool allow_null) {
  if (allow_null && v.is_null()) return;
  long long n = 0;
  if (v.is_number_integer()) {
    n = v.get<long long>();
  } else if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (!schema_pattern_match(s, pattern)) field_fail(rule, field, v, repr(v) + " does not match '" + pattern + "'");
    if (s.empty() || s == "-") field_fail(rule, field, v, repr(v) + " is too short");
    try {
      n = std::stoll(s);
    } catch (...) {
      field_fail(rule, field, v, repr(v) + " is greater than the maximum of " + std::to_string(max));
    }
  } else {
    type_fail(rule, field, v, allow_null ? "'integer', 'string', 'null'" : "'integer', 'string'");
  }
  if (n < min) field_fail(rule, field, v, repr(v) + " is less than the minimum of " + std::to_string(min));
  if (n > max) field_fail(rule, field, v, repr(v) + " is greater than the maximum of " + std::to_string(max));
}
// parameter_types.boolean: JSON bool or one of oslo's spellings (R6).
void check_bool_like(const std::string& rule, const std::string& field, const json& v) {
  static const std::set<std::string> ok{"True",  "TRUE",  "true",  "1", "ON",  "On",  "on",  "YES", "Yes", "yes",
                                        "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO",  "No",  "no"};
  if (v.is_boolean()) return;
  if (!v.is_string()) type_fail(rule, field, v, "'boolean', 'string'");
  if (!ok.count(v.get<std::string>()))
    field_fail(rule, field, v,
               repr(v) +
                   " is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', 'YES', "
                   "'Yes', 'yes', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', 'NO', 'No', 'no']");
}
// Allowed values and keys are string_views of literals: built per request, so no string copies.
void check_enum(const std::string& rule, const std::string& field, const json& v,
                const std::vector<std::string_view>& values) {
  if (v.is_string() && std::find(values.begin(), values.end(), v.get_ref<const std::string&>()) != values.end()) return;
  std::string list;
  for (const auto& s : values) list.append(list.empty() ? "'" : ", '").append(s).append("'");
  field_fail(rule, field, v, repr(v) + " is not one of [" + list + "]");
}
// additionalProperties: False, reported on the object's own path element.
void check_keys(const std::string& rule, const std::string& path, const json& obj,
                const std::vector<std::string_view>& allowed) {
  std::vector<std::string> extra;
  for (auto it = obj.begin(); it != obj.end(); ++it)
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) extra.push_back(it.key());
  if (extra.empty()) return;
  std::string names;
  for (const auto& e : extra) names += (names.empty() ? "'" : ", '") + e + "'";
  const std::string msg =
      "Additional properties are not allowed (" + names + (extra.size() == 1 ? " was" : " were") + " unexpected)";
  if (path.empty()) fail(400, rule, msg);
  field_fail(rule, path, obj, msg);
}

// The BDM item schemas (schemas/servers.py legacy_block_device_mapping / block_device_mapping_new_item).
void check_bdm_item(const json& item, size_t index, bool v2, const Microversion& mv) {
  const std::string idx = std::to_string(index);
  const std::string rule = v2 ? "R3" : "R2";
  if (!item.is_object()) type_fail("R1", idx, item, "'object'");
  static const char* kDev = "^[a-zA-Z0-9._/-]*$";
  for (auto it = item.begin(); it != item.end(); ++it) {
    const auto& k = it.key();
    const auto& v = it.value();
    if (k == "virtual_name")
      check_string(rule, k, v, 0, 255);
    else if (k == "volume_id" || k == "snapshot_id" || (v2 && k == "image_id"))
      check_uuid(rule, k, v);
    else if (k == "volume_size")
      check_int_like("R4", k, v, "^[0-9]+$", 1, 2147483647, false);
    else if (k == "device_name")
      check_string("R5", k, v, 1, 255, kDev);
    else if (k == "delete_on_termination")
      check_bool_like("R6", k, v);
    else if (k == "connection_info")
      check_string(rule, k, v, 0, 16777215);
    else if (!v2)
      continue;
    else if (k == "source_type")
      check_enum(rule, k, v, {"volume", "image", "snapshot", "blank"});
    else if (k == "destination_type")
      check_enum(rule, k, v, {"local", "volume"});
    else if (k == "uuid")
      check_string(rule, k, v, 1, 255, "^[a-zA-Z0-9._-]*$");
    else if (k == "guest_format" || k == "device_type" || k == "disk_bus")
      check_string(rule, k, v, 0, 255);
    else if (k == "boot_index")
      check_int_like(rule, k, v, "^-?[0-9]+$", LLONG_MIN, LLONG_MAX, true);
    else if (k == "tag")
      check_string("R7", k, v, 1, 60, "^[^,/]*$");
    else if (k == "volume_type")
      check_string("R8", k, v, 0, 255, nullptr, true);
  }
  std::vector<std::string_view> allowed{"virtual_name", "volume_id",      "snapshot_id",
                                        "volume_size",  "device_name",    "delete_on_termination",
                                        "no_device",    "connection_info"};
  if (v2) {
    for (const char* k : {"source_type", "uuid", "image_id", "destination_type", "guest_format", "device_type",
                          "disk_bus", "boot_index"})
      allowed.push_back(k);
    // R7: tag came in 2.32, was lost by a schema bug in 2.33–2.41 and came back in 2.42.
    if (mv.minor == 32 || mv.at_least(42)) allowed.push_back("tag");
    if (mv.at_least(67)) allowed.push_back("volume_type");  // R8
  }
  auto allowed_has = [&](const char* k) { return std::find(allowed.begin(), allowed.end(), k) != allowed.end(); };
  const char* rule_extra = (v2 && item.contains("tag") && !allowed_has("tag"))                   ? "R7"
                           : (v2 && item.contains("volume_type") && !allowed_has("volume_type")) ? "R8"
                                                                                                 : "R1";
  check_keys(rule_extra, idx, item, allowed);
}

void check_bdm_list(const json& server, const char* key, bool v2, const Microversion& mv) {
  if (!server.contains(key)) return;
  const auto& list = server.at(key);
  if (!list.is_array()) type_fail("R1", key, list, "'array'");
  for (size_t i = 0; i < list.size(); ++i) check_bdm_item(list[i], i, v2, mv);
}

void check_networks(const json& v, const Microversion& mv) {
  const bool auto_none = v.is_string() && (v == "auto" || v == "none");
  if (mv.at_least(37) && !v.is_array() && !auto_none)
    field_fail("R10", "networks", v, repr(v) + " is not valid under any of the given schemas");
  if (auto_none) {
    if (!mv.at_least(37)) type_fail("R10", "networks", v, "'array'");
    return;
  }
  if (!v.is_array()) type_fail("R10", "networks", v, "'array'");
  std::vector<std::string_view> keys{"fixed_ip", "port", "uuid"};
  if (mv.at_least(32)) keys.push_back("tag");
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_object()) type_fail("R10", std::to_string(i), v[i], "'object'");
    for (const char* k : {"fixed_ip", "port", "uuid"})
      if (v[i].contains(k)) check_string("R10", k, v[i][k], 0, 255, nullptr, std::string(k) == "port");
    check_keys("R10", std::to_string(i), v[i], keys);
  }
}

}  // namespace

bool schema_pattern_match(const std::string& s, const char* pattern) {
  static std::unordered_map<const char*, ClassPattern> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) it = cache.emplace(pattern, parse_class_pattern(pattern)).first;
  const ClassPattern& cp = it->second;
  if (!cp.simple) throw std::logic_error(std::string("schema pattern not matchable by hand: ") + pattern);
  size_t i = 0;
  if (cp.minus && !s.empty() && s[0] == '-') i = 1;
  if (cp.plus && i == s.size()) return false;
  for (; i < s.size(); ++i)
    if (cp.set.test(static_cast<unsigned char>(s[i])) == cp.negate) return false;
  return true;
}

namespace {
// nova/api/openstack/api_version_request.py: r"^([1-9]\d*)\.([1-9]\d*|0)$", by hand (a std::regex match
// per request cost ~5,000 instructions). Fills the two digit runs; false if `v` does not match.
bool split_version(const std::string& v, std::string& major, std::string& minor) {
  const size_t dot = v.find('.');
  if (dot == std::string::npos) return false;
  auto digits = [](const std::string& d) {
    return !d.empty() && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  major = v.substr(0, dot);
  minor = v.substr(dot + 1);
  if (!digits(major) || major[0] == '0') return false;
  if (!digits(minor) || (minor[0] == '0' && minor.size() > 1)) return false;
  return true;
}
}  // namespace

Microversion parse_microversion(const std::string& s, const std::string& max_supported) {
  // nova/api/openstack/api_version_request.py::APIVersionRequest
  const std::string use = (s.empty() ? "2.1" : (s == "latest" ? max_supported : s));
  std::string major, minor;
  if (!split_version(use, major, minor))
    fail(400, "§1", "API Version String " + s + " is of invalid format. Must be of format MajorNum.MinorNum.");
  Microversion mv{std::stoi(major), std::stoi(minor)};
  Microversion max{2, 1};
  if (split_version(max_supported, major, minor)) max = {std::stoi(major), std::stoi(minor)};
  if (mv < Microversion{2, 1} || max < mv)
    fail(406, "§1",
         "Version " + use + " is not supported by the API. Minimum is 2.1 and maximum is " + max.str() + ".");
  return mv;
}

void validate_schema(const json& body, const Microversion& mv) {
  if (!body.is_object()) fail(400, "R1", repr(body) + " is not of type 'object'");
  if (body.contains("server")) {
    const auto& server = body.at("server");
    if (!server.is_object()) type_fail("R1", "server", server, "'object'");
    // `properties` in schema order, then `required`, then `additionalProperties` (jsonschema
    // reports the first error it meets in that order).
    if (server.contains("name")) check_name("§A", "name", server["name"]);
    if (server.contains("imageRef")) {
      const auto& v = server["imageRef"];
      if (!v.is_string() || (!v.get<std::string>().empty() && !is_uuid_like(v.get<std::string>())))
        field_fail("R9", "imageRef", v, repr(v) + " is not valid under any of the given schemas");
    }
    if (server.contains("flavorRef")) {
      const auto& v = server["flavorRef"];
      if (!v.is_string() && !v.is_number_integer()) type_fail("§A", "flavorRef", v, "'string', 'integer'");
      if (v.is_string() && v.get<std::string>().empty()) field_fail("§A", "flavorRef", v, "'' should be non-empty");
    }
    if (server.contains("adminPass") && !server["adminPass"].is_string())
      type_fail("§A", "adminPass", server["adminPass"], "'string'");
    if (server.contains("metadata") && !server["metadata"].is_object())
      type_fail("§A", "metadata", server["metadata"], "'object'");
    if (server.contains("networks")) check_networks(server["networks"], mv);
    if (server.contains("OS-DCF:diskConfig"))
      check_enum("§A", "OS-DCF:diskConfig", server["OS-DCF:diskConfig"], {"AUTO", "MANUAL"});
    if (server.contains("availability_zone")) check_name("§A", "availability_zone", server["availability_zone"]);
    check_bdm_list(server, "block_device_mapping", false, mv);
    check_bdm_list(server, "block_device_mapping_v2", true, mv);
    if (server.contains("config_drive")) check_bool_like("§A", "config_drive", server["config_drive"]);
    if (server.contains("key_name")) check_name("§A", "key_name", server["key_name"]);
    for (const char* k : {"min_count", "max_count"})
      if (server.contains(k)) check_int_like("§A", k, server[k], "^[0-9]*$", 1, LLONG_MAX, false);
    if (server.contains("return_reservation_id"))
      check_bool_like("§A", "return_reservation_id", server["return_reservation_id"]);
    if (server.contains("security_groups") && !server["security_groups"].is_array())
      type_fail("§A", "security_groups", server["security_groups"], "'array'");
    if (server.contains("user_data")) check_string("§A", "user_data", server["user_data"], 0, 65535, nullptr, true);
    if (server.contains("description")) check_string("§A", "description", server["description"], 0, 255, nullptr, true);

    for (const char* k : {"name", "flavorRef"})
      if (!server.contains(k)) field_fail("§A", "server", server, std::string("'") + k + "' is a required property");
    if (mv.at_least(37) && !server.contains("networks"))
      field_fail("R10", "server", server, "'networks' is a required property");

    std::vector<std::string_view> allowed{"name",
                                          "imageRef",
                                          "flavorRef",
                                          "adminPass",
                                          "metadata",
                                          "networks",
                                          "OS-DCF:diskConfig",
                                          "accessIPv4",
                                          "accessIPv6",
                                          "availability_zone",
                                          "block_device_mapping",
                                          "block_device_mapping_v2",
                                          "config_drive",
                                          "key_name",
                                          "min_count",
                                          "max_count",
                                          "return_reservation_id",
                                          "security_groups"};
    if (!mv.at_least(57)) {
      allowed.push_back("personality");
    }
    allowed.push_back("user_data");
    if (mv.at_least(19)) allowed.push_back("description");
    if (mv.at_least(52)) allowed.push_back("tags");
    if (mv.at_least(63)) allowed.push_back("trusted_image_certificates");
    if (mv.at_least(74)) {
      allowed.push_back("host");
      allowed.push_back("hypervisor_hostname");
    }
    if (mv.at_least(90)) allowed.push_back("hostname");
    check_keys("§A", "server", server, allowed);
  } else {
    fail(400, "R1", "'server' is a required property");
  }
  check_keys("§A", "", body, {"server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints"});
}

}  // namespace bfv::sem::detail

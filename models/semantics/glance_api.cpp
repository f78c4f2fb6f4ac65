// Glance v2 image create / upload rules. Order of checks follows the request path in upstream
// Glance (each step cited); the first failing check wins, as in the real service.
#include "models/semantics/glance_api.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <set>

namespace bfv::sem {
namespace {

using nlohmann::json;

// Python repr() of a JSON value, as jsonschema puts it into its messages.
std::string pyrepr(const json& v) {
  if (v.is_null()) return "None";
  if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    const bool dq = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = dq ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
      if (c == q || c == '\\') out += '\\';
      out += c;
    }
    return out + q;
  }
  if (v.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + pyrepr(v[i]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      out += (first ? "" : ", ") + pyrepr(json(it.key())) + ": " + pyrepr(it.value());
      first = false;
    }
    return out + "}";
  }
  return v.dump();
}

bool is_integer(const json& v) {
  if (v.is_number_integer()) return true;
  return v.is_number_float() && std::floor(v.get<double>()) == v.get<double>();
}

// One property of glance/api/v2/images.py::get_base_properties(), reduced to what is checked.
struct PropSchema {
  const char* name;
  std::vector<const char*> types;  // "string", "null", "integer", "boolean", "array"
  int max_length = -1;
  std::vector<json> enumeration;  // empty = no enum
  const char* pattern = nullptr;
  PropSchema(const char* n, std::vector<const char*> t, int max = -1, std::vector<json> e = {},
             const char* pat = nullptr)
      : name(n), types(std::move(t)), max_length(max), enumeration(std::move(e)), pattern(pat) {}
};

constexpr const char* kUuidPattern =
    "^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$";

// kUuidPattern (the only pattern Glance's image schema has), matched by hand: 8-4-4-4-12 hex digits.
bool matches_uuid_pattern(const std::string& s) {
  static constexpr size_t kGroups[] = {8, 4, 4, 4, 12};
  size_t i = 0;
  for (size_t g = 0; g < 5; ++g) {
    if (g && (i >= s.size() || s[i++] != '-')) return false;
    for (size_t k = 0; k < kGroups[g]; ++k, ++i)
      if (i >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return i == s.size();
}

bool type_ok(const json& v, const std::string& t) {
  if (t == "null") return v.is_null();
  if (t == "string") return v.is_string();
  if (t == "integer") return is_integer(v);
  if (t == "boolean") return v.is_boolean();
  if (t == "array") return v.is_array();
  return false;
}

// jsonschema-like validation of one value; returns jsonschema's first-line message or "".
std::string check_value(const PropSchema& p, const json& v) {
  bool any = false;
  for (auto t : p.types) any = any || type_ok(v, t);
  if (!any) {
    std::string ts;
    for (size_t i = 0; i < p.types.size(); ++i) ts += (i ? ", '" : "'") + std::string(p.types[i]) + "'";
    return pyrepr(v) + " is not of type " + ts;
  }
  if (!p.enumeration.empty() && std::find(p.enumeration.begin(), p.enumeration.end(), v) == p.enumeration.end())
    return pyrepr(v) + " is not one of " + pyrepr(json(p.enumeration));
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (p.max_length >= 0 && static_cast<int>(s.size()) > p.max_length) return pyrepr(v) + " is too long";
    if (p.pattern && !matches_uuid_pattern(s)) return pyrepr(v) + " does not match " + pyrepr(json(p.pattern));
  }
  return "";
}

std::vector<PropSchema> image_schema(const GlanceConfig& cfg) {
  std::vector<json> disk{nullptr}, container{nullptr};
  for (const auto& f : cfg.disk_formats) disk.emplace_back(f);
  for (const auto& f : cfg.container_formats) container.emplace_back(f);
  std::vector<json> statuses;
  for (auto s :
       {"queued", "saving", "active", "killed", "deleted", "uploading", "importing", "pending_delete", "deactivated"})
    statuses.emplace_back(s);
  std::vector<json> vis;
  for (auto s : {"community", "public", "private", "shared"}) vis.emplace_back(s);
  return {
      {"id", {"string"}, -1, {}, kUuidPattern},
      {"name", {"null", "string"}, 255},
      {"status", {"string"}, -1, statuses},
      {"visibility", {"string"}, -1, vis},
      {"protected", {"boolean"}},
      {"os_hidden", {"boolean"}},
      {"checksum", {"null", "string"}, 32},
      {"os_hash_algo", {"null", "string"}, 64},
      {"os_hash_value", {"null", "string"}, 128},
      {"owner", {"null", "string"}, 255},
      {"size", {"null", "integer"}},
      {"virtual_size", {"null", "integer"}},
      {"container_format", {"null", "string"}, -1, container},
      {"disk_format", {"null", "string"}, -1, disk},
      {"created_at", {"string"}},
      {"updated_at", {"string"}},
      {"tags", {"array"}},
      {"direct_url", {"string"}},
      {"min_ram", {"integer"}},
      {"min_disk", {"integer"}},
      {"self", {"string"}},
      {"file", {"string"}},
      {"stores", {"string"}},
      {"schema", {"string"}},
      {"locations", {"array"}},
  };
}

GlanceResult fail(int status, std::string msg, const Image& img = {}) {
  return GlanceResult{status, std::move(msg), img};
}

std::string schema_error(const std::string& reason) {
  // glance/common/exception.py::InvalidObject
  return "Provided object does not match schema 'image': " + reason;
}

}  // namespace

GlanceResult glance_image_create(const json& body, const CloudState& cloud, const GlanceConfig& cfg,
                                 const std::string& project, const std::string& generated_id) {
  if (!body.is_object()) return fail(400, "Body expected in request.");
  // 1. images.py::RequestDeserializer._check_allowed -> 403 before any schema check.
  for (auto key : {"direct_url", "self", "file", "schema", "stores"})
    if (body.contains(key)) return fail(403, std::string("Attribute '") + key + "' is read-only.");

  // 2. schema.validate (PermissiveSchema: extra properties must be strings) -> 400.
  //    jsonschema reports one error; we check properties in schema order, then extra properties.
  const auto schema = image_schema(cfg);
  std::set<std::string> known;
  for (const auto& p : schema) {
    known.insert(p.name);
    if (!body.contains(p.name)) continue;
    if (auto e = check_value(p, body.at(p.name)); !e.empty()) return fail(400, schema_error(e));
  }
  if (body.contains("tags"))
    for (const auto& t : body.at("tags")) {
      PropSchema tag{"tag", {"string"}, 255};
      if (auto e = check_value(tag, t); !e.empty()) return fail(400, schema_error(e));
    }
  for (auto it = body.begin(); it != body.end(); ++it)
    if (!known.count(it.key()) && !it.value().is_string())
      return fail(400, schema_error(pyrepr(it.value()) + " is not of type 'string'"));

  // 3. RequestDeserializer.create: split base properties from extra ones; extra key checks.
  static const std::set<std::string> base{
      "checksum",   "created_at", "container_format", "disk_format", "id",   "min_disk", "min_ram",
      "name",       "size",       "virtual_size",     "status",      "tags", "owner",    "updated_at",
      "visibility", "protected",  "os_hidden"};
  std::map<std::string, json> extra;
  for (auto it = body.begin(); it != body.end(); ++it)
    if (!base.count(it.key())) extra[it.key()] = it.value();
  for (const auto& [key, _] : extra) {
    if (key.size() > 255) return fail(400, "Custom property should not be greater than 255 characters.");
    if (key == "location" || key == "deleted" || key == "deleted_at" || key.rfind("os_glance", 0) == 0)
      return fail(403, "Attribute '" + key + "' is reserved.");
  }

  // 4. quota.py::ImageFactoryProxy.new_image -> image_tag_quota (413, LimitExceeded).
  std::set<std::string> tags;
  if (body.contains("tags"))
    for (const auto& t : body.at("tags")) tags.insert(t.get<std::string>());  // domain stores a set
  const auto n_tags = body.contains("tags") ? body.at("tags").size() : 0;
  if (cfg.image_tag_quota >= 0 && n_tags > static_cast<size_t>(cfg.image_tag_quota))
    return fail(413, "The limit has been exceeded on the number of allowed image tags. Attempted: " +
                         std::to_string(n_tags) + ", Maximum: " + std::to_string(cfg.image_tag_quota));

  // 5. domain/__init__.py::ImageFactory.new_image: read-only (403), reserved (403), then the
  //    Image setters (min_disk/min_ram negative -> InvalidParameterValue, 400).
  for (auto key :
       {"created_at", "updated_at", "status", "checksum", "os_hash_algo", "os_hash_value", "size", "virtual_size"})
    if (base.count(key) && body.contains(key)) return fail(403, std::string("Attribute '") + key + "' is read-only.");
  for (auto key : {"owner", "locations", "deleted", "deleted_at", "direct_url", "self", "file", "schema"})
    if (extra.count(key)) return fail(403, std::string("Attribute '") + key + "' is reserved.");
  for (auto key : {"min_disk", "min_ram"})
    if (body.contains(key) && body.at(key).get<double>() < 0)
      return fail(400, "Invalid value '" + std::to_string(body.at(key).get<long long>()) + "' for parameter '" + key +
                           "': Cannot be a negative value");

  // 6. quota.py::ImageRepoProxy.add -> image_property_quota (413), then db add -> Duplicate (409).
  size_t n_props = 0;
  for (const auto& [key, _] : extra)
    if (key.rfind("os_glance", 0) != 0) ++n_props;
  if (cfg.image_property_quota >= 0 && n_props > static_cast<size_t>(cfg.image_property_quota))
    return fail(413, "The limit has been exceeded on the number of allowed image properties. Attempted: " +
                         std::to_string(n_props) + ", Maximum: " + std::to_string(cfg.image_property_quota));
  const std::string id = body.contains("id") ? body.at("id").get<std::string>() : generated_id;
  if (cloud.find_image(id))  // db/sqlalchemy/api.py::_image_update on DBDuplicateEntry
    return fail(409, "Image ID " + id + " already exists!");

  Image img;
  img.id = id;
  img.status = "queued";
  auto str_or_empty = [&](const char* k) {
    return body.contains(k) && body.at(k).is_string() ? body.at(k).get<std::string>() : std::string();
  };
  img.name = str_or_empty("name");
  img.disk_format = str_or_empty("disk_format");  // "" = null: upload will be refused
  img.container_format = str_or_empty("container_format");
  img.visibility = body.contains("visibility") ? body.at("visibility").get<std::string>() : "shared";
  img.min_disk = body.contains("min_disk") ? body.at("min_disk").get<int>() : 0;
  img.min_ram = body.contains("min_ram") ? body.at("min_ram").get<int>() : 0;
  img.is_protected = body.contains("protected") && body.at("protected").get<bool>();
  img.os_hidden = body.contains("os_hidden") && body.at("os_hidden").get<bool>();
  img.owner = body.contains("owner") && body.at("owner").is_string() ? body.at("owner").get<std::string>() : project;
  img.tags.assign(tags.begin(), tags.end());
  for (const auto& [k, v] : extra) img.properties[k] = v.get<std::string>();
  return GlanceResult{201, "", img};
}

bool glance_status_transition_allowed(const std::string& cur, const std::string& next) {
  static const std::map<std::string, std::set<std::string>> targets{
      {"queued", {"saving", "uploading", "importing", "active", "deleted"}},
      {"saving", {"active", "killed", "deleted", "queued"}},
      {"uploading", {"importing", "queued", "deleted"}},
      {"importing", {"active", "deleted", "queued"}},
      {"active", {"pending_delete", "deleted", "deactivated"}},
      {"killed", {"deleted"}},
      {"pending_delete", {"deleted", "active"}},
      {"deleted", {}},
      {"deactivated", {"active", "deleted"}},
  };
  auto it = targets.find(cur);
  return it != targets.end() && it->second.count(next) > 0;
}

GlanceResult glance_image_upload_begin(const Image& img, int64_t size_bytes, const GlanceConfig& cfg,
                                       int64_t project_usage_bytes) {
  // image_data.py::upload sets image.status = 'saving' first: a bad transition is 409
  // (InvalidImageStatusTransition), missing formats a ValueError -> 400.
  if (!glance_status_transition_allowed(img.status, "saving"))
    return fail(409, "Image status transition from " + img.status + " to saving is not allowed", img);
  std::vector<std::string> missing;
  if (img.disk_format.empty()) missing.push_back("disk_format");
  if (img.container_format.empty()) missing.push_back("container_format");
  if (!missing.empty()) {
    const bool one = missing.size() == 1;
    return fail(400,
                std::string(one ? "Property " : "Properties ") + missing[0] + (one ? "" : ", " + missing[1]) +
                    " must be set prior to saving data.",
                img);
  }
  // quota/__init__.py::ImageProxy.set_data -> api/common.py::check_quota before any byte is read.
  // user_storage_quota is per owner; 0 disables it.
  if (cfg.user_storage_quota > 0) {
    const int64_t remaining = cfg.user_storage_quota - project_usage_bytes;
    const bool unknown = size_bytes < 0;
    if ((unknown && remaining <= 0) || (!unknown && size_bytes > remaining))
      return fail(413,
                  "Image exceeds the storage quota: The size of the data " +
                      (unknown ? std::string("None") : std::to_string(size_bytes)) + " will exceed the limit. " +
                      std::to_string(remaining) + " bytes remaining.",
                  img);
  }
  // common/utils.py::LimitingReader(image_size_cap) stops the stream once the cap is passed:
  // with a known size we decide up front (the real upload fails after cap bytes moved).
  if (size_bytes > cfg.image_size_cap)
    return fail(413, "The incoming image is too large: The provided image is too large.", img);
  Image out = img;
  out.status = "saving";
  return GlanceResult{200, "", out};
}

GlanceResult glance_image_upload_finish(const Image& img, int64_t size_bytes) {
  if (!glance_status_transition_allowed(img.status, "active") || img.status != "saving")
    return fail(409, "Image status transition from " + img.status + " to active is not allowed", img);
  Image out = img;
  out.status = "active";
  out.size = size_bytes;
  return GlanceResult{204, "", out};
}

Image glance_image_upload_restore(const Image& img) {
  Image out = img;
  out.status = "queued";  // domain: size and virtual_size are cleared on -> queued
  out.size.reset();
  out.virtual_size.reset();
  return out;
}

json glance_image_json(const Image& img) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json props = json::object();
  json j{{"id", img.id},
         {"name", or_null(img.name)},
         {"status", img.status},
         {"visibility", img.visibility},
         {"protected", img.is_protected},
         {"os_hidden", img.os_hidden},
         {"disk_format", or_null(img.disk_format)},
         {"container_format", or_null(img.container_format)},
         {"min_disk", img.min_disk},
         {"min_ram", img.min_ram},
         {"owner", or_null(img.owner)},
         {"size", img.size ? json(*img.size) : json(nullptr)},
         {"virtual_size", img.virtual_size ? json(*img.virtual_size) : json(nullptr)},
         {"checksum", nullptr},
         {"os_hash_algo", nullptr},
         {"os_hash_value", nullptr},
         {"tags", img.tags},
         {"self", "/v2/images/" + img.id},
         {"file", "/v2/images/" + img.id + "/file"},
         {"schema", "/v2/schemas/image"}};
  for (const auto& [k, v] : img.properties) j[k] = v;  // extra properties are top-level in v2
  return j;
}

bool image_usable_for_volume(const Image& img, std::string* why) {
  if (img.status == "active") return true;
  if (why) *why = "Image " + img.id + " is not active.";
  return false;
}

}  // namespace bfv::sem

// Stage 1 of POST /servers: the JSON schema and microversion gating (R1–R10, §A, §1).
// Upstream: nova/api/openstack/compute/schemas/servers.py, nova/api/validation/validators.py;
// tests in nova/tests/unit/api/openstack/compute/test_servers.py (ServersControllerCreateTest*).
#include <doctest/doctest.h>
#include <regex>

#include "models/semantics/server_create_detail.hpp"
#include "tests/models/semantics/fixtures.hpp"

using namespace bfv::sem;
using namespace bfv::sem::test;

namespace {
json bfv_image(const json& extra = json::object()) {
  json e = {{"volume_size", 10}};
  e.update(extra);
  return v2("image", "volume", IMG, 0, e);
}
json with_bdm(const json& b, const json& extra = json::object()) {
  json e = {{"block_device_mapping_v2", json::array({b})}};
  e.update(extra);
  return server(e);
}
Row at(Row r, const std::string& mv) {
  auto prev = r.setup;
  r.setup = [prev, mv](Env& e) {
    e.mv = mv;
    if (prev) prev(e);
  };
  // "none" is only valid from 2.37 (R10); older bodies use an empty list.
  const auto dot = mv.find('.');
  if (dot != std::string::npos && mv.substr(0, 2) == "2." && std::stoi(mv.substr(dot + 1)) < 37 &&
      r.body["server"].value("networks", json()) == "none")
    r.body["server"]["networks"] = json::array();
  return r;
}
}  // namespace

TEST_CASE("schema: R1-R10 request body validation (schemas/servers.py::base_create)") {
  json vol_boot = v2("volume", "volume", VOL_BOOT, 0);
  std::vector<Row> rows = {
      {"R1 schemas/servers.py block_device_mapping_v2 must be an array", server({{"block_device_mapping_v2", "x"}}),
       400, "block_device_mapping_v2"},
      {"R1 schemas/servers.py v2 item: additionalProperties False",
       with_bdm(v2("volume", "volume", VOL_BOOT, 0, {{"foo", 1}})), 400, "'foo' was unexpected"},
      {"R1 schemas/servers.py legacy item: additionalProperties False",
       server({{"block_device_mapping",
                json::array({{{"device_name", "vda"}, {"volume_id", VOL_BOOT}, {"source_type", "volume"}}})}}),
       400, "'source_type' was unexpected"},
      {"R2 schemas/servers.py legacy volume_id null is a type error",
       server({{"block_device_mapping", json::array({{{"device_name", "vda"}, {"volume_id", nullptr}}})}}), 400,
       "volume_id"},
      {"R2 parameter_types.volume_id must be UUID-like in v1",
       server({{"block_device_mapping", json::array({{{"device_name", "vda"}, {"volume_id", "my-vol"}}})}}), 400,
       "volume_id"},
      {"R3 schemas/servers.py source_type enum", with_bdm(v2("disk", "volume", VOL_BOOT, 0)), 400, "source_type"},
      {"R3 schemas/servers.py destination_type enum", with_bdm(v2("volume", "remote", VOL_BOOT, 0)), 400,
       "destination_type"},
      {"R3 schemas/servers.py uuid pattern [a-zA-Z0-9._-]", with_bdm(v2("volume", "volume", std::string("vol 1"), 0)),
       400, "uuid"},
      {"R3 uuid need not be a UUID (passes schema, then R25 block_device.py::get_bdm_image_metadata)",
       with_bdm(v2("volume", "volume", std::string("my-vol.1"), 0)), 400, "failed to get volume my-vol.1."},
      {"R3 schemas/servers.py boot_index pattern ^-?[0-9]+$",
       with_bdm(v2("volume", "volume", VOL_BOOT, std::nullopt, {{"boot_index", "first"}})), 400, "boot_index"},
      {"R3 boot_index as numeric string '0' accepted",
       with_bdm(v2("volume", "volume", VOL_BOOT, std::nullopt, {{"boot_index", "0"}})), 202, ""},
      {"R4 parameter_types.volume_size: '0' fails minimum (validators._validate_minimum)",
       with_bdm(bfv_image({{"volume_size", "0"}})), 400, "volume_size"},
      {"R4 volume_size 0", with_bdm(bfv_image({{"volume_size", 0}})), 400, "volume_size"},
      {"R4 volume_size -1", with_bdm(bfv_image({{"volume_size", -1}})), 400, "volume_size"},
      {"R4 volume_size 2.5", with_bdm(bfv_image({{"volume_size", 2.5}})), 400, "volume_size"},
      {"R4 volume_size 'abc'", with_bdm(bfv_image({{"volume_size", "abc"}})), 400, "volume_size"},
      {"R4 volume_size ''", with_bdm(bfv_image({{"volume_size", ""}})), 400, "volume_size"},
      {"R4 volume_size 2147483648 above maximum", with_bdm(bfv_image({{"volume_size", 2147483648LL}})), 400,
       "volume_size"},
      {"R4 volume_size '20' (string) accepted", with_bdm(bfv_image({{"volume_size", "20"}})), 202, ""},
      {"R5 parameter_types device_name: no spaces", with_bdm(bfv_image({{"device_name", "vd b"}})), 400, "device_name"},
      {"R5 device_name empty", with_bdm(bfv_image({{"device_name", ""}})), 400, "device_name"},
      {"R5 device_name number", with_bdm(bfv_image({{"device_name", 5}})), 400, "device_name"},
      {"R6 parameter_types.boolean: 'maybe' rejected", with_bdm(bfv_image({{"delete_on_termination", "maybe"}})), 400,
       "delete_on_termination"},
      {"R6 parameter_types.boolean: integer 1 rejected", with_bdm(bfv_image({{"delete_on_termination", 1}})), 400,
       "delete_on_termination"},
      at({"R7 tag accepted at 2.32 (test_servers.py device tagging)", with_bdm(bfv_image({{"tag", "root"}})), 202, ""},
         "2.32"),
      at({"R7 tag dropped by the 2.33-2.41 schema bug", with_bdm(bfv_image({{"tag", "root"}})), 400,
          "'tag' was unexpected"},
         "2.33"),
      at({"R7 tag accepted again at 2.42", with_bdm(bfv_image({{"tag", "root"}})), 202, ""}, "2.42"),
      at({"R7 parameter_types.tag forbids ','", with_bdm(bfv_image({{"tag", "a,b"}})), 400, "tag"}, "2.42"),
      at({"R8 volume_type needs 2.67 (2.66 rejects)", with_bdm(bfv_image({{"volume_type", "ssd"}})), 400,
          "'volume_type' was unexpected"},
         "2.66"),
      at({"R8 volume_type accepted at 2.67", with_bdm(bfv_image({{"volume_type", "ssd"}})), 202, ""}, "2.67"),
      {"R9 parameter_types.image_id_or_empty_string: URL rejected", server({{"imageRef", "http://glance/images/1"}}),
       400, "imageRef"},
      {"R9 imageRef '' accepted with BDMs", with_bdm(vol_boot, {{"imageRef", ""}}), 202, ""},
      at({"R10 networks required from 2.37", server({{"imageRef", IMG}, {"networks", nullptr}}), 400,
          "'networks' is a required property"},
         "2.37"),
      at({"R10 networks optional before 2.37", server({{"imageRef", IMG}, {"networks", nullptr}}), 202, ""}, "2.36"),
      at({"R10 networks 'auto' needs 2.37", server({{"imageRef", IMG}, {"networks", "auto"}}), 400, "networks"},
         "2.36"),
      at({"R10 personality gone from 2.57", server({{"imageRef", IMG}, {"personality", json::array()}}), 400,
          "'personality' was unexpected"},
         "2.57"),
      {"§A parameter_types.positive_integer: min_count '0'", server({{"imageRef", IMG}, {"min_count", "0"}}), 400,
       "min_count"},
      {"§A base_create required name", server({{"imageRef", IMG}, {"name", nullptr}}), 400,
       "'name' is a required property"},
      {"§A base_create additionalProperties on server", server({{"imageRef", IMG}, {"colour", "blue"}}), 400,
       "'colour' was unexpected"},
      {"§A validators._validate_name: leading space", server({{"imageRef", IMG}, {"name", " t"}}), 400, "name"},
      {"§1 servers.py::create min_count > max_count", server({{"imageRef", IMG}, {"min_count", 3}, {"max_count", "2"}}),
       400, "min_count must be <= max_count"},
      at({"§1 api_version_request: 2.200 is not supported (406)", server({{"imageRef", IMG}}), 406,
          "not supported by the API"},
         "2.200"),
      at({"§1 api_version_request: malformed header", server({{"imageRef", IMG}}), 400, "invalid format"}, "two"),
  };
  run_rows(rows);
}

TEST_CASE("R10 microversion 'latest' means the configured maximum (api_version_request.py)") {
  Env env;
  env.mv = "latest";
  auto v = env.run(server({{"imageRef", IMG}, {"networks", nullptr}}));
  CHECK(v.status == 400);
  CHECK(v.error.find("'networks' is a required property") != std::string::npos);
}

// api_version_request.py: VERSION_RE = r"^([1-9]\d*)\.([1-9]\d*|0)$" (parsed by hand in bfvsim).
TEST_CASE("schema: §1 microversion header format (api_version_request.py::APIVersionRequest)") {
  using bfv::sem::detail::ApiError;
  using bfv::sem::detail::parse_microversion;
  auto status = [](const std::string& h) {
    try {
      parse_microversion(h, "2.96");
      return 200;
    } catch (const ApiError& e) {
      return e.status;
    }
  };
  CHECK(parse_microversion("2.37", "2.96").minor == 37);
  CHECK(parse_microversion("", "2.96").minor == 1);  // no header: 2.1
  CHECK(parse_microversion("latest", "2.96").minor == 96);
  CHECK(parse_microversion("2.10", "2.96").minor == 10);
  for (const char* bad : {"2", "2.", ".1", "02.1", "2.01", "2.037", "2.1.1", "2.x", "v2.1", " 2.1", "2.1 ", "-2.1"})
    CHECK_MESSAGE(status(bad) == 400, bad);
  CHECK(status("2.0") == 406);  // well formed, below 2.1
  CHECK(status("3.0") == 406);  // well formed, above the maximum
  CHECK(status("2.97") == 406);
}

// The hand matcher for the schema's character-class patterns must agree with std::regex_match.
TEST_CASE("schema: pattern matcher agrees with std::regex on the schema's patterns") {
  const char* patterns[] = {"^[a-zA-Z0-9._-]*$", "^[a-zA-Z0-9._/-]*$", "^[^,/]*$",
                            "^[0-9]+$",          "^-?[0-9]+$",         "^[0-9]*$"};
  const std::string samples[] = {
      "",      "-",           "--1",      "-1",    "1",   "0123",
      "12a",   "a-b_c.d",     "/dev/vda", "vda,1", "x/y", "6a1c9e2b-3f4d-4e5a-9b8c-7d6e5f4a3b2c",
      "abc\n", "caf\xc3\xa9", " 1",       "1 ",    "+1",  std::string(1, '\0'),
      "A-Z",   "[]",          "^",        "a^b"};
  for (const char* p : patterns) {
    std::regex re(p);
    for (const auto& s : samples)
      CHECK_MESSAGE(bfv::sem::detail::schema_pattern_match(s, p) == std::regex_match(s, re), p, " on ", s);
  }
}

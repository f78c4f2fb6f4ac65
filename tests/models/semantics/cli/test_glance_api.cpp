// Glance POST /v2/images and PUT /v2/images/{id}/file (openstack/glance glance/api/v2/images.py,
// glance/domain/__init__.py, glance/api/v2/image_data.py, glance/api/common.py::check_quota).
#include <doctest/doctest.h>

#include "models/semantics/glance_api.hpp"

using nlohmann::json;
using namespace bfv::sem;

namespace {
const std::string GEN = "9775d86a-8bf8-4200-a4b5-d892e931e8f6";
GlanceResult create(const std::string& body, const CloudState& cloud = {}, const GlanceConfig& cfg = {}) {
  return glance_image_create(json::parse(body), cloud, cfg, "proj1", GEN);
}
Image queued_image() {
  auto r = create(R"({"name":"alpine","disk_format":"qcow2","container_format":"bare"})");
  REQUIRE(r.status == 201);
  return r.image;
}
}  // namespace

TEST_CASE("seed004 images.py::ImagesController.create: 201, queued, defaults (visibility shared, owner project)") {
  auto r = create(R"({"container_format":"bare","disk_format":"qcow2","name":"alpine"})");
  CHECK(r.status == 201);
  CHECK(r.error.empty());
  CHECK(r.image.id == GEN);
  CHECK(r.image.status == "queued");
  CHECK(r.image.visibility == "shared");
  CHECK(r.image.owner == "proj1");
  CHECK_FALSE(r.image.size.has_value());
  const auto j = glance_image_json(r.image);
  CHECK(j.at("size").is_null());
  CHECK(j.at("min_disk") == 0);
  CHECK(j.at("protected") == false);
  CHECK(j.at("file") == "/v2/images/" + GEN + "/file");
}

TEST_CASE("images.py::get_base_properties: user id must match the UUID pattern (400)") {
  auto r = create(R"({"id":"abc"})");
  CHECK(r.status == 400);
  CHECK(r.error ==
        "Provided object does not match schema 'image': 'abc' does not match '^([0-9a-fA-F]){8}-"
        "([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$'");
  auto ok = create(R"({"id":"B2173DD3-7AD6-4362-BAA6-A68BCE3565CB"})");
  CHECK(ok.status == 201);
  CHECK(ok.image.id == "B2173DD3-7AD6-4362-BAA6-A68BCE3565CB");
}

TEST_CASE("db/sqlalchemy/api.py::_image_update: an id already taken -> 409") {
  CloudState cloud;
  Image existing;
  existing.id = "b2173dd3-7ad6-4362-baa6-a68bce3565cb";
  cloud.images.push_back(existing);
  auto r = create(R"({"id":"b2173dd3-7ad6-4362-baa6-a68bce3565cb"})", cloud);
  CHECK(r.status == 409);
  CHECK(r.error == "Image ID b2173dd3-7ad6-4362-baa6-a68bce3565cb already exists!");
}

TEST_CASE("images.py schema: disk_format / container_format enums come from GlanceConfig (None allowed)") {
  GlanceConfig cfg;
  cfg.disk_formats = {"raw", "qcow2"};
  auto r = create(R"({"disk_format":"vmdk"})", {}, cfg);
  CHECK(r.status == 400);
  CHECK(r.error == "Provided object does not match schema 'image': 'vmdk' is not one of [None, 'raw', 'qcow2']");
  CHECK(create(R"({"disk_format":null,"container_format":null})", {}, cfg).status == 201);
  auto c = create(R"({"container_format":"zip"})");
  CHECK(c.status == 400);
  CHECK(c.error.find("'zip' is not one of [None, 'ami', 'ari', 'aki', 'bare'") != std::string::npos);
}

TEST_CASE("images.py schema: min_disk/min_ram integers; negatives refused by domain setters") {
  auto t = create(R"({"min_disk":"10"})");
  CHECK(t.status == 400);
  CHECK(t.error == "Provided object does not match schema 'image': '10' is not of type 'integer'");
  auto n = create(R"({"min_ram":-1})");
  CHECK(n.status == 400);
  CHECK(n.error == "Invalid value '-1' for parameter 'min_ram': Cannot be a negative value");
  auto ok = create(R"({"min_disk":20,"min_ram":512})");
  CHECK(ok.image.min_disk == 20);
  CHECK(ok.image.min_ram == 512);
}

TEST_CASE("images.py schema: name at most 255 chars, null allowed") {
  auto r = create(json{{"name", std::string(256, 'a')}}.dump());
  CHECK(r.status == 400);
  CHECK(r.error == "Provided object does not match schema 'image': '" + std::string(256, 'a') + "' is too long");
  CHECK(create(json{{"name", std::string(255, 'a')}}.dump()).status == 201);
  CHECK(create(R"({"name":null})").status == 201);
}

TEST_CASE("images.py schema: protected must be boolean; visibility enum") {
  auto p = create(R"({"protected":"yes"})");
  CHECK(p.status == 400);
  CHECK(p.error == "Provided object does not match schema 'image': 'yes' is not of type 'boolean'");
  auto v = create(R"({"visibility":"secret"})");
  CHECK(v.status == 400);
  CHECK(v.error ==
        "Provided object does not match schema 'image': 'secret' is not one of ['community', 'public', "
        "'private', 'shared']");
  auto ok = create(R"({"visibility":"private","protected":true})");
  CHECK(ok.image.visibility == "private");
  CHECK(ok.image.is_protected);
}

TEST_CASE("images.py schema: tags are strings of at most 255 chars; quota image_tag_quota -> 413") {
  auto r = create(json{{"tags", {std::string(256, 't')}}}.dump());
  CHECK(r.status == 400);
  CHECK(r.error.find("is too long") != std::string::npos);
  auto ok = create(R"({"tags":["b","a","b"]})");
  CHECK(ok.image.tags == std::vector<std::string>{"a", "b"});  // domain keeps a set
  GlanceConfig cfg;
  cfg.image_tag_quota = 1;
  auto q = create(R"({"tags":["a","b"]})", {}, cfg);
  CHECK(q.status == 413);
  CHECK(q.error == "The limit has been exceeded on the number of allowed image tags. Attempted: 2, Maximum: 1");
}

TEST_CASE("images.py::RequestDeserializer._check_allowed: self/file/schema/direct_url/stores -> 403 read-only") {
  for (auto key : {"self", "file", "schema", "direct_url", "stores"}) {
    auto r = create(json{{key, "x"}}.dump());
    CHECK(r.status == 403);
    CHECK(r.error == std::string("Attribute '") + key + "' is read-only.");
  }
}

TEST_CASE("domain ImageFactory._check_readonly: status/size/checksum/virtual_size/created_at -> 403 read-only") {
  auto s = create(R"({"status":"active"})");
  CHECK(s.status == 403);
  CHECK(s.error == "Attribute 'status' is read-only.");
  CHECK(create(R"({"size":10})").error == "Attribute 'size' is read-only.");
  CHECK(create(R"({"checksum":"abc"})").error == "Attribute 'checksum' is read-only.");
  CHECK(create(R"({"virtual_size":10})").error == "Attribute 'virtual_size' is read-only.");
  CHECK(create(R"({"created_at":"2024-01-01T00:00:00Z"})").error == "Attribute 'created_at' is read-only.");
  // A status outside the enum fails the schema first (400), as upstream validates before the factory.
  CHECK(create(R"({"status":"bogus"})").status == 400);
}

TEST_CASE("images.py RequestDeserializer + ImageFactory._check_reserved: reserved extra properties -> 403") {
  CHECK(create(R"({"location":"x"})").error == "Attribute 'location' is reserved.");
  CHECK(create(R"({"os_glance_import_task":"x"})").error == "Attribute 'os_glance_import_task' is reserved.");
  auto l = create(R"({"locations":[]})");
  CHECK(l.status == 403);
  CHECK(l.error == "Attribute 'locations' is reserved.");
}

TEST_CASE("PermissiveSchema: extra properties must be strings; long keys refused; stored as properties") {
  auto r = create(R"({"hw_disk_bus":1})");
  CHECK(r.status == 400);
  CHECK(r.error == "Provided object does not match schema 'image': 1 is not of type 'string'");
  auto k = create(json{{std::string(256, 'k'), "v"}}.dump());
  CHECK(k.status == 400);
  CHECK(k.error == "Custom property should not be greater than 255 characters.");
  auto ok = create(R"({"hw_disk_bus":"scsi"})");
  CHECK(ok.image.properties.at("hw_disk_bus") == "scsi");
  GlanceConfig cfg;
  cfg.image_property_quota = 0;
  auto q = create(R"({"hw_disk_bus":"scsi"})", {}, cfg);
  CHECK(q.status == 413);
  CHECK(q.error == "The limit has been exceeded on the number of allowed image properties. Attempted: 1, Maximum: 0");
}

TEST_CASE("image_data.py::upload: queued -> saving -> active, 204") {
  GlanceConfig cfg;
  auto b = glance_image_upload_begin(queued_image(), 1 << 20, cfg, 0);
  CHECK(b.status == 200);
  CHECK(b.image.status == "saving");
  auto f = glance_image_upload_finish(b.image, 1 << 20);
  CHECK(f.status == 204);
  CHECK(f.image.status == "active");
  CHECK(f.image.size == (1 << 20));
}

TEST_CASE("domain Image.valid_state_targets: upload to a non-queued image is 409") {
  Image img = queued_image();
  img.status = "active";
  auto r = glance_image_upload_begin(img, 10, GlanceConfig{}, 0);
  CHECK(r.status == 409);
  CHECK(r.error == "Image status transition from active to saving is not allowed");
  CHECK(glance_image_upload_finish(queued_image(), 1).status == 409);
  CHECK(glance_status_transition_allowed("saving", "queued"));
  CHECK_FALSE(glance_status_transition_allowed("killed", "active"));
}

TEST_CASE("domain Image.status setter: formats must be set before saving data (ValueError -> 400)") {
  auto r = create(R"({"name":"x"})");
  auto u = glance_image_upload_begin(r.image, 10, GlanceConfig{}, 0);
  CHECK(u.status == 400);
  CHECK(u.error == "Properties disk_format, container_format must be set prior to saving data.");
  auto one = create(R"({"disk_format":"raw"})");
  CHECK(glance_image_upload_begin(one.image, 10, GlanceConfig{}, 0).error ==
        "Property container_format must be set prior to saving data.");
}

TEST_CASE("image_data.py::upload: image_size_cap -> 413 'The incoming image is too large'") {
  GlanceConfig cfg;
  cfg.image_size_cap = 1000;
  auto r = glance_image_upload_begin(queued_image(), 1001, cfg, 0);
  CHECK(r.status == 413);
  CHECK(r.error == "The incoming image is too large: The provided image is too large.");
  CHECK(glance_image_upload_begin(queued_image(), 1000, cfg, 0).status == 200);
}

TEST_CASE("api/common.py::check_quota: user_storage_quota -> 413 with bytes remaining") {
  GlanceConfig cfg;
  cfg.user_storage_quota = 1000;
  auto r = glance_image_upload_begin(queued_image(), 600, cfg, 500);
  CHECK(r.status == 413);
  CHECK(r.error ==
        "Image exceeds the storage quota: The size of the data 600 will exceed the limit. 500 bytes remaining.");
  CHECK(glance_image_upload_begin(queued_image(), 500, cfg, 500).status == 200);
  // Unknown size: refused only when nothing is left.
  CHECK(glance_image_upload_begin(queued_image(), -1, cfg, 1000).status == 413);
  CHECK(glance_image_upload_begin(queued_image(), -1, cfg, 999).status == 200);
}

TEST_CASE("image_data.py::_restore: a failed upload goes back to queued with size cleared") {
  auto b = glance_image_upload_begin(queued_image(), 10, GlanceConfig{}, 0).image;
  b.size = 5;
  auto q = glance_image_upload_restore(b);
  CHECK(q.status == "queued");
  CHECK_FALSE(q.size.has_value());
}

TEST_CASE("cinder image_utils.py::check_image_metadata: only active images make volumes") {
  std::string why;
  Image img = queued_image();
  CHECK_FALSE(image_usable_for_volume(img, &why));
  CHECK(why == "Image " + GEN + " is not active.");
  img.status = "active";
  CHECK(image_usable_for_volume(img, &why));
}

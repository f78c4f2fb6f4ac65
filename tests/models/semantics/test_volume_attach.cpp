// models/semantics/volume_attach: what nova-api accepts for POST/DELETE os-volume_attachments.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "models/semantics/volume_attach.hpp"

using bfv::sem::check_volume_attach;
using bfv::sem::check_volume_detach;

namespace {
bfv::sem::Volume vol(const std::string& status, bool multi = false) {
  bfv::sem::Volume v;
  v.id = "v1";
  v.status = status;
  v.multiattach = multi;
  return v;
}
}  // namespace

TEST_CASE("nova/compute/api.py::API.attach_volume: instance state, volume status (cinder _attachment_reserve)") {
  auto avail = vol("available");
  CHECK(check_volume_attach("s1", "active", &avail, "v1", {}).status == 200);
  auto r = check_volume_attach("s1", "building", &avail, "v1", {});
  CHECK(r.status == 409);
  CHECK(r.error == "Cannot 'attach_volume' instance s1 while it is in vm_state building");
  auto inuse = vol("in-use");
  r = check_volume_attach("s1", "active", &inuse, "v1", {});
  CHECK(r.status == 400);
  CHECK(r.error == "Invalid volume: Volume v1 status must be available or downloading");
  auto multi = vol("in-use", true);
  CHECK(check_volume_attach("s1", "active", &multi, "v1", {}).status == 200);
  CHECK(check_volume_attach("s1", "active", &avail, "v1", {"v1"}).status == 400);  // already attached
  CHECK(check_volume_attach("s1", "active", nullptr, "v9", {}).error == "Volume v9 could not be found.");
  CHECK(check_volume_attach("s1", "deleted", &avail, "v1", {}).status == 404);
  // [cinder] cross_az_attach = false: nova/volume/cinder.py::API.check_availability_zone
  r = check_volume_attach("s1", "active", &avail, "v1", {}, false, "az2");
  CHECK(r.status == 400);
  CHECK(r.error ==
        "Invalid volume: Instance s1 and volume v1 are not in the same availability_zone. Instance is in az2. Volume "
        "is in nova");
  CHECK(check_volume_attach("s1", "active", &avail, "v1", {}, false, "nova").status == 200);
  CHECK(check_volume_attach("s1", "active", &avail, "v1", {}, true, "az2").status == 200);
}

TEST_CASE("VolumeAttachmentController.delete / cinder begin_detaching") {
  auto inuse = vol("in-use");
  CHECK(check_volume_detach("s1", "active", &inuse, "v1", {"v1"}, "").status == 202);
  auto r = check_volume_detach("s1", "active", &inuse, "v1", {}, "");
  CHECK(r.status == 404);
  CHECK(r.error == "Instance s1 is not attached to volume v1");
  CHECK(check_volume_detach("s1", "active", &inuse, "v1", {"v1"}, "v1").error == "Cannot detach a root device volume");
  auto attaching = vol("attaching");
  CHECK(check_volume_detach("s1", "active", &attaching, "v1", {"v1"}, "").status == 400);
  CHECK(check_volume_detach("s1", "error", &inuse, "v1", {"v1"}, "").status == 409);
}

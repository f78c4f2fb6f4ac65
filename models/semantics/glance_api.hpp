// Glance v2 image API rules that decide whether an image can be created, uploaded and then used
// by Cinder. Pure: no SimGrid. Followed upstream (openstack/glance, read 2026):
//   glance/api/v2/images.py::RequestDeserializer.create, _check_allowed, get_base_properties;
//   glance/api/v2/images.py::ImagesController.create; glance/domain/__init__.py::ImageFactory,
//   Image.valid_state_targets; glance/api/v2/image_data.py::ImageDataController.upload;
//   glance/api/common.py::check_quota; glance/db/__init__.py::ImageRepo.add.
// See docs/glance-api.md.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "models/semantics/cloud.hpp"

namespace bfv::sem {

struct GlanceResult {
  int status = 0;     // HTTP status: 201 created, 204 upload done, 400/403/409/413 errors
  std::string error;  // Glance's explanation text (empty on success)
  Image image;        // the image after the call (unchanged input on error)
};

// POST /v2/images. `generated_id` is used when the body has no "id" (Glance: uuid4()).
// On success: 201 and an Image with status "queued", size unset, owner = project.
GlanceResult glance_image_create(const nlohmann::json& body, const CloudState& cloud, const GlanceConfig& cfg,
                                 const std::string& project, const std::string& generated_id);

// PUT /v2/images/{id}/file, start of the transfer: queued -> saving (status 200 here means
// "accepted, bytes may flow"; the final 204 comes from glance_image_upload_finish).
// `size_bytes` < 0 means unknown size (chunked upload). `project_usage_bytes` is the bytes already
// stored by the owner (other images), for user_storage_quota.
GlanceResult glance_image_upload_begin(const Image& img, int64_t size_bytes, const GlanceConfig& cfg,
                                       int64_t project_usage_bytes);

// End of the transfer: saving -> active, size set, 204. 409 if the image is not `saving`.
GlanceResult glance_image_upload_finish(const Image& img, int64_t size_bytes);

// The transfer failed (e.g. size cap hit mid-stream): saving -> queued, size cleared
// (image_data.py::_restore; v2 no longer uses `killed`).
Image glance_image_upload_restore(const Image& img);

// Whether Glance allows current -> next (glance/domain/__init__.py::Image.valid_state_targets).
bool glance_status_transition_allowed(const std::string& current, const std::string& next);

// GET-style JSON view of an image as the create response shows it.
nlohmann::json glance_image_json(const Image& img);

// Cinder refuses to create a volume from an image that is not active
// (cinder/image/image_utils.py::check_image_metadata, formerly create_volume.py::_check_image_metadata ->
// 400 "Invalid input received: Image <id> is not active."). *why gets "Image <id> is not active.".
bool image_usable_for_volume(const Image& img, std::string* why);

}  // namespace bfv::sem

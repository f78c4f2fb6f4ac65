// glance-api's protocol (issue 12): the image routes the model's services call, with the exact
// names the event log records ("http:<name>" arrows, the spans of the call). glance/api/v2/router.py:
// GET /v2/images/{image_id} -> images.py::ImagesController.show; GET /v2/images/{image_id}/file ->
// image_data.py::ImageDataController.download. (PUT /v2/images/{image_id}/file, ImageDataController.upload,
// comes from the workload driver, which has no track: Glance::upload logs only glance-api's spans.)
#pragma once
#include <cstdint>
#include <string_view>

namespace bfv::glance {

struct ApiService {
  static constexpr std::string_view track_kind = "glance-api";
};

enum class Route : uint8_t { ImageGet, ImageDownload };
ApiService receiver(Route);

constexpr std::string_view name(Route r) {
  switch (r) {
    case Route::ImageGet: return "glance.image_get";
    case Route::ImageDownload: return "glance.image_data.download";
  }
  return "";
}

}  // namespace bfv::glance

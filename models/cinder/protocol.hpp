// Cinder's protocol, written down (issue 12): cinder-api's routes that the model's callers use,
// the casts to cinder-scheduler and cinder-volume, and the calls cinder-api makes into
// cinder-volume. Each message names the service that receives it (`receiver`, declared only: the
// type is what Net checks); `name` gives the exact string the event log records ("http:<name>" /
// "rpc:<name>" arrows, the spans of the call). One switch per set: -Wswitch flags a missing name.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bfv::cinder {

// The receiving services; `track_kind` is the event-log track (before '@') a message lands on.
struct ApiService {
  static constexpr std::string_view track_kind = "cinder-api";
};
struct SchedulerService {
  static constexpr std::string_view track_kind = "cinder-scheduler";
};
struct VolumeService {
  static constexpr std::string_view track_kind = "cinder-volume";
};

// cinder-api routes (cinder/api/v3/router.py):
//  POST /volumes                         volumes.py::VolumeController.create
//  GET /volumes/{id}                     volumes.py::VolumeController.show
//  DELETE /volumes/{id}                  volumes.py::VolumeController.delete
//  POST /attachments                     attachments.py::AttachmentsController.create (no connector: reserved)
//  PUT /attachments/{id}                 attachments.py::AttachmentsController.update (the connector)
//  POST /attachments/{id}/action         attachments.py::AttachmentsController.complete (os-complete)
//  DELETE /attachments/{id}              attachments.py::AttachmentsController.delete
//  POST /volumes/{id}/action             contrib/volume_actions.py::VolumeActionsController._begin_detaching
enum class Route : uint8_t {
  CreateVolume,
  GetVolume,
  DeleteVolume,
  AttachmentCreate,
  AttachmentUpdate,
  AttachmentComplete,
  AttachmentDelete,
  BeginDetaching
};
// cinder/scheduler/rpcapi.py::SchedulerAPI.create_volume: a cast from cinder-api.
enum class SchedulerCast : uint8_t { CreateVolume };
// cinder/volume/rpcapi.py::VolumeAPI.create_volume (from cinder-scheduler) and delete_volume (from
// cinder-api): casts.
enum class VolumeCast : uint8_t { CreateVolume, DeleteVolume };
// cinder/volume/rpcapi.py::VolumeAPI.attachment_update and attachment_delete: calls from cinder-api
// into the backend's executor pool (VolumeManager::export_call; they draw no arrow: the caller's
// wait is the Wait span on the executor queue).
enum class VolumeCall : uint8_t { AttachmentUpdate, AttachmentDelete };

ApiService receiver(Route);
SchedulerService receiver(SchedulerCast);
VolumeService receiver(VolumeCast);
VolumeService receiver(VolumeCall);

// The names as the event log records them ("" past the last value: the tests walk each set from 0).
constexpr std::string_view name(Route r) {
  switch (r) {
    case Route::CreateVolume: return "cinder.create_volume";
    case Route::GetVolume: return "cinder.get_volume";
    case Route::DeleteVolume: return "cinder.delete_volume";
    case Route::AttachmentCreate: return "cinder.attachment_create";
    case Route::AttachmentUpdate: return "cinder.attachment_update";
    case Route::AttachmentComplete: return "cinder.attachment_complete";
    case Route::AttachmentDelete: return "cinder.attachment_delete";
    case Route::BeginDetaching: return "cinder.begin_detaching";
  }
  return "";
}
constexpr std::string_view name(SchedulerCast m) {
  switch (m) {
    case SchedulerCast::CreateVolume: return "create_volume";
  }
  return "";
}
constexpr std::string_view name(VolumeCast m) {
  switch (m) {
    case VolumeCast::CreateVolume: return "create_volume";
    case VolumeCast::DeleteVolume: return "delete_volume";
  }
  return "";
}
constexpr std::string_view name(VolumeCall m) {
  switch (m) {
    case VolumeCall::AttachmentUpdate: return "attachment_update";
    case VolumeCall::AttachmentDelete: return "attachment_delete";
  }
  return "";
}
// What the backend does for the call, as its executor span is named: the export is created
// (manager.py::attachment_update -> driver.create_export) or removed (_do_attachment_delete ->
// driver.remove_export).
constexpr std::string_view work_name(VolumeCall m) {
  switch (m) {
    case VolumeCall::AttachmentUpdate: return "create_export";
    case VolumeCall::AttachmentDelete: return "remove_export";
  }
  return "";
}

// The POST /volumes body as the model reads it (cinder/api/v3/volumes.py::VolumeController.create).
struct VolumeCreate {
  std::string project;
  int size_gb = 1;
  std::optional<std::string> image_id, snapshot_id;
  std::string volume_type;        // "" = the snapshot's source type, else default_volume_type
  std::string availability_zone;  // "" = "nova"
};

}  // namespace bfv::cinder

// Nova's protocol, written down (issue 12): the RPC casts and calls its services send each other,
// the HTTP routes of nova-api that have a caller in the model, and placement's routes the scheduler
// calls. Each message names the service that receives it (`receiver`, declared only: the type is
// what Net checks), and `name` gives the exact string the event log records for it ("rpc:<name>"
// and "http:<name>" arrows, the spans of the call). One switch per set: -Wswitch flags a missing name.
#pragma once
#include <cstdint>
#include <string_view>

namespace bfv::nova {

// The receiving services. `track_kind` is the event-log track (before '@') a message to it lands on.
struct ApiService {
  static constexpr std::string_view track_kind = "nova-api";
};
struct ConductorService {
  static constexpr std::string_view track_kind = "nova-conductor";
};
struct SchedulerService {
  static constexpr std::string_view track_kind = "nova-scheduler";
};
struct ComputeService {
  static constexpr std::string_view track_kind = "nova-compute";
};
// placement-api, a service of its own (the placement project): the scheduler's calls land on its track.
struct PlacementService {
  static constexpr std::string_view track_kind = "placement-api";
};

// nova/compute/rpcapi.py::ComputeAPI, casts: build_and_run_instance, terminate_instance,
// attach_volume, detach_volume (each `cctxt.cast`).
enum class ComputeCast : uint8_t { BuildAndRunInstance, TerminateInstance, AttachVolume, DetachVolume };
// nova/compute/rpcapi.py::ComputeAPI.reserve_block_device_name: a `cctxt.call`, answered by a reply.
enum class ComputeCall : uint8_t { ReserveBlockDeviceName };
// nova/conductor/rpcapi.py::ComputeTaskAPI.schedule_and_build_instances (nova-api) and
// build_instances (nova-compute's reschedule): casts.
enum class ConductorCast : uint8_t { ScheduleAndBuildInstances, BuildInstances };
// nova/scheduler/rpcapi.py::SchedulerAPI.select_destinations: a call from the conductor.
enum class SchedulerCall : uint8_t { SelectDestinations };
// nova-api routes with a caller in the model (nova/api/openstack/compute/routes.py):
// POST /servers/{server_id}/os-volume_attachments -> volume_attachments.py::VolumeAttachmentController.create,
// DELETE /servers/{server_id}/os-volume_attachments/{id} -> VolumeAttachmentController.delete.
// GET /servers/{id} -> servers.py::ServersController.show (Rally's status polls, Nova::show_server),
// DELETE /servers/{id} -> ServersController.delete when the client only waits for the 204
// (Rally's server.delete(), Nova::delete_server_async).
// POST /servers and the workload's own DELETE /servers/{id} come from the workload driver, which has
// no track: they are nova-api's own "api" / "delete" phases (Nova::create_server, Nova::delete_server).
enum class ApiRoute : uint8_t { AttachVolume, DetachVolume, ShowServer, DeleteServer };
// placement's routes, as nova/scheduler/client/report.py::SchedulerReportClient calls them:
// get_allocation_candidates -> GET /allocation_candidates
// (placement/handlers/allocation_candidate.py::list_allocation_candidates), claim_resources -> PUT
// /allocations/{consumer_uuid} (placement/handlers/allocation.py::set_allocations_for_consumer).
enum class PlacementRoute : uint8_t { AllocationCandidates, ClaimResources };

ComputeService receiver(ComputeCast);
ComputeService receiver(ComputeCall);
ConductorService receiver(ConductorCast);
SchedulerService receiver(SchedulerCall);
ApiService receiver(ApiRoute);
PlacementService receiver(PlacementRoute);

// The names as the event log records them. An out-of-range value gives "" (the tests walk each set
// from 0 until the first "").
constexpr std::string_view name(ComputeCast m) {
  switch (m) {
    case ComputeCast::BuildAndRunInstance: return "build_and_run_instance";
    case ComputeCast::TerminateInstance: return "terminate_instance";
    case ComputeCast::AttachVolume: return "attach_volume";
    case ComputeCast::DetachVolume: return "detach_volume";
  }
  return "";
}
constexpr std::string_view name(ComputeCall m) {
  switch (m) {
    case ComputeCall::ReserveBlockDeviceName: return "reserve_block_device_name";
  }
  return "";
}
constexpr std::string_view reply_name(ComputeCall m) {
  switch (m) {
    case ComputeCall::ReserveBlockDeviceName: return "reserve_block_device_name_reply";
  }
  return "";
}
constexpr std::string_view name(ConductorCast m) {
  switch (m) {
    case ConductorCast::ScheduleAndBuildInstances: return "schedule_and_build_instances";
    case ConductorCast::BuildInstances: return "build_instances";
  }
  return "";
}
constexpr std::string_view name(SchedulerCall m) {
  switch (m) {
    case SchedulerCall::SelectDestinations: return "select_destinations";
  }
  return "";
}
constexpr std::string_view reply_name(SchedulerCall m) {
  switch (m) {
    case SchedulerCall::SelectDestinations: return "select_destinations_reply";
  }
  return "";
}
constexpr std::string_view name(ApiRoute r) {
  switch (r) {
    case ApiRoute::AttachVolume: return "nova.attach_volume";
    case ApiRoute::DetachVolume: return "nova.detach_volume";
    case ApiRoute::ShowServer: return "nova.show_server";
    case ApiRoute::DeleteServer: return "nova.delete_server";
  }
  return "";
}
constexpr std::string_view name(PlacementRoute r) {
  switch (r) {
    case PlacementRoute::AllocationCandidates: return "placement.allocation_candidates";
    case PlacementRoute::ClaimResources: return "placement.claim_resources";
  }
  return "";
}

}  // namespace bfv::nova

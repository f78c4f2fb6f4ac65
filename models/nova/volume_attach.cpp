// Volume attach / detach on a running server: nova-api (VolumeAttachmentController.create/delete,
// nova/compute/api.py::API._attach_volume / _detach_volume) and the compute's half
// (nova/compute/manager.py::ComputeManager._attach_volume / _detach_volume with
// nova/virt/block_device.py::DriverVolumeBlockDevice.attach / detach). What is accepted and the
// Cinder statuses: models/semantics/volume_attach.hpp. Spans and phases go to the server's request.
#include <algorithm>

#include "models/nova/nova.hpp"

namespace bfv::nova {

namespace {
std::vector<std::string> volumes_of(const Instance& inst) {
  std::vector<std::string> v;
  for (const auto& id : inst.volume_ids)
    if (!id.empty()) v.push_back(id);
  v.insert(v.end(), inst.attached_volumes.begin(), inst.attached_volumes.end());
  return v;
}
std::string boot_volume_of(const Instance& inst) {
  for (size_t b = 0; b < inst.bdms.size(); ++b)
    if (inst.bdms[b].boot_index && *inst.bdms[b].boot_index == 0 && inst.bdms[b].destination_type == "volume")
      return inst.volume_ids[b];
  return "";
}
}  // namespace

sem::AttachVerdict Nova::attach_volume(int server_request, const std::string& volume_id, infra::Endpoint client) {
  Instance* inst = instance(server_request);
  SpanScope api(ctx_, {server_request, api_endpoint()}, "attach_volume_api", SpanKind::Phase);
  net_.http(infra::Caller{server_request, client, api.id()},
            infra::HttpTarget<ApiService>{&infra::pick(net_.cp.nova_api), api_track_}, p_.api_service_time, 0,
            ApiRoute::AttachVolume);
  if (!inst) {
    api.fail();
    return {404, "Instance could not be found."};
  }
  // @check_instance_state(task_state=[None]) on API.attach_volume: a server being deleted answers 409
  // (nova/api/openstack/common.py::raise_http_conflict_for_instance_invalid_state).
  if (inst->deleting && inst->vm_state != VmState::Deleted) {
    api.fail();
    return {409, "Cannot 'attach_volume' instance " + inst->uuid + " while it is in task_state deleting"};
  }
  std::string host_az = inst->host >= 0 ? placement_.providers[static_cast<size_t>(inst->host)].availability_zone : "";
  auto v = sem::check_volume_attach(inst->uuid, std::string(name(inst->vm_state)), db_.cloud.find_volume(volume_id),
                                    volume_id, volumes_of(*inst), p_.api.cross_az_attach, host_az);
  if (!v.ok()) {
    api.fail();
    return v;
  }
  auto& node = *computes_[static_cast<size_t>(inst->host)];
  // _create_volume_bdm: reserve_block_device_name is an RPC *call* to the compute, which picks the
  // device name and writes the BDM row.
  net_.rpc(api_endpoint(), node.endpoint(), server_request, ComputeCall::ReserveBlockDeviceName);
  // the BDM row's write, on the compute's track under nova-api's span (as before the typed callers)
  net_.service(infra::Caller{server_request, node.endpoint(), api.id()}, p_.db_write_time, "db_write",
               "service:nova-db");
  net_.reply(node.endpoint(), api_endpoint(), server_request, ComputeCall::ReserveBlockDeviceName);
  inst->attached_volumes.push_back(volume_id);
  // _check_attach_and_reserve_volume: Cinder attachment_create without a connector (-> reserved).
  cinder_.attachment_reserve(api.caller(), volume_id);
  // cast attach_volume to the compute; the API answers 200 with the volumeAttachment now.
  Instance* ip = inst;
  ComputeNode* np = &node;
  spawn("nova-attach", api_host(), kServiceStack, [this, ip, np, volume_id] {
    net_.rpc(api_endpoint(), np->endpoint(), ip->request, ComputeCast::AttachVolume);
    np->attach_volume(*ip, volume_id);
  });
  return v;
}

sem::AttachVerdict Nova::detach_volume(int server_request, const std::string& volume_id, infra::Endpoint client) {
  Instance* inst = instance(server_request);
  SpanScope api(ctx_, {server_request, api_endpoint()}, "detach_volume_api", SpanKind::Phase);
  net_.http(infra::Caller{server_request, client, api.id()},
            infra::HttpTarget<ApiService>{&infra::pick(net_.cp.nova_api), api_track_}, p_.api_service_time, 0,
            ApiRoute::DetachVolume);
  if (!inst) {
    api.fail();
    return {404, "Instance could not be found."};
  }
  if (inst->deleting &&
      inst->vm_state != VmState::Deleted) {  // API.detach_volume: @check_instance_state(task_state=[None]) as above
    api.fail();
    return {409, "Cannot 'detach_volume' instance " + inst->uuid + " while it is in task_state deleting"};
  }
  auto v = sem::check_volume_detach(inst->uuid, std::string(name(inst->vm_state)), db_.cloud.find_volume(volume_id),
                                    volume_id, volumes_of(*inst), boot_volume_of(*inst));
  if (!v.ok()) {
    api.fail();
    return v;
  }
  // _detach_volume: volume_api.begin_detaching (-> detaching), then cast detach_volume.
  cinder_.begin_detaching(api.caller(), volume_id);
  auto& node = *computes_[static_cast<size_t>(inst->host)];
  Instance* ip = inst;
  ComputeNode* np = &node;
  spawn("nova-detach", api_host(), kServiceStack, [this, ip, np, volume_id] {
    net_.rpc(api_endpoint(), np->endpoint(), ip->request, ComputeCast::DetachVolume);
    np->detach_volume(*ip, volume_id);
  });
  return v;
}

void ComputeNode::attach_volume(Instance& inst, const std::string& vid) {
  auto& ctx = nova_.ctx();
  auto& p = nova_.params();
  auto& cinder = nova_.cinder();
  // do_attach_volume runs under the instance lock: a terminate that took it first detached this
  // volume and removed its BDM, so the attach finds nothing to do (upstream: InstanceNotFound /
  // the BDM is gone, bdm.destroy()). Before, the attach completed on the deleted server and left
  // the volume in-use for ever (found by tests/invariants/random_scenarios.py).
  auto lock = inst.compute_lock();
  std::unique_lock<simgrid::s4u::Mutex> held(*lock);
  if (inst.vm_state == VmState::Deleted ||
      std::find(inst.attached_volumes.begin(), inst.attached_volumes.end(), vid) == inst.attached_volumes.end())
    return;
  double t0 = ctx.now();
  compute_cpu(inst.request, -1, p.compute_volume_cpu);
  {
    SpanScope at(ctx, caller(inst, -1), "volume_attach", SpanKind::Phase);
    // DriverVolumeBlockDevice._volume_attach: connector, attachment_update (export), driver.attach_volume.
    auto attached = cinder.attachment_update_connector(at.caller(), vid);
    if (!attached.ok) {
      // _attach_volume failure: the attachment is deleted, the BDM destroyed; the volume is available again.
      at.fail();
      cinder.attachment_delete(at.caller(), vid, inst.uuid);
      auto& av = inst.attached_volumes;
      av.erase(std::remove(av.begin(), av.end(), vid), av.end());
    } else {
      inst.set_driver_volume_type(vid, attached.driver_volume_type);
      if (attached.driver_volume_type == "iscsi")
        nova_.net().service(at.caller(), p.os_brick_iscsi_connect, "os_brick_connect", res_os_brick_);
      nova_.net().service(at.caller(), p.libvirt_attach_device_time, "libvirt_attach_device", res_libvirt_);
      cinder.attachment_complete_for(at.caller(), vid, inst.uuid);
    }
  }
  ctx.req(inst.request).phases.emplace_back("volume_attach", ctx.now() - t0);
}

void ComputeNode::detach_volume(Instance& inst, const std::string& vid) {
  auto& ctx = nova_.ctx();
  auto& p = nova_.params();
  auto& cinder = nova_.cinder();
  auto lock = inst.compute_lock();  // do_detach_volume: @utils.synchronized(instance.uuid)
  std::unique_lock<simgrid::s4u::Mutex> held(*lock);
  if (inst.vm_state == VmState::Deleted ||
      std::find(inst.attached_volumes.begin(), inst.attached_volumes.end(), vid) == inst.attached_volumes.end())
    return;  // the terminate detached it already
  double t0 = ctx.now();
  compute_cpu(inst.request, -1, p.compute_volume_cpu);
  {
    SpanScope dt(ctx, caller(inst, -1), "volume_detach", SpanKind::Phase);
    // DriverVolumeBlockDevice.detach -> _driver_detach: libvirt detach_volume (detach the device,
    // then os-brick disconnect_volume), then attachment_delete; the BDM row is destroyed.
    nova_.net().service(dt.caller(), p.libvirt_detach_device_time, "libvirt_detach_device", res_libvirt_);
    if (inst.is_iscsi(vid))
      nova_.net().service(dt.caller(), p.os_brick_iscsi_disconnect, "os_brick_disconnect", res_os_brick_);
    cinder.attachment_delete(dt.caller(), vid, inst.uuid);
    inst.forget_driver_volume_type(vid);
  }
  auto& av = inst.attached_volumes;
  av.erase(std::remove(av.begin(), av.end(), vid), av.end());
  ctx.req(inst.request).phases.emplace_back("volume_detach", ctx.now() - t0);
}

}  // namespace bfv::nova

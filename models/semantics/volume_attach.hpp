// Volume attach / detach on an existing server: what nova-api and cinder-api accept, and the
// Cinder status each step leaves (pure; the timed flow is models/nova/volume_attach.cpp).
//   attach: POST /servers/{id}/os-volume_attachments
//     nova/api/openstack/compute/volumes.py::VolumeAttachmentController.create
//     -> nova/compute/api.py::API.attach_volume (@check_instance_state) -> _attach_volume:
//        reserve_block_device_name (RPC call to the compute), volume_api.attachment_create
//        (cinder/volume/api.py::_attachment_reserve: available -> reserved), cast attach_volume;
//     nova/compute/manager.py::ComputeManager._attach_volume -> virt/block_device.py::
//        DriverVolumeBlockDevice.attach: attachment_update with the connector (reserved -> attaching,
//        export created by cinder-volume), driver.attach_volume (os-brick connect_volume + libvirt
//        attachDeviceFlags), attachment_complete (attaching -> in-use).
//   detach: DELETE /servers/{id}/os-volume_attachments/{volume_id}
//     VolumeAttachmentController.delete -> nova/compute/api.py::API._detach_volume:
//        volume_api.begin_detaching (in-use -> detaching), cast detach_volume;
//     ComputeManager._detach_volume -> DriverVolumeBlockDevice.detach: driver.detach_volume (libvirt
//        detachDeviceFlags, os-brick disconnect_volume), attachment_delete (remove_export;
//        detaching -> available when no attachment is left).
#pragma once
#include <string>
#include <vector>

#include "models/semantics/cloud.hpp"

namespace bfv::sem {

struct AttachVerdict {
  int status = 200;   // 200 (attach), 202 (detach), or Nova's 400/404/409
  std::string error;  // Nova's message ("" when accepted)
  bool ok() const { return status < 300; }
};

// vm_state: building | active | error | deleted (nova.hpp::Instance).
// attached: the volume ids this server has attached now; boot_volume: its root volume ("" if none).
// cross_az_attach: nova.conf [cinder] cross_az_attach; instance_az: the AZ of the server's host.
AttachVerdict check_volume_attach(const std::string& server_uuid, const std::string& vm_state, const Volume* volume,
                                  const std::string& volume_id, const std::vector<std::string>& attached,
                                  bool cross_az_attach = true, const std::string& instance_az = "");
AttachVerdict check_volume_detach(const std::string& server_uuid, const std::string& vm_state, const Volume* volume,
                                  const std::string& volume_id, const std::vector<std::string>& attached,
                                  const std::string& boot_volume);

}  // namespace bfv::sem

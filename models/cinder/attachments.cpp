// cinder-api's attachment calls for attach / detach on a running server (cinder/volume/api.py::
// attachment_create, attachment_update, attachment_complete, begin_detaching, attachment_delete;
// cinder/volume/manager.py::attachment_update / attachment_delete). Statuses as in
// models/semantics/volume_attach.hpp.
#include <algorithm>

#include "models/cinder/cinder.hpp"

namespace bfv::cinder {

void Cinder::attachment_reserve(const infra::Caller& caller, const std::string& id) {
  api_call(caller, Route::AttachmentCreate, 2);
  if (auto* v = db_.cloud.find_volume(id)) v->status = sem::volume_status::kReserved;
}

AttachResult Cinder::attachment_update_connector(const infra::Caller& caller, const std::string& id) {
  // Same retry loop as the boot path (nova/volume/cinder.py::attachment_update, @retrying on 500/504).
  for (int attempt = 1; attempt <= 5; ++attempt) {
    api_call(caller, Route::AttachmentUpdate, 2);
    auto* v = db_.cloud.find_volume(id);
    if (!v) return {};
    v->status = sem::volume_status::
        kAttaching;  // cinder/volume/manager.py::attachment_update: volume attaching while the export is made
    const auto& backend = db_.extra(id).backend;
    if (backend.empty()) return {true, ""};
    auto* mgr = managers_.at(backend).get();
    if (mgr->attachment_update(caller.request, p_.rpc_response_timeout)) return {true, mgr->driver_volume_type()};
  }
  return {};
}

void Cinder::attachment_complete_for(const infra::Caller& caller, const std::string& id, const std::string& server) {
  api_call(caller, Route::AttachmentComplete, 2);
  if (auto* v = db_.cloud.find_volume(id)) {
    v->status = sem::volume_status::kInUse;
    v->attached_to.push_back(server);
  }
}

void Cinder::begin_detaching(const infra::Caller& caller, const std::string& id) {
  api_call(caller, Route::BeginDetaching, 2);
  if (auto* v = db_.cloud.find_volume(id))
    if (v->status == sem::volume_status::kInUse) v->status = sem::volume_status::kDetaching;
}

void Cinder::attachment_delete(const infra::Caller& caller, const std::string& id, const std::string& server) {
  api_call(caller, Route::AttachmentDelete, 2);
  auto* v = db_.cloud.find_volume(id);
  if (!v) return;
  const std::string backend = db_.extra(id).backend;
  if (!backend.empty()) {
    // attachment_delete makes an RPC call to cinder-volume (remove_export); a timeout is logged and
    // the attachment row is deleted anyway (cinder/volume/api.py::attachment_delete).
    double t = managers_.at(backend)->spec().driver == CinderDriver::Lvm ? p_.export_remove_time : 0.05;
    managers_.at(backend)->export_call(caller.request, VolumeCall::AttachmentDelete, p_.rpc_response_timeout, t);
  }
  v = db_.cloud.find_volume(id);
  if (!v) return;
  auto& at = v->attached_to;
  at.erase(std::remove(at.begin(), at.end(), server), at.end());
  // cinder/volume/api.py::_detach_volume / attachment_deletion_allowed: available when no attachment is left
  if (at.empty() && (v->status == sem::volume_status::kDetaching || v->status == sem::volume_status::kInUse ||
                     v->status == sem::volume_status::kAttaching || v->status == sem::volume_status::kReserved))
    v->status = sem::volume_status::kAvailable;
}

}  // namespace bfv::cinder

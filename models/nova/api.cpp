// nova-api, nova-conductor and the scheduler call (nova/api/openstack/compute/servers.py,
// nova/compute/api.py, nova/conductor/manager.py::schedule_and_build_instances, build_instances).
#include <algorithm>
#include <cmath>

#include "models/nova/nova.hpp"

namespace bfv::nova {

Nova::Nova(SimContext& ctx, infra::Net& net, CloudDb& db, glance::Glance& glance, cinder::Cinder& cinder,
           const Params& p)
    : ctx_(ctx),
      net_(net),
      db_(db),
      glance_(glance),
      cinder_(cinder),
      p_(p),
      api_track_(ctx.log().track("nova-api")),
      conductor_track_(ctx.log().track("nova-conductor")),
      scheduler_track_(ctx.log().track("nova-scheduler")),
      placement_track_(ctx.log().track("placement-api")),
      conductor_("nova-conductor", ctx.platform.controller, 0, kServiceStack, kIdleServiceWorkers) {
  size_t i = 0;
  for (const auto& r : ctx.topology.racks)
    for (const auto& c : r.computes) {
      Provider pr;
      pr.name = c.name;
      pr.availability_zone = c.availability_zone;
      pr.vcpu_total = c.vcpus * p.cpu_allocation_ratio;
      pr.ram_total = (c.ram_mb - p.reserved_host_memory_mb) * p.ram_allocation_ratio;
      pr.disk_total = (c.disk_gb - p.reserved_host_disk_mb / 1024.0) * p.disk_allocation_ratio;
      placement_.providers.push_back(pr);
      computes_.push_back(
          std::make_unique<ComputeNode>(*this, i, ctx.platform.computes[i], ctx.platform.compute_disks.at(c.name)));
      ++i;
    }
}

Nova::~Nova() = default;

Instance* Nova::instance(int request) {
  auto it = instances_.find(request);
  return it == instances_.end() ? nullptr : it->second.get();
}

void Nova::set_compute_up(size_t compute, bool up) {
  if (compute >= computes_.size()) return;
  computes_[compute]->up = up;
  placement_.providers[compute].up = up;
  if (up) return;
  // Servers running on a host that went down: the power-state sync marks them ERROR (assumed immediate).
  for (auto& [id, inst] : instances_)
    if (inst->host == static_cast<int>(compute) && inst->vm_state == VmState::Active) {
      inst->vm_state = VmState::Error;
      ctx_.req(inst->request).final_status = FinalStatus::Error;
      ctx_.req(inst->request).fault = "Compute host " + computes_[compute]->host()->get_name() + " went down";
    }
}

void Nova::record_bdm_volumes() {
  for (const auto& [id, inst] : instances_) {
    auto& rec = ctx_.req(id);
    rec.bdm_volume_ids = std::move(inst->volume_ids);  // at the end of the run: the instance is not read again
    if (const auto* a = placement_.allocation(inst->uuid)) {
      size_t prov = placement_.provider_of(inst->uuid);
      rec.allocation = RequestRecord::Allocation{placement_.providers[prov].name, a->vcpus, a->ram_mb, a->disk_gb};
    }
  }
}

void Nova::set_spawn_error(size_t compute, const std::string& error) {
  if (compute < computes_.size()) computes_[compute]->spawn_error = error;
}

std::vector<int> Nova::create_server(int request, const nlohmann::json& body, const std::string& microversion,
                                     const std::string& project) {
  auto& rec = ctx_.req(request);
  SpanScope api(ctx_, {request, api_endpoint()}, "api", SpanKind::Phase);
  double t0 = ctx_.now();
  // nova-api: a worker of osapi_compute_workers, then the request's CPU (schema, policy, lookups).
  auto& nova_api = infra::pick(net_.cp.nova_api);
  nova_api.handle(request, api_track_, api.id(), p_.api_service_time, 0);
  const sem::ProjectQuotas* ps = db_.project(project);
  sem::NovaQuota quota = ps ? ps->nova : p_.quota;
  sem::Verdict v = sem::validate_server_create(body, microversion, db_.cloud, p_.api, quota, db_.nova_usage[project]);
  rec.api_status = v.status;
  // The BDM list as JSON text for report.json. A storm repeats the same body, so the last list's
  // text is reused when the normalized BDMs are equal (building and dumping it was ~1.3% of a run).
  if (v.bdms != last_bdms_.get() || last_bdms_json_.empty()) {
    nlohmann::json bdms = nlohmann::json::array();
    for (const auto& b : v.bdms) bdms.push_back(b.to_json());
    last_bdms_json_ = bdms.dump();
    last_bdms_ = v.bdms;
  }
  rec.bdms = last_bdms_json_;
  if (!v.ok()) {
    rec.api_error = v.error;
    rec.final_status = FinalStatus::Rejected;
    api.fail();
    rec.phases.emplace_back("api", ctx_.now() - t0);
    if (on_terminal) on_terminal(request);
    return {request};
  }
  // _provision_instances: quota usage, BuildRequest/RequestSpec/InstanceMapping rows; volume->volume BDMs reserved.
  const sem::Flavor* fl = db_.cloud.find_flavor(v.flavor_id);
  std::vector<int> ids{request};
  for (int k = 1; k < v.max_count; ++k) {
    RequestRecord extra = rec;
    extra.id = static_cast<int>(ctx_.result.requests.size());
    extra.name = rec.name + "-" + std::to_string(k + 1);
    if (ctx_.result.requests.size() == ctx_.result.requests.capacity()) break;  // reserved by the workload driver
    ctx_.result.requests.push_back(extra);
    ids.push_back(extra.id);
  }
  if (v.max_count > 1) ctx_.req(request).name += "-1";
  auto& use = db_.nova_usage[project];
  for (int id : ids) {
    auto inst = std::make_unique<Instance>();
    inst->request = id;
    inst->uuid = db_.uuid('i');
    inst->name = ctx_.req(id).name;
    inst->project = project;
    if (fl) {
      if (!(last_flavor_.get() == *fl)) last_flavor_ = *fl;  // one value per flavor, shared
      inst->flavor = last_flavor_;
    }
    inst->bdms = last_bdms_;  // equal to v.bdms (above)
    inst->volume_ids.assign(v.bdms.size(), "");
    inst->attached.assign(v.bdms.size(), false);
    inst->attachment.assign(v.bdms.size(), false);
    inst->allocate_network = v.allocate_network;
    inst->bfv = v.boot_from_volume;
    inst->image_ref = v.image_ref;
    inst->availability_zone = v.availability_zone;
    for (size_t b = 0; b < v.bdms.size(); ++b)
      if (v.bdms[b].source_type == "volume" && v.bdms[b].uuid) {
        inst->volume_ids[b] = *v.bdms[b].uuid;
        inst->attachment[b] = true;
        if (auto* vol = db_.cloud.find_volume(*v.bdms[b].uuid))
          vol->status = sem::volume_status::kReserved;  // attachment_create at the API
      }
    use.instances += 1;
    use.cores += inst->flavor->vcpus;
    use.ram_mb += inst->flavor->ram_mb;
    ctx_.req(id).api_status = 202;
    ctx_.req(id).final_status = FinalStatus::Build;
    instances_[id] = std::move(inst);
  }
  // Usage is counted before the DB writes yield, so concurrent requests see each other's
  // instances (Nova counts usage from the DB, where the BuildRequests now exist).
  // BuildRequest, RequestSpec and InstanceMapping rows per instance, through the worker's connection pool.
  if (nova_api.handle(request, api_track_, api.id(), 0, 3 * v.max_count) == infra::Service::Outcome::DbPoolTimeout) {
    // An exception nova-api does not expect: HTTP 500 (nova/api/openstack/wsgi.py::ResourceExceptionHandler).
    for (int id : ids) {
      ctx_.req(id).api_status = 500;
      ctx_.req(id).api_error =
          "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API "
          "log if possible. <class 'sqlalchemy.exc.TimeoutError'>: " +
          nova_api.pool_timeout_error();
      ctx_.req(id).final_status = FinalStatus::Rejected;
      use.instances -= 1;
      use.cores -= instances_[id]->flavor->vcpus;
      use.ram_mb -= instances_[id]->flavor->ram_mb;
      instances_.erase(id);
      ctx_.req(id).phases.emplace_back("api", ctx_.now() - t0);
    }
    api.fail();
    for (int id : ids)
      if (on_terminal) on_terminal(id);
    return ids;
  }
  rec.phases.emplace_back("api", ctx_.now() - t0);
  for (int id : ids) {
    if (id != request) ctx_.req(id).phases.emplace_back("api", ctx_.now() - t0);
    Instance* inst = instances_[id].get();
    // schedule_and_build_instances is a cast: the API answers 202 now; the conductor goes on alone.
    conductor_.submit([this, inst] {
      net_.rpc(api_endpoint(), conductor_endpoint(), inst->request, ConductorCast::ScheduleAndBuildInstances);
      conductor_build(*inst);
    });
  }
  return ids;
}

std::string Nova::msg_id(int request) {
  // An AMQP message id is a uuid4 hex (oslo_messaging/_drivers/amqpdriver.py::_send).
  (void)request;
  std::string id = db_.uuid('m');
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());
  return id;
}

void Nova::conductor_build(Instance& inst) {
  auto& rec = ctx_.req(inst.request);
  double t0 = ctx_.now();
  // schedule_and_build_instances runs on a conductor worker: its own CPU before the scheduler call.
  infra::pick(net_.cp.nova_conductor).handle(inst.request, conductor_track_, -1, p_.conductor_build_time, 0);
  {
    auto& scheduler = infra::pick(net_.cp.nova_scheduler);
    SpanScope sch(ctx_, {inst.request, scheduler_endpoint(scheduler)}, "schedule", SpanKind::Phase);
    // select_destinations: RPC call conductor -> scheduler, placement GET allocation_candidates + PUT allocations.
    net_.rpc(conductor_endpoint(), scheduler_endpoint(scheduler), inst.request, SchedulerCall::SelectDestinations);
    ScheduleRequest sr;
    sr.res.vcpus = inst.flavor->vcpus;
    sr.res.ram_mb = inst.flavor->ram_mb;
    // For boot-from-volume the root disk is not requested as DISK_GB (scheduler/utils.py::ResourceRequest).
    sr.res.disk_gb = (inst.bfv ? 0 : inst.flavor->disk_gb) + inst.flavor->ephemeral_gb +
                     static_cast<int>(std::ceil(inst.flavor->swap_mb / 1024.0));
    sr.availability_zone = inst.availability_zone;
    if (inst.image_ref)
      if (const auto* img = db_.cloud.find_image(*inst.image_ref)) sr.image_props = img->properties;
    sr.max_attempts = p_.max_attempts;
    sr.host_subset_size = p_.host_subset_size;
    sr.max_placement_results = p_.max_placement_results;
    sr.randomize_allocation_candidates = p_.randomize_allocation_candidates;
    sr.enabled_filters = p_.enabled_filters;
    sr.ram_weight_multiplier = p_.ram_weight_multiplier;
    sr.cpu_weight_multiplier = p_.cpu_weight_multiplier;
    sr.disk_weight_multiplier = p_.disk_weight_multiplier;
    sr.build_failure_weight_multiplier = p_.build_failure_weight_multiplier;
    // filter + weigh cost per host placement answered: at most max_placement_results of them
    double hosts = static_cast<double>(computes_.size());
    if (p_.max_placement_results > 0) hosts = std::min(hosts, static_cast<double>(p_.max_placement_results));
    double cost = p_.scheduler_base_time + p_.scheduler_per_host_time * hosts;
    // select_destinations is an RPC call with call_monitor_timeout = rpc_response_timeout and timeout =
    // long_rpc_timeout (nova/scheduler/rpcapi.py::select_destinations): the scheduler heartbeats once a
    // worker runs it, so a message still queued after rpc_response_timeout fails the call.
    // The scheduler worker's CPU (filter + weigh), then its two placement calls: GET
    // /allocation_candidates and PUT /allocations/{consumer} (the claim).
    bool timed_out = scheduler.handle(inst.request, scheduler_track_, sch.id(), cost, 0,
                                      ctx_.now() + p_.rpc_response_timeout) == infra::Service::Outcome::Timeout;
    if (!timed_out) {
      auto& placement = infra::pick(net_.cp.placement_api);
      double dbq = placement.db_query_time();
      const infra::Caller from_scheduler{inst.request, scheduler_endpoint(scheduler), sch.id()};
      const infra::HttpTarget<PlacementService> at{&placement, placement_track_};
      net_.http(from_scheduler, at, std::max(0.0, p_.placement_call_time - 2 * dbq), 2,
                PlacementRoute::AllocationCandidates);
      net_.http(from_scheduler, at, std::max(0.0, p_.placement_call_time - 2 * dbq), 2, PlacementRoute::ClaimResources);
      placement_.settle_stats(ctx_.now());  // ComputeNode records the periodics have saved by now
      inst.hosts = select_destinations(placement_, sr, inst.uuid, ctx_.rng);
      net_.reply(scheduler_endpoint(scheduler), conductor_endpoint(), inst.request, SchedulerCall::SelectDestinations);
    }
    if (timed_out || inst.hosts.empty()) sch.fail();
    if (timed_out) {
      rec.phases.emplace_back("schedule", ctx_.now() - t0);
      // oslo_messaging/_drivers/amqpdriver.py::ReplyWaiter.wait: MessagingTimeout; the conductor buries the
      // instance in cell0 with the exception as its fault (nova/conductor/manager.py::schedule_and_build_instances).
      finish(inst, FinalStatus::Error, "Timed out waiting for a reply to message ID " + msg_id(inst.request));
      return;
    }
  }
  rec.phases.emplace_back("schedule", ctx_.now() - t0);
  if (!inst.hosts.empty() && ctx_.now() - t0 > p_.long_rpc_timeout) {
    // select_destinations is an RPC call bounded by [DEFAULT] long_rpc_timeout: MessagingTimeout ->
    // schedule_and_build_instances buries the instance in cell0 with that fault; the allocation the
    // scheduler made is not removed there (conductor/manager.py::_bury_in_cell0), only by a delete.
    // The timeout is noticed when the reply comes (the conductor and scheduler share this actor).
    finish(inst, FinalStatus::Error, "Timed out waiting for a reply to message ID " + msg_id(inst.request));
    return;
  }
  if (inst.hosts.empty()) {
    // _bury_in_cell0: no volume is ever created on this path.
    finish(inst, FinalStatus::Error, std::string("No valid host was found. There are not enough hosts available."));
    return;
  }
  inst.attempt = 0;
  // The instance record and its BDMs are written in the cell DB by the conductor.
  infra::pick(net_.cp.nova_conductor).handle(inst.request, conductor_track_, -1, 0, 2);
  cast_to_compute(inst);
}

void Nova::cast_to_compute(Instance& inst) {
  size_t c = inst.hosts[inst.attempt];
  inst.host = static_cast<int>(c);
  ctx_.req(inst.request).host = computes_[c]->host()->get_name();
  ctx_.req(inst.request).attempts = static_cast<int>(inst.attempt) + 1;
  net_.rpc(conductor_endpoint(), computes_[c]->endpoint(), inst.request, ComputeCast::BuildAndRunInstance);
  computes_[c]->build_and_run(inst);
}

void Nova::build_failed(Instance& inst, const std::string& fault, bool reschedule) {
  placement_.free(inst.uuid);
  if (inst.host >= 0) {
    // build_and_run_instance's finally: FAILED or RESCHEDULED -> _build_failed(node), reported only
    // when [compute] consecutive_build_service_disable_threshold is nonzero. A dead service reports nothing.
    size_t h = static_cast<size_t>(inst.host);
    if (p_.consecutive_build_service_disable_threshold != 0 && computes_[h]->up)
      placement_.build_result(h, true, ctx_.now(), p_.update_resources_period());
  }
  if (!reschedule) {
    finish(inst, FinalStatus::Error, fault);
    return;
  }
  if (p_.max_attempts <= 1) {
    // scheduler/utils.py::populate_retry put no retry info: _do_build_and_run_instance records the
    // RescheduledException's reason as the fault and sets ERROR; nothing goes back to the conductor.
    inst.host = -1;  // _nil_out_instance_obj_host_and_node: a later delete is a local delete
    finish(inst, FinalStatus::Error, fault);
    return;
  }
  // build_instances back to the conductor: try the next alternate (claiming it in placement).
  net_.rpc(computes_[static_cast<size_t>(inst.host)]->endpoint(), conductor_endpoint(), inst.request,
           ConductorCast::BuildInstances);
  inst.host = -1;
  // populate_retry: num_attempts counts this new attempt; past max_attempts -> MaxRetriesExceeded.
  size_t num_attempts = inst.attempt + 2;
  if (num_attempts > static_cast<size_t>(p_.max_attempts)) {
    finish(inst, FinalStatus::Error,
           "Exceeded maximum number of retries. Exceeded max scheduling attempts " + std::to_string(p_.max_attempts) +
               " for instance " + inst.uuid + ". Last exception: " + fault);
    return;
  }
  while (++inst.attempt < inst.hosts.size()) {
    size_t c = inst.hosts[inst.attempt];
    Resources r{inst.flavor->vcpus, inst.flavor->ram_mb, inst.bfv ? 0 : inst.flavor->disk_gb};
    if (placement_.fits(c, r) && placement_.providers[c].up) {
      placement_.allocate(c, inst.uuid, r);
      // conductor/manager.py::_validate_existing_attachment_ids: the failed host deleted the
      // attachments; a new one is created for every volume BDM (volumes `reserved` again). Volumes the
      // first host created stay in the BDMs and are reused, not created again.
      for (size_t b = 0; b < inst.bdms.size(); ++b)
        if (!inst.volume_ids[b].empty() && inst.bdms[b].destination_type == "volume" && !inst.attachment[b]) {
          cinder_.attachment_create({inst.request, conductor_endpoint(), -1}, inst.volume_ids[b], inst.uuid);
          inst.attachment[b] = true;
        }
      cast_to_compute(inst);
      return;
    }
  }
  finish(inst, FinalStatus::Error,
         "Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance " +
             inst.uuid + ".");
}

void Nova::build_active(Instance& inst) {
  // _build_succeeded: the node's failed_builds counter is reset.
  if (p_.consecutive_build_service_disable_threshold != 0 && inst.host >= 0)
    placement_.build_result(static_cast<size_t>(inst.host), false, ctx_.now(), p_.update_resources_period());
  finish(inst, FinalStatus::Active, std::nullopt);
}

void Nova::finish(Instance& inst, FinalStatus final_status, const std::optional<std::string>& fault) {
  auto& rec = ctx_.req(inst.request);
  rec.final_status = final_status;
  rec.fault = fault;
  inst.vm_state = final_status == FinalStatus::Active ? VmState::Active : VmState::Error;
  if (final_status == FinalStatus::Active) rec.t_active = ctx_.now();
  if (!inst.terminal) {
    inst.terminal = true;
    if (on_terminal) on_terminal(inst.request);
  }
}

std::string Nova::show_server(const infra::Caller& caller, int request) {
  auto& api = infra::pick(net_.cp.nova_api);
  net_.http(caller, infra::HttpTarget<ApiService>{&api, api_track_},
            std::max(0.0, p_.api_service_time - api.db_query_time()), 1, ApiRoute::ShowServer);
  const Instance* inst = instance(request);
  if (!inst || inst->vm_state == VmState::Deleted) return "";  // InstanceNotFound -> 404
  if (inst->vm_state == VmState::Active) return "ACTIVE";
  if (inst->vm_state == VmState::Error) return "ERROR";
  return "BUILD";
}

bool Nova::delete_server_async(int request, infra::Endpoint client) {
  // nova/api/openstack/compute/servers.py::ServersController.delete -> _delete ->
  // nova/compute/api.py::API.delete: the instance's task_state DELETING, terminate_instance cast to
  // its compute (or the local delete), 204. The compute's terminate then runs on its own.
  net_.http(infra::Caller{request, client}, infra::HttpTarget<ApiService>{&infra::pick(net_.cp.nova_api), api_track_},
            p_.api_service_time, 0, ApiRoute::DeleteServer);
  Instance* inst = instance(request);
  if (!inst || inst->vm_state == VmState::Deleted) return false;
  inst->deleting = true;
  spawn("nova-delete", api_host(), kServiceStack, [this, request] { delete_server(request, true); });
  return true;
}

void Nova::delete_server(int request, bool api_done) {
  Instance* inst = instance(request);
  auto& rec = ctx_.req(request);
  if (!inst || inst->vm_state == VmState::Deleted) return;
  inst->deleting = true;  // task_state DELETING until the delete finishes
  double t0 = ctx_.now();
  {
    SpanScope del(ctx_, {request, api_endpoint()}, "delete", SpanKind::Phase);
    if (!api_done) infra::pick(net_.cp.nova_api).handle(request, api_track_, del.id(), p_.api_service_time, 0);
    if (inst->host >= 0 && inst->vm_state == VmState::Active) {
      auto& node = *computes_[static_cast<size_t>(inst->host)];
      net_.rpc(api_endpoint(), node.endpoint(), request, ComputeCast::TerminateInstance);
      node.terminate(*inst, del.id());
    } else {
      // local delete (never reached a host, or its build failed): same BDM cleanup from nova-api,
      // inside a span of its own for its Cinder calls (their arrows leave from it).
      SpanScope cleanup(ctx_, del.caller(), "cleanup_volumes", SpanKind::Rpc);
      cleanup_volumes(cinder_, *inst, cleanup.caller(), Cleanup::AfterShutdown);
    }
    placement_.free(inst->uuid);
    auto& use = db_.nova_usage[inst->project];
    use.instances -= 1;
    use.cores -= inst->flavor->vcpus;
    use.ram_mb -= inst->flavor->ram_mb;
    inst->vm_state = VmState::Deleted;
  }
  rec.phases.emplace_back("delete", ctx_.now() - t0);
  rec.final_status = FinalStatus::Deleted;
  rec.t_deleted = ctx_.now();
}

void ComputeNode::terminate(Instance& inst, int32_t parent) {
  // do_terminate_instance holds the instance lock: an attach or detach in flight finishes first,
  // and the volume it attached is detached below (nova/compute/manager.py::terminate_instance).
  auto lock = inst.compute_lock();
  std::unique_lock<simgrid::s4u::Mutex> held(*lock);
  auto& p = nova_.params();
  compute_cpu(inst.request, parent, p.compute_delete_cpu);
  nova_.net().service(caller(inst, parent), p.destroy_time, "libvirt_destroy", res_libvirt_);
  // driver.py::cleanup -> _cleanup_rbd (images_type = rbd, every instance): RBDDriver.cleanup_volumes
  // opens one RADOSClient on the vms pool, lists it and removes the instance's disks (both in tpool).
  if (p.images_type == ImagesType::Rbd) rados_clients(inst.request, parent, 1);
  // cleanup runs on the compute: detach, then delete_on_termination volumes.
  cleanup_volumes(nova_.cinder(), inst, caller(inst, parent), Cleanup::AfterShutdown);
  inst.lock = nullptr;  // the local copy above keeps it alive until unlocked
}

}  // namespace bfv::nova

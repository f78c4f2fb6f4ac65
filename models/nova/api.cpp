// nova-api, nova-conductor and the scheduler call (nova/api/openstack/compute/servers.py,
// nova/compute/api.py, nova/conductor/manager.py::schedule_and_build_instances, build_instances).
#include <algorithm>
#include <cmath>

#include "models/nova/nova.hpp"

namespace bfv::nova {

Nova::Nova(SimContext& ctx, infra::Net& net, CloudDb& db, glance::Glance& glance, cinder::Cinder& cinder, const Params& p)
    : ctx_(ctx), net_(net), db_(db), glance_(glance), cinder_(cinder), p_(p),
      api_track_(ctx.log().track("nova-api")), conductor_track_(ctx.log().track("nova-conductor")),
      scheduler_track_(ctx.log().track("nova-scheduler")),
      conductor_("nova-conductor", ctx.platform.controller, 0, kServiceStack, kIdleServiceWorkers) {
  size_t i = 0;
  for (const auto& r : ctx.scenario.topology.racks)
    for (const auto& c : r.computes) {
      Provider pr;
      pr.name = c.name;
      pr.availability_zone = c.availability_zone;
      pr.vcpu_total = c.vcpus * p.cpu_allocation_ratio;
      pr.ram_total = (c.ram_mb - p.reserved_host_memory_mb) * p.ram_allocation_ratio;
      pr.disk_total = (c.disk_gb - p.reserved_host_disk_mb / 1024.0) * p.disk_allocation_ratio;
      placement_.providers.push_back(pr);
      computes_.push_back(std::make_unique<ComputeNode>(*this, i, ctx.platform.computes[i], ctx.platform.compute_disks.at(c.name)));
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
    if (inst->host == static_cast<int>(compute) && inst->vm_state == "active") {
      inst->vm_state = "error";
      ctx_.req(inst->request).final_status = "ERROR";
      ctx_.req(inst->request).fault = "Compute host " + computes_[compute]->host()->get_name() + " went down";
    }
}

std::vector<int> Nova::create_server(int request, const nlohmann::json& body, const std::string& microversion,
                                     const std::string& project) {
  auto& rec = ctx_.req(request);
  SpanScope api(ctx_, request, api_track_, "api", SpanKind::Phase);
  double t0 = ctx_.now();
  net_.service(request, api_track_, api.id(), p_.api_service_time, "nova-api", "service:nova-api");
  const ProjectSpec* ps = ctx_.scenario.project(project);
  sem::NovaQuota quota = ps ? ps->nova : ctx_.scenario.nova_quota_default;
  sem::Verdict v = sem::validate_server_create(body, microversion, db_.cloud, ctx_.scenario.nova_api, quota, db_.nova_usage[project]);
  rec.api_status = v.status;
  // The BDM list as JSON text for report.json. A storm repeats the same body, so the last list's
  // text is reused when the normalized BDMs are equal (building and dumping it was ~1.3% of a run).
  if (v.bdms != last_bdms_ || last_bdms_json_.empty()) {
    nlohmann::json bdms = nlohmann::json::array();
    for (const auto& b : v.bdms) bdms.push_back(b.to_json());
    last_bdms_json_ = bdms.dump();
    last_bdms_ = v.bdms;
  }
  rec.bdms = last_bdms_json_;
  if (!v.ok()) {
    rec.api_error = v.error;
    rec.final_status = "REJECTED";
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
    if (fl) inst->flavor = *fl;
    inst->bdms = v.bdms;
    inst->volume_ids.assign(v.bdms.size(), "");
    inst->attached.assign(v.bdms.size(), false);
    inst->bfv = v.boot_from_volume;
    inst->image_ref = v.image_ref;
    inst->availability_zone = v.availability_zone;
    for (size_t b = 0; b < v.bdms.size(); ++b)
      if (v.bdms[b].source_type == "volume" && v.bdms[b].uuid) {
        inst->volume_ids[b] = *v.bdms[b].uuid;
        if (auto* vol = db_.cloud.find_volume(*v.bdms[b].uuid)) vol->status = "reserved";  // attachment_create at the API
      }
    use.instances += 1;
    use.cores += inst->flavor.vcpus;
    use.ram_mb += inst->flavor.ram_mb;
    ctx_.req(id).api_status = 202;
    ctx_.req(id).final_status = "BUILD";
    instances_[id] = std::move(inst);
  }
  // Usage is counted before the DB writes yield, so concurrent requests see each other's
  // instances (Nova counts usage from the DB, where the BuildRequests now exist).
  net_.service(request, api_track_, api.id(), 3 * p_.db_write_time * v.max_count, "db_write", "service:nova-db");
  rec.phases.emplace_back("api", ctx_.now() - t0);
  for (int id : ids) {
    if (id != request) ctx_.req(id).phases.emplace_back("api", ctx_.now() - t0);
    Instance* inst = instances_[id].get();
    // schedule_and_build_instances is a cast: the API answers 202 now; the conductor goes on alone.
    conductor_.submit([this, inst] {
      net_.rpc(api_host(), api_host(), inst->request, api_track_, conductor_track_, "schedule_and_build_instances");
      conductor_build(*inst);
    });
  }
  return ids;
}

void Nova::conductor_build(Instance& inst) {
  auto& rec = ctx_.req(inst.request);
  double t0 = ctx_.now();
  {
    SpanScope sch(ctx_, inst.request, scheduler_track_, "schedule", SpanKind::Phase);
    // select_destinations: RPC call conductor -> scheduler, placement GET allocation_candidates + PUT allocations.
    net_.rpc(api_host(), api_host(), inst.request, conductor_track_, scheduler_track_, "select_destinations");
    ScheduleRequest sr;
    sr.res.vcpus = inst.flavor.vcpus;
    sr.res.ram_mb = inst.flavor.ram_mb;
    // For boot-from-volume the root disk is not requested as DISK_GB (scheduler/utils.py::ResourceRequest).
    sr.res.disk_gb = (inst.bfv ? 0 : inst.flavor.disk_gb) + inst.flavor.ephemeral_gb +
                     static_cast<int>(std::ceil(inst.flavor.swap_mb / 1024.0));
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
    double cost = p_.scheduler_base_time + p_.scheduler_per_host_time * hosts +
                  2 * p_.placement_call_time;
    net_.service(inst.request, scheduler_track_, sch.id(), cost, "filter_weigh_claim", "service:nova-scheduler");
    inst.hosts = select_destinations(placement_, sr, inst.uuid, ctx_.rng);
    net_.rpc(api_host(), api_host(), inst.request, scheduler_track_, conductor_track_, "select_destinations_reply");
    if (inst.hosts.empty()) sch.fail();
  }
  rec.phases.emplace_back("schedule", ctx_.now() - t0);
  if (inst.hosts.empty()) {
    // _bury_in_cell0: no volume is ever created on this path.
    finish(inst, "ERROR", std::string("No valid host was found. There are not enough hosts available."));
    return;
  }
  inst.attempt = 0;
  net_.service(inst.request, conductor_track_, -1, 2 * p_.db_write_time, "db_write", "service:nova-db");
  cast_to_compute(inst);
}

void Nova::cast_to_compute(Instance& inst) {
  size_t c = inst.hosts[inst.attempt];
  inst.host = static_cast<int>(c);
  ctx_.req(inst.request).host = computes_[c]->host()->get_name();
  ctx_.req(inst.request).attempts = static_cast<int>(inst.attempt) + 1;
  net_.rpc(api_host(), computes_[c]->host(), inst.request, conductor_track_, computes_[c]->track(), "build_and_run_instance");
  computes_[c]->build_and_run(inst);
}

void Nova::build_failed(Instance& inst, const std::string& fault, bool reschedule) {
  placement_.free(inst.uuid);
  if (inst.host >= 0) placement_.providers[static_cast<size_t>(inst.host)].failed_builds += 1;
  if (!reschedule) {
    finish(inst, "ERROR", fault);
    return;
  }
  // build_instances back to the conductor: try the next alternate (claiming it in placement).
  auto* from = computes_[static_cast<size_t>(inst.host)]->host();
  net_.rpc(from, api_host(), inst.request, computes_[static_cast<size_t>(inst.host)]->track(), conductor_track_, "build_instances");
  while (++inst.attempt < inst.hosts.size()) {
    size_t c = inst.hosts[inst.attempt];
    Resources r{inst.flavor.vcpus, inst.flavor.ram_mb, inst.bfv ? 0 : inst.flavor.disk_gb};
    if (placement_.fits(c, r) && placement_.providers[c].up) {
      placement_.allocate(c, inst.uuid, r);
      cast_to_compute(inst);
      return;
    }
  }
  finish(inst, "ERROR",
         "Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance " +
             inst.uuid + ".");
}

void Nova::build_active(Instance& inst) { finish(inst, "ACTIVE", std::nullopt); }

void Nova::finish(Instance& inst, const std::string& final_status, const std::optional<std::string>& fault) {
  auto& rec = ctx_.req(inst.request);
  rec.final_status = final_status;
  rec.fault = fault;
  inst.vm_state = final_status == "ACTIVE" ? "active" : "error";
  if (final_status == "ACTIVE") rec.t_active = ctx_.now();
  if (final_status == "ERROR" && inst.attempt + 1 >= inst.hosts.size()) rec.attempts = static_cast<int>(inst.attempt) + 1;
  if (!inst.terminal) {
    inst.terminal = true;
    if (on_terminal) on_terminal(inst.request);
  }
}

void Nova::cleanup_volumes(Instance& inst, int32_t parent, uint32_t track, sg4::Host* from) {
  // _cleanup_volumes / _local_cleanup_bdm_volumes: detach everything, delete delete_on_termination volumes.
  auto outcomes = sem::on_server_delete(inst.bdms);
  // The caller's span for its Cinder calls (their arrows leave from it).
  SpanScope cleanup(ctx_, inst.request, track, "cleanup_volumes", SpanKind::Rpc, parent);
  parent = cleanup.id();
  for (size_t b = 0; b < inst.bdms.size(); ++b) {
    const std::string& vid = inst.volume_ids[b];
    if (vid.empty()) continue;
    cinder_.detach(inst.request, from, track, parent, vid, inst.uuid);
    inst.attached[b] = false;
  }
  for (const auto& o : outcomes) {
    if (o.action != "deleted" || o.bdm_index >= inst.volume_ids.size()) continue;
    const std::string& vid = inst.volume_ids[o.bdm_index];
    if (vid.empty()) continue;
    cinder_.delete_volume(inst.request, from, track, parent, vid);  // failures are only logged upstream
  }
}

void Nova::delete_server(int request) {
  Instance* inst = instance(request);
  auto& rec = ctx_.req(request);
  if (!inst || inst->vm_state == "deleted") return;
  double t0 = ctx_.now();
  {
    SpanScope del(ctx_, request, api_track_, "delete", SpanKind::Phase);
    net_.service(request, api_track_, del.id(), p_.api_service_time, "nova-api", "service:nova-api");
    if (inst->host >= 0 && inst->vm_state == "active") {
      auto& node = *computes_[static_cast<size_t>(inst->host)];
      net_.rpc(api_host(), node.host(), request, api_track_, node.track(), "terminate_instance");
      node.terminate(*inst, del.id());
    } else {
      // local delete (never reached a host, or its build failed): same BDM cleanup from the API host.
      cleanup_volumes(*inst, del.id(), api_track_, api_host());
    }
    placement_.free(inst->uuid);
    auto& use = db_.nova_usage[inst->project];
    use.instances -= 1;
    use.cores -= inst->flavor.vcpus;
    use.ram_mb -= inst->flavor.ram_mb;
    inst->vm_state = "deleted";
  }
  rec.phases.emplace_back("delete", ctx_.now() - t0);
  rec.final_status = "DELETED";
  rec.t_deleted = ctx_.now();
}

void ComputeNode::terminate(Instance& inst, int32_t parent) {
  auto& p = nova_.params();
  nova_.net().service(inst.request, track_, parent, p.destroy_time, "libvirt_destroy", res_libvirt_);
  // cleanup runs on the compute: detach, then delete_on_termination volumes.
  auto outcomes = sem::on_server_delete(inst.bdms);
  auto& cinder = nova_.cinder();
  for (size_t b = 0; b < inst.bdms.size(); ++b)
    if (!inst.volume_ids[b].empty()) cinder.detach(inst.request, host_, track_, parent, inst.volume_ids[b], inst.uuid);
  for (const auto& o : outcomes)
    if (o.action == "deleted" && o.bdm_index < inst.volume_ids.size() && !inst.volume_ids[o.bdm_index].empty())
      cinder.delete_volume(inst.request, host_, track_, parent, inst.volume_ids[o.bdm_index]);
}

}  // namespace bfv::nova

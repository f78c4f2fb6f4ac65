// config: service -> group -> option, with the real nova.conf / cinder.conf / glance-api.conf
// option names. Values are written as in the ini files (plain numbers where OpenStack uses them);
// bfvsim's own [timing] options carry units ("30ms").
#include <cctype>
#include <variant>

#include "sim/scenario/loader_parts.hpp"

namespace bfv {
namespace {

using T = OptType;
struct Opt {
  const char* group;
  const char* name;
  T type;
  void* field;
};

void apply(const scn::Node& n, const Opt& o) {
  switch (o.type) {
    case T::Int: *static_cast<int*>(o.field) = n.int32(); break;
    case T::LL: *static_cast<long long*>(o.field) = n.integer(); break;
    case T::Num: *static_cast<double*>(o.field) = n.number(); break;
    case T::Bool: *static_cast<bool*>(o.field) = n.boolean(); break;
    case T::Str: *static_cast<std::string*>(o.field) = n.str(); break;
    case T::OptStr: *static_cast<std::optional<std::string>*>(o.field) = n.str(); break;
    case T::List: {
      // ini lists are comma separated; accept a YAML list or a comma-separated string
      std::vector<std::string> v;
      if (n.is_seq()) v = n.str_list();
      else {
        std::string s = n.str(), cur;
        for (char c : s) {
          if (c == ',') { if (!cur.empty()) v.push_back(cur); cur.clear(); }
          else if (!std::isspace(static_cast<unsigned char>(c))) cur += c;
        }
        if (!cur.empty()) v.push_back(cur);
      }
      *static_cast<std::vector<std::string>*>(o.field) = v;
      break;
    }
    case T::Time: *static_cast<double*>(o.field) = n.time_s(); break;
    case T::Rate: *static_cast<double*>(o.field) = n.rate_Bps(); break;
  }
}

// Set while modelled_options() asks bind() for its tables instead of applying them.
thread_local std::vector<ModelledOption>* g_collect = nullptr;

// Real options of the service that would change nothing bfvsim models: refused with the reason
// rather than accepted and ignored (issue 13 item 6).
struct Unmodelled {
  const char* group;
  const char* name;
  const char* why;
};

void bind(const scn::Node& service, const std::vector<Opt>& opts, const std::vector<Unmodelled>& unmodelled = {}) {
  if (g_collect) {
    for (const auto& o : opts) g_collect->push_back({o.group, o.name, o.type});
    return;
  }
  std::vector<std::string> groups;
  for (const auto& o : opts)
    if (std::find(groups.begin(), groups.end(), o.group) == groups.end()) groups.push_back(o.group);
  for (const auto& u : unmodelled)
    if (std::find(groups.begin(), groups.end(), u.group) == groups.end()) groups.push_back(u.group);
  service.allow_keys(groups);
  for (const auto& [gname, group] : service.entries())
    for (const auto& u : unmodelled)
      if (gname == u.group)
        if (auto v = group.opt(u.name))
          v->fail(std::string(u.group) + "." + u.name + " is a real option, but bfvsim does not model it (" + u.why +
                  "); remove it");
  for (const auto& [gname, group] : service.entries()) {
    std::vector<std::string> names;
    for (const auto& o : opts)
      if (gname == o.group) names.push_back(o.name);
    group.allow_keys(names);
    for (const auto& [oname, value] : group.entries())
      for (const auto& o : opts)
        if (gname == o.group && oname == o.name) apply(value, o);
  }
}

}  // namespace

// A bound integer option below its minimum: the error names the file, line and option.
void require_min(const std::optional<scn::Node>& service, const char* group, const char* option, double value, double min,
                 const char* why) {
  if (value >= min || !service) return;
  if (auto g = service->opt(group))
    if (auto o = g->opt(option)) o->fail(std::string(option) + " must be " + why);
}

// [database] options shared by a project's services (each process has its own pool of this size).
struct DbOpts {
  int max_pool_size = 5, max_overflow = 50;
  double pool_timeout = 30;
  void to(infra::ServiceParams& sp) const {
    sp.max_pool_size = max_pool_size;
    sp.max_overflow = max_overflow;
    sp.pool_timeout = pool_timeout;
  }
};

void load_config(const scn::Node& cfg, Scenario& s) {
  cfg.allow_keys(scn::kConfigServices);
  auto& n = s.nova;
  auto& ip = s.infra;
  DbOpts nova_db, cinder_db, glance_db, placement_db;
  int nova_executor = ip.nova_conductor.threads;
  auto& api = s.nova_api;
  if (auto nova = cfg.opt("nova")) {
    bind(*nova, {
        {"DEFAULT", "block_device_allocate_retries", T::Int, &n.block_device_allocate_retries},
        {"DEFAULT", "block_device_allocate_retries_interval", T::Num, &n.block_device_allocate_retries_interval},
        {"DEFAULT", "max_concurrent_builds", T::Int, &n.max_concurrent_builds},
        {"DEFAULT", "max_local_block_devices", T::Int, &api.max_local_block_devices},
        {"DEFAULT", "vif_plugging_timeout", T::Num, &n.vif_plugging_timeout},
        {"DEFAULT", "vif_plugging_is_fatal", T::Bool, &n.vif_plugging_is_fatal},
        {"DEFAULT", "rpc_response_timeout", T::Num, &n.rpc_response_timeout},
        {"DEFAULT", "osapi_compute_workers", T::Int, &ip.nova_api.workers},
        {"DEFAULT", "executor_thread_pool_size", T::Int, &nova_executor},
        {"wsgi", "default_pool_size", T::Int, &ip.nova_api.threads},
        {"conductor", "workers", T::Int, &ip.nova_conductor.workers},
        {"scheduler", "workers", T::Int, &ip.nova_scheduler.workers},
        {"database", "max_pool_size", T::Int, &nova_db.max_pool_size},
        {"database", "max_overflow", T::Int, &nova_db.max_overflow},
        {"database", "pool_timeout", T::Num, &nova_db.pool_timeout},
        {"timing", "conductor_build_time", T::Time, &n.conductor_build_time},
        {"timing", "compute_build_cpu", T::Time, &n.compute_build_cpu},
        {"timing", "compute_volume_cpu", T::Time, &n.compute_volume_cpu},
        {"timing", "compute_delete_cpu", T::Time, &n.compute_delete_cpu},
        {"DEFAULT", "long_rpc_timeout", T::Num, &n.long_rpc_timeout},
        {"DEFAULT", "force_raw_images", T::Bool, &n.force_raw_images},
        {"DEFAULT", "use_cow_images", T::Bool, &n.use_cow_images},
        {"libvirt", "images_type", T::Str, &n.images_type},
        {"timing", "rbd_clone_time", T::Time, &n.rbd_clone_time},
        {"DEFAULT", "initial_cpu_allocation_ratio", T::Num, &n.cpu_allocation_ratio},
        {"DEFAULT", "cpu_allocation_ratio", T::Num, &n.cpu_allocation_ratio},
        {"DEFAULT", "initial_ram_allocation_ratio", T::Num, &n.ram_allocation_ratio},
        {"DEFAULT", "ram_allocation_ratio", T::Num, &n.ram_allocation_ratio},
        {"DEFAULT", "initial_disk_allocation_ratio", T::Num, &n.disk_allocation_ratio},
        {"DEFAULT", "disk_allocation_ratio", T::Num, &n.disk_allocation_ratio},
        {"DEFAULT", "reserved_host_memory_mb", T::Int, &n.reserved_host_memory_mb},
        {"DEFAULT", "reserved_host_disk_mb", T::Int, &n.reserved_host_disk_mb},
        {"DEFAULT", "update_resources_interval", T::Int, &n.update_resources_interval},
        {"DEFAULT", "default_ephemeral_format", T::OptStr, &api.default_ephemeral_format},
        {"DEFAULT", "default_availability_zone", T::Str, &api.default_availability_zone},
        {"compute", "max_disk_devices_to_attach", T::Int, &api.max_disk_devices_to_attach},
        {"compute", "max_concurrent_disk_ops", T::Int, &n.max_concurrent_disk_ops},
        {"compute", "consecutive_build_service_disable_threshold", T::Int, &n.consecutive_build_service_disable_threshold},
        {"cinder", "cross_az_attach", T::Bool, &api.cross_az_attach},
        {"scheduler", "max_attempts", T::Int, &n.max_attempts},
        {"scheduler", "max_placement_results", T::Int, &n.max_placement_results},
        {"quota", "instances", T::LL, &s.nova_quota_default.instances},
        {"quota", "cores", T::LL, &s.nova_quota_default.cores},
        {"quota", "ram", T::LL, &s.nova_quota_default.ram_mb},
        {"filter_scheduler", "host_subset_size", T::Int, &n.host_subset_size},
        {"filter_scheduler", "enabled_filters", T::List, &n.enabled_filters},
        {"filter_scheduler", "ram_weight_multiplier", T::Num, &n.ram_weight_multiplier},
        {"filter_scheduler", "cpu_weight_multiplier", T::Num, &n.cpu_weight_multiplier},
        {"filter_scheduler", "disk_weight_multiplier", T::Num, &n.disk_weight_multiplier},
        {"filter_scheduler", "build_failure_weight_multiplier", T::Num, &n.build_failure_weight_multiplier},
        {"api", "max_microversion", T::Str, &api.max_microversion},
        {"timing", "api_service_time", T::Time, &n.api_service_time},
        {"timing", "db_write_time", T::Time, &n.db_write_time},
        {"timing", "scheduler_base_time", T::Time, &n.scheduler_base_time},
        {"timing", "scheduler_per_host_time", T::Time, &n.scheduler_per_host_time},
        {"timing", "placement_call_time", T::Time, &n.placement_call_time},
        {"timing", "claim_time", T::Time, &n.claim_time},
        {"timing", "os_brick_iscsi_connect", T::Time, &n.os_brick_iscsi_connect},
        {"timing", "libvirt_define_start", T::Time, &n.libvirt_define_start},
        {"timing", "vif_plug_time", T::Time, &n.vif_plug_time},
        {"timing", "network_allocate_time", T::Time, &n.network_allocate_time},
        {"timing", "network_deallocate_time", T::Time, &n.network_deallocate_time},
        {"timing", "power_state_poll", T::Time, &n.power_state_poll},
        {"timing", "cow_overlay_time", T::Time, &n.cow_overlay_time},
        {"timing", "destroy_time", T::Time, &n.destroy_time},
        {"timing", "libvirt_attach_device_time", T::Time, &n.libvirt_attach_device_time},
        {"timing", "libvirt_detach_device_time", T::Time, &n.libvirt_detach_device_time},
        {"timing", "os_brick_iscsi_disconnect", T::Time, &n.os_brick_iscsi_disconnect},
        {"timing", "qemu_img_flops_per_byte", T::Num, &n.qemu_img_flops_per_byte},
    });
  }
  auto nova_node = cfg.opt("nova");
  if (nova_node)
    if (auto g = nova_node->opt("libvirt"))
      if (auto o = g->opt("images_type")) {
        // nova/conf/libvirt.py: choices of [libvirt] images_type
        const std::string& t = n.images_type;
        if (t == "lvm" || t == "ploop")
          o->fail("images_type '" + t + "' is a real choice, but bfvsim does not model it (default, qcow2, flat, raw and rbd are modelled)");
        if (t != "default" && t != "qcow2" && t != "flat" && t != "raw" && t != "rbd")
          o->fail("images_type must be one of default, qcow2, flat, raw, rbd, lvm, ploop (nova/conf/libvirt.py), not '" + t + "'");
      }
  require_min(nova_node, "DEFAULT", "osapi_compute_workers", ip.nova_api.workers, 0, "at least 1 (0 or unset: the CPU count)");
  require_min(nova_node, "conductor", "workers", ip.nova_conductor.workers, 0, "at least 1 (0 or unset: the CPU count)");
  require_min(nova_node, "scheduler", "workers", ip.nova_scheduler.workers, 0, "at least 1 (0 or unset: the CPU count)");
  require_min(nova_node, "wsgi", "default_pool_size", ip.nova_api.threads, 1, "at least 1");
  require_min(nova_node, "DEFAULT", "executor_thread_pool_size", nova_executor, 1, "at least 1");
  require_min(nova_node, "database", "max_overflow", nova_db.max_overflow, -1, "at least -1 (-1: no limit)");
  require_min(nova_node, "database", "max_pool_size", nova_db.max_pool_size, 0, "at least 0 (0: no limit)");
  require_min(nova_node, "database", "pool_timeout", nova_db.pool_timeout, 0, "at least 0 s");
  nova_db.to(ip.nova_api);
  nova_db.to(ip.nova_conductor);
  nova_db.to(ip.nova_scheduler);
  ip.nova_conductor.threads = ip.nova_scheduler.threads = nova_executor;
  if (auto placement = cfg.opt("placement")) {  // placement.conf, and the uwsgi options it is served with
    bind(*placement, {
        {"placement", "randomize_allocation_candidates", T::Bool, &n.randomize_allocation_candidates},
        {"placement_database", "max_pool_size", T::Int, &placement_db.max_pool_size},
        {"placement_database", "max_overflow", T::Int, &placement_db.max_overflow},
        {"placement_database", "pool_timeout", T::Num, &placement_db.pool_timeout},
        {"uwsgi", "processes", T::Int, &ip.placement_api.workers},
        {"uwsgi", "threads", T::Int, &ip.placement_api.threads},
    });
  }
  auto placement_node = cfg.opt("placement");
  require_min(placement_node, "uwsgi", "processes", ip.placement_api.workers, 0, "at least 1 (0 or unset: the CPU count)");
  require_min(placement_node, "uwsgi", "threads", ip.placement_api.threads, 1, "at least 1");
  require_min(placement_node, "placement_database", "max_overflow", placement_db.max_overflow, -1, "at least -1 (-1: no limit)");
  placement_db.to(ip.placement_api);
  auto& c = s.cinder;
  if (auto cinder = cfg.opt("cinder")) {
    bind(*cinder, {
        {"DEFAULT", "image_volume_cache_enabled", T::Bool, &c.image_volume_cache_enabled},
        {"DEFAULT", "image_volume_cache_max_size_gb", T::Int, &c.image_volume_cache_max_size_gb},
        {"DEFAULT", "cinder_internal_tenant_project_id", T::Str, &c.cinder_internal_tenant_project_id},
        {"DEFAULT", "cinder_internal_tenant_user_id", T::Str, &c.cinder_internal_tenant_user_id},
        {"DEFAULT", "image_volume_cache_max_count", T::Int, &c.image_volume_cache_max_count},
        {"DEFAULT", "volume_clear", T::Str, &c.volume_clear},
        {"DEFAULT", "volume_clear_size", T::Int, &c.volume_clear_size},
        {"DEFAULT", "max_over_subscription_ratio", T::Num, &c.max_over_subscription_ratio},
        {"DEFAULT", "reserved_percentage", T::Int, &c.reserved_percentage},
        {"DEFAULT", "executor_thread_pool_size", T::Int, &c.executor_thread_pool_size},
        {"DEFAULT", "volume_copy_bps_limit", T::Num, &c.volume_copy_bps_limit},
        {"DEFAULT", "quota_volumes", T::Int, &c.quota_volumes},
        {"DEFAULT", "quota_gigabytes", T::Int, &c.quota_gigabytes},
        {"DEFAULT", "quota_snapshots", T::Int, &c.quota_snapshots},
        {"DEFAULT", "per_volume_size_limit", T::Int, &c.per_volume_size_limit},
        {"DEFAULT", "rpc_response_timeout", T::Num, &c.rpc_response_timeout},
        {"DEFAULT", "default_volume_type", T::Str, &s.cloud.default_volume_type},
        {"DEFAULT", "osapi_volume_workers", T::Int, &ip.cinder_api.workers},
        {"database", "max_pool_size", T::Int, &cinder_db.max_pool_size},
        {"database", "max_overflow", T::Int, &cinder_db.max_overflow},
        {"database", "pool_timeout", T::Num, &cinder_db.pool_timeout},
        {"timing", "api_service_time", T::Time, &c.api_service_time},
        {"timing", "scheduler_time", T::Time, &c.scheduler_time},
        {"timing", "lvcreate_time", T::Time, &c.lvcreate_time},
        {"timing", "rbd_clone_time", T::Time, &c.rbd_clone_time},
        {"timing", "lvm_thin_snapshot_time", T::Time, &c.lvm_thin_snapshot_time},
        {"timing", "export_create_time", T::Time, &c.export_create_time},
        {"timing", "export_remove_time", T::Time, &c.export_remove_time},
        {"timing", "delete_time", T::Time, &c.delete_time},
        {"timing", "volume_op_cpu", T::Time, &c.volume_op_cpu},
        {"timing", "qemu_img_info_time", T::Time, &c.qemu_img_info_time},
        {"timing", "glance_client_cap", T::Rate, &c.glance_client_cap_Bps},
        {"timing", "qemu_img_flops_per_byte", T::Num, &c.qemu_img_flops_per_byte},
        {"timing", "zero_fraction", T::Num, &c.zero_fraction},
    }, {
        {"DEFAULT", "scheduler_max_attempts",
         "cinder-scheduler's reschedule of a failed create to another backend is not modelled: a create that fails "
         "on its backend ends in error"},
        {"DEFAULT", "rbd_max_clone_depth",
         "modelled RBD volumes are clones of a Glance image or of a cache entry, two levels at most, below any "
         "depth that makes Cinder flatten; volume-from-volume clones are not modelled"},
    });
  }
  s.cinder_api.per_volume_size_limit = c.per_volume_size_limit;
  auto cinder_node = cfg.opt("cinder");
  require_min(cinder_node, "DEFAULT", "osapi_volume_workers", ip.cinder_api.workers, 0, "at least 1 (0 or unset: the CPU count)");
  require_min(cinder_node, "DEFAULT", "executor_thread_pool_size", c.executor_thread_pool_size, 1, "at least 1");
  require_min(cinder_node, "database", "max_overflow", cinder_db.max_overflow, -1, "at least -1 (-1: no limit)");
  require_min(cinder_node, "database", "max_pool_size", cinder_db.max_pool_size, 0, "at least 0 (0: no limit)");
  require_min(cinder_node, "database", "pool_timeout", cinder_db.pool_timeout, 0, "at least 0 s");
  cinder_db.to(ip.cinder_api);
  cinder_db.to(ip.cinder_scheduler);
  ip.cinder_scheduler.threads = c.executor_thread_pool_size;
  auto& g = s.glance;
  if (auto glance = cfg.opt("glance")) {
    int64_t cap = g.image_size_cap, quota = g.user_storage_quota;
    double capd = static_cast<double>(cap), quotad = static_cast<double>(quota);
    bind(*glance, {
        {"DEFAULT", "image_size_cap", T::Num, &capd},
        {"DEFAULT", "user_storage_quota", T::Num, &quotad},
        {"DEFAULT", "show_image_direct_url", T::Bool, &g.show_image_direct_url},
        {"DEFAULT", "workers", T::Int, &ip.glance_api.workers},
        {"database", "max_pool_size", T::Int, &glance_db.max_pool_size},
        {"database", "max_overflow", T::Int, &glance_db.max_overflow},
        {"database", "pool_timeout", T::Num, &glance_db.pool_timeout},
        {"timing", "api_service_time", T::Time, &g.api_service_time},
    });
    g.image_size_cap = static_cast<int64_t>(capd);
    g.user_storage_quota = static_cast<int64_t>(quotad);
  }
  auto glance_node = cfg.opt("glance");
  require_min(glance_node, "DEFAULT", "workers", ip.glance_api.workers, 0, "at least 1 (0 or unset: min(CPU count, 8))");
  require_min(glance_node, "database", "max_overflow", glance_db.max_overflow, -1, "at least -1 (-1: no limit)");
  require_min(glance_node, "database", "max_pool_size", glance_db.max_pool_size, 0, "at least 0 (0: no limit)");
  glance_db.to(ip.glance_api);
  s.glance_api.image_size_cap = g.image_size_cap;
  s.glance_api.user_storage_quota = g.user_storage_quota;
  if (auto infra = cfg.opt("infra")) {
    infra->allow_keys(scn::kInfra);
    s.infra.rabbit_hop_time = infra->time_or("rabbit_hop_time", s.infra.rabbit_hop_time);
    s.infra.http_overhead = infra->time_or("http_overhead", s.infra.http_overhead);
    s.infra.db_query_time = infra->time_or("db_query_time", s.infra.db_query_time);
  }
}

std::vector<ModelledOption> modelled_options(const std::string& service) {
  std::vector<ModelledOption> out;
  Scenario scratch;
  g_collect = &out;
  try {
    load_config(scn::load_string("{" + service + ": {}}", "(options)"), scratch);
  } catch (...) {
    g_collect = nullptr;
    throw;
  }
  g_collect = nullptr;
  return out;
}

}  // namespace bfv

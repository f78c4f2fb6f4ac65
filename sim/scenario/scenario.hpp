// The typed scenario: what the strict loader produces and everything downstream consumes.
// Topology quantities are in SI base units (bytes, bytes/s, seconds, flop/s); the cloud
// section keeps the OpenStack APIs' own units (see models/semantics/cloud.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/cinder/params.hpp"
#include "models/glance/params.hpp"
#include "models/infra/params.hpp"
#include "models/nova/params.hpp"
#include "models/semantics/cloud.hpp"
#include "sim/scenario/settings.hpp"

namespace bfv {

struct LinkSpec {
  double bandwidth_Bps = 1.25e9;   // bytes/s
  double latency_s = 50e-6;        // s, one way
};
struct DiskSpec {
  double read_Bps = 500e6;
  double write_Bps = 400e6;
  double size_bytes = 4e12;
};
struct HostSpec {
  std::string name;
  int cores = 8;
  double speed_flops = 2e9;        // per core
  LinkSpec nic;                    // host <-> its switch
  DiskSpec disk;                   // local disk (computes: instances path; cinder-volume: conversion dir)
};
struct ComputeSpec : HostSpec {
  int ram_mb = 65536;              // MEMORY_MB inventory
  int vcpus = 16;                  // VCPU inventory (before allocation ratio)
  int disk_gb = 1000;              // DISK_GB inventory
  std::string availability_zone = "nova";
  std::string rack;
};
struct RackSpec {
  std::string name;
  LinkSpec uplink;                 // top-of-rack <-> spine
  std::vector<ComputeSpec> computes;
};
struct CinderBackendSpec {
  std::string name;                // backend name (volume_backend_name); host "cinder-volume@<name>"
  std::string driver = "lvm";      // lvm | rbd
  std::string lvm_type = "thick";  // thick | thin (lvm only)
  double capacity_gb = 10000;      // total_capacity_gb reported to the scheduler
  HostSpec host;                   // cinder-volume host (LVM: owns the VG disk; RBD: the RBD client)
  DiskSpec conversion_disk;        // image_conversion_dir
  DiskSpec volume_disk;            // LVM volume group (ignored for rbd: data goes to the Ceph cluster)
  std::string availability_zone = "nova";
  std::optional<bool> image_volume_cache_enabled;  // per-backend override of the DEFAULT option
  std::optional<int> image_volume_cache_max_size_gb;
  std::optional<int> image_volume_cache_max_count;
  std::optional<std::string> volume_clear;
  std::optional<double> max_over_subscription_ratio;
};
struct CephSpec {
  bool present = false;
  std::string fsid = "ceph";
  LinkSpec nic;                    // aggregate cluster front-end network
  DiskSpec disk;                   // aggregate OSD throughput (replication already accounted)
};
struct Topology {
  std::string network_model = "CM02";   // SimGrid network/model; see docs/timing-model.md
  LinkSpec spine;
  HostSpec controller;                  // nova-api, conductor, scheduler, placement, rabbitmq, DB, cinder-api, cinder-scheduler
  int controllers = 1;                  // 1, or N identical controllers behind a load balancer (controller-1..N; DB and broker on the first)
  LinkSpec control_uplink;              // control rack <-> spine
  HostSpec glance;                      // glance-api + file store (its disk)
  std::string glance_store = "file";    // file | rbd
  CephSpec ceph;
  std::vector<CinderBackendSpec> cinder_backends;
  std::vector<RackSpec> racks;
};

struct ProjectSpec {
  std::string id;
  sem::NovaQuota nova;
  sem::CinderQuota cinder;
};

struct ArrivalSpec {
  // burst | constant | poisson | ramp | rally_constant | rally_rps | rally_constant_for_duration | rally_serial
  std::string kind = "burst";
  double start_s = 0;
  double rate_per_s = 1;        // constant, poisson, rally_rps
  double rate_end_per_s = 1;    // ramp end rate
  double duration_s = 0;        // ramp, rally_constant_for_duration
  int concurrency = 1;          // rally_constant*
};
struct ThenSpec {
  std::string kind = "keep";    // keep | delete_after | delete_when_all_up
  double delay_s = 0;
};
struct StreamSpec {
  std::string where;            // file:line of the stream, for messages
  std::string name;
  std::string project = "demo";
  std::string microversion = "2.1";
  std::string kind = "server";  // server | image_upload | volume_create (Rally CinderVolumes.*) | volume (`volume:` stream)
  nlohmann::json body;          // POST /servers (or /v2/images, /volumes) body as sent
  std::string cli;              // or an `openstack server create` / `nova boot` command line
  double upload_bytes = 0;      // image_upload: bytes PUT to /file
  int count = 1;
  ArrivalSpec arrival;
  ThenSpec then;
  // Rally task streams (sim/scenario/rally_task.cpp): iteration k runs as rally_projects[k % n]
  // (Rally's users context round-robin), and each iteration waits on Rally's poll grid
  // (boot: 1 s pre-poll + 2 s polls, timeout 300 s; delete: 2 s + 2 s polls) before going on.
  std::vector<std::string> rally_projects;
  bool rally_polling = false;
  // What one Rally iteration (or one `volume:` stream request) does, in order
  // (sim/runtime/workload.cpp::rally_iteration; sim/scenario/rally_task.cpp fills it per scenario).
  struct Steps {
    std::string scenario;               // Rally scenario name ("" for a `volume:` stream)
    int workload = -1;                  // position in the Rally task: workloads run one after another
    bool volume_first = false;          // boot_server_from_volume*: cinder_v3.create_volume (imageRef), then boot from it
    bool boot = false;                  // nova.boot_server
    bool create_volume = false;         // cinder_v3.create_volume (after the boot, or alone)
    bool attach = false;                // nova.attach_volume + (sleep) + nova.detach_volume
    bool delete_volume = false;         // cinder_v3.delete_volume
    bool delete_server = false;         // nova.delete_server
    double sleep_min_s = 0, sleep_max_s = 0;  // Rally's sleep_between: uniform(min, max) from the seeded RNG
    int size_min_gb = 0, size_max_gb = 0;     // volume size; {min, max}: random.randint per iteration
    std::optional<std::string> volume_image;  // volume from this image id
    std::string volume_type, volume_az;
    std::string cinder_prefix = "cinder_v3";  // atomic-action prefix (api_versions cinder 2 -> cinder_v2)
    // `volume:` streams (not Rally): attach to the server of stream attach_to with the same index,
    // hold it attached hold_s, and poll statuses every poll_s (the client's loop).
    std::string attach_to;
    double hold_s = 0, poll_s = 1;
  } steps;
  // Rally context `volumes` (rally_openstack/task/contexts/cinder/volumes.py): created per tenant
  // before the workload starts (setup time is simulated, not timed in the table).
  int ctx_volumes_per_tenant = 0, ctx_volume_size = 0;
  std::string ctx_volume_type;
};

struct FaultSpec {
  std::string where;
  double at_s = 0;
  std::string kind;             // compute_down | compute_up | spawn_fail | spawn_ok | link_degrade | link_restore | backend_down | backend_up | glance_slow | bus_delay
  std::string target;           // host / link / backend name
  double factor = 1;            // link_degrade: bandwidth multiplier (0.1 = 10%); glance_slow: store reads cost factor x more
  double delay_s = 0;           // bus_delay
  std::string message;          // spawn_fail: the libvirt error every spawn on the host raises
};

struct Expectation {
  std::string where;            // file:line:col, for failure messages
  std::string text;             // the expectation as written (one line)
  nlohmann::json spec;          // parsed keys (checked by sim/runtime/expectations.cpp)
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  uint64_t seed = 1;
  Topology topology;
  sem::CloudState cloud;
  sem::NovaConfig nova_api;     // what nova-api accepts
  sem::CinderConfig cinder_api;
  sem::GlanceConfig glance_api;
  sem::NovaQuota nova_quota_default;   // [quota] instances/cores/ram in nova.conf
  nova::Params nova;
  cinder::Params cinder;
  glance::Params glance;
  infra::Params infra;
  std::vector<ProjectSpec> projects;
  std::vector<StreamSpec> workload;
  std::vector<FaultSpec> faults;
  std::vector<Expectation> expect;
  double sample_interval_s = 1; // utilization sampling period for reports
  double end_after_s = 0;       // 0 = run until every request reaches a terminal state
  std::vector<AppliedSetting> applied_settings;     // --set and ini options applied over the file (docs/whatif.md)
  std::vector<UnmodelledOption> options_not_modelled;  // ini options present but not modelled

  // A project with the cloud's default quotas ([quota] in nova.conf, quota_* in cinder.conf).
  ProjectSpec default_project(const std::string& id) const {
    ProjectSpec ps;
    ps.id = id;
    ps.nova = nova_quota_default;
    ps.cinder.volumes = cinder.quota_volumes;
    ps.cinder.gigabytes = cinder.quota_gigabytes;
    ps.cinder.snapshots = cinder.quota_snapshots;
    return ps;
  }
  // The project with this id, or null.
  const ProjectSpec* project(const std::string& id) const {
    for (const auto& p : projects)
      if (p.id == id) return &p;
    return nullptr;
  }
};

// Loads and validates a scenario file; throws scn::ScenarioError naming file:line:col and key path.
Scenario load_scenario(const std::string& path);
Scenario load_scenario_text(const std::string& text, const std::string& display_name);

// What-if inputs applied to the YAML tree before the same strict loader reads it (sim/scenario/overrides.cpp):
// the cloud's ini files first (file beats scenario), then --set PATH=VALUE (beats both).
struct LoadOptions {
  std::vector<std::string> sets;                                  // "PATH=VALUE", in command-line order
  std::vector<std::pair<std::string, std::string>> conf_files;    // (service, file): nova, cinder, glance, placement
  bool empty() const { return sets.empty() && conf_files.empty(); }
};
Scenario load_scenario(const std::string& path, const LoadOptions& opt);

}  // namespace bfv

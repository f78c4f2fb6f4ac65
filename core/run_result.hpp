// What a run leaves behind: per-request records, the final state of volumes and quotas,
// the resources that were modelled, and the event log. Report writers read only this.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/enum.hpp"
#include "core/event_log.hpp"
#include "core/phase_name.hpp"
#include "core/settings.hpp"
#include "core/shared.hpp"

namespace bfv {

// Where a request ended (report.json "final_status"). Build is Nova's BUILD (vm_state building): the
// create was accepted and the build still runs; every request leaves the run in one of the other four
// (sim/runtime/workload.cpp::finalize turns what is still building at end_after into ERROR).
// None: not submitted yet.
enum class FinalStatus : uint8_t { None, Build, Active, Error, Deleted, Rejected };
constexpr std::string_view name(FinalStatus s) {
  switch (s) {
    case FinalStatus::None: return "";
    case FinalStatus::Build: return "BUILD";
    case FinalStatus::Active: return "ACTIVE";
    case FinalStatus::Error: return "ERROR";
    case FinalStatus::Deleted: return "DELETED";
    case FinalStatus::Rejected: return "REJECTED";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<FinalStatus> = 6;

// What a request is: POST /servers, a Glance image create + upload, or a Cinder volume create.
enum class RequestKind : uint8_t { ServerCreate, ImageCreate, VolumeCreate };
constexpr std::string_view name(RequestKind k) {
  switch (k) {
    case RequestKind::ServerCreate: return "server_create";
    case RequestKind::ImageCreate: return "image_create";
    case RequestKind::VolumeCreate: return "volume_create";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<RequestKind> = 3;

// How cinder-volume made a request's boot volume (cinder/volume/flows/manager/create_volume.py):
// RBD clone of the image, image-volume cache hit (clone) or miss (fill), generic download, blank,
// from a snapshot. None: no volume made for it (a pre-existing volume, an image-backed boot).
enum class CinderPath : uint8_t { None, RbdClone, CacheClone, CacheFill, Download, Blank, Snapshot };
constexpr std::string_view name(CinderPath p) {
  switch (p) {
    case CinderPath::None: return "";
    case CinderPath::RbdClone: return "rbd_clone";
    case CinderPath::CacheClone: return "cache_clone";
    case CinderPath::CacheFill: return "cache_fill";
    case CinderPath::Download: return "download";
    case CinderPath::Blank: return "blank";
    case CinderPath::Snapshot: return "snapshot";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<CinderPath> = 7;

// A request's BDM list before nova-api normalized one: "[]", one value for every record.
inline const Shared<std::string>& no_bdms() {
  static const Shared<std::string> v(std::string("[]"));
  return v;
}

// One request of the workload: a server create (or a Glance / Cinder call) and its fate.
struct RequestRecord {
  int id = 0;           // 0-based, in submission order
  std::string name;     // server name as submitted (with -N suffix for count > 1)
  std::string stream;   // workload stream it came from
  std::string project;  // project (tenant) id
  RequestKind kind = RequestKind::ServerCreate;
  int api_status = 0;                    // HTTP status nova-api answered (202, 400, 403, ...)
  std::optional<std::string> api_error;  // message when api_status >= 400
  FinalStatus final_status = FinalStatus::None;
  std::optional<std::string> fault;  // instance fault message when ERROR
  // normalized BDMs as compact JSON text, embedded verbatim in report.json (docs/report-json.md); text,
  // not a json tree: 10x smaller per request; and shared by the requests of one body (core/shared.hpp)
  Shared<std::string> bdms = no_bdms();
  // phase name -> simulated seconds, in flow order; names interned (core/phase_name.hpp): 16 bytes a phase
  std::vector<std::pair<PhaseName, double>> phases;
  double t_submit = 0;                       // simulated seconds
  std::optional<double> t_active;            // when the instance became ACTIVE
  std::optional<double> t_deleted;           // when the delete finished
  std::optional<double> t_delete_requested;  // when the client sent DELETE (Rally streams only; not in reports)
  std::string host;                          // compute host it ended on ("" if none)
  int attempts = 0;                          // build attempts (1 + reschedules)
  std::vector<std::string> bdm_volume_ids;   // per normalized BDM: the Cinder volume it held at the end ("" = none)
  int volume_creates = 0;                    // POST /volumes nova-compute made for it, over all build attempts
  int image_downloads = 0;                   // Glance downloads cinder-volume made for its volumes (generic path)
  // placement allocation held at the end of the run (GET /allocations/{consumer}); none once freed
  struct Allocation {
    std::string provider;
    int vcpu = 0, memory_mb = 0, disk_gb = 0;
  };
  std::optional<Allocation> allocation;
  CinderPath cinder_path = CinderPath::None;  // how its boot volume was made
};

// One Rally iteration as rally/task/runner.py::_run_scenario_once records it: start, duration,
// error, and its atomic actions (rally/task/atomic.py::ActionTimerMixin) in the order they ran.
struct RallyAtomic {
  std::string name;                        // nova.boot_server, cinder_v3.create_volume, ...
  double started_at = 0, finished_at = 0;  // simulated seconds
  bool failed = false;
};
struct RallyIteration {
  std::string stream;              // the workload stream (one per Rally workload)
  int index = 0;                   // iteration number, 0-based
  double timestamp = 0;            // simulated seconds when it started
  double duration = 0;             // s, to the end of its last action (or its failure)
  double idle_duration = 0;        // s spent in sleep_between
  std::vector<std::string> error;  // [] or [type, message, traceback] as Rally stores it
  std::vector<RallyAtomic> atomic_actions;
};

// When a Rally workload ran: from its contexts' setup to its last iteration (Rally's full duration).
struct RallyWorkloadRun {
  std::string stream;
  double started_at = 0, finished_at = 0;  // simulated seconds
};

// A Cinder volume as it stands at the end of the run.
struct VolumeRecord {
  std::string id;
  int size_gb = 0;
  std::string source;         // "image:<id>", "snapshot:<id>", "volume:<id>", "blank", "preexisting"
  std::string status_at_end;  // available | in-use | error | deleted | creating | downloading | ...
  std::string backend;
  std::string volume_type;
  std::string project;
  std::optional<int> request;        // request that created it
  std::optional<std::string> error;  // why it is in `error` (NoValidBackend, ImageTooBig/ENOSPC, ...)
};

// A modelled shared resource, for utilization charts and the "where the time went" summary.
// What a declared resource is (report.json utilization "kind").
// Pool: a resource counted in slots (reports/stats.cpp shows no fraction for it).
enum class ResourceKind : uint8_t { Link, Disk, Cpu, Pool };
constexpr std::string_view name(ResourceKind k) {
  switch (k) {
    case ResourceKind::Link: return "link";
    case ResourceKind::Disk: return "disk";
    case ResourceKind::Cpu: return "cpu";
    case ResourceKind::Pool: return "pool";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<ResourceKind> = 4;

struct ResourceInfo {
  std::string name;  // same string as used in Span::resource / Sample::resource
  ResourceKind kind = ResourceKind::Link;
  double capacity = 0;  // bytes/s for link and disk, flop/s for cpu, slots for pool
};

struct QuotaUsage {
  std::string project;
  std::string service;   // nova | cinder
  std::string resource;  // instances, cores, ram, volumes, gigabytes, ...
  long long in_use = 0;
  long long limit = -1;  // -1 = unlimited
};

// What SimGrid was asked to do, counted from its own signals (Actor::on_creation/on_sleep/on_wake_up,
// Comm/Exec/Io::on_start). bench/floor.cpp replays the same amounts on the same platform without
// OpenStack logic, to measure what the model costs above SimGrid itself.
struct SimgridWork {
  uint64_t actors = 0, sleeps = 0, comms = 0, execs = 0, ios = 0;
  double sleep_s = 0;  // simulated seconds slept, summed over all sleeps
  double comm_bytes = 0, exec_flops = 0, io_bytes = 0;
};

struct RunResult {
  std::string scenario;  // scenario name
  std::string scenario_file;
  std::string description;  // the scenario's `description`, shown in the reports
  uint64_t seed = 0;
  std::string version = BFVSIM_VERSION;
  double sim_end = 0;                             // simulated seconds when the last event happened
  double wall_seconds = 0;                        // never written into byte-identical outputs
  std::vector<std::string> invariant_violations;  // sim/runtime/invariants.hpp; empty when the end state is consistent
  // The flow aggregator's counts (core/platform/flows.hpp; all 0 with --flow-model per-flow): transfers,
  // transfers folded into an aggregate, aggregate Comms, most members of one route at once. Printed
  // by --timings; not written into the reports (they do not depend on the flow model).
  struct FlowCounts {
    bool aggregate = false;
    uint64_t members = 0, folded = 0, aggregates = 0, max_population = 0;
  } flows;
  uint64_t simgrid_activities = 0;  // Comm + Exec + Io started
  SimgridWork work;
  std::vector<AppliedSetting> overrides;               // --set and ini options applied (report.json "overrides")
  std::vector<UnmodelledOption> options_not_modelled;  // ini options present, not modelled
  std::vector<RequestRecord> requests;
  std::vector<RallyIteration> rally_iterations;   // Rally task streams and `volume:` streams, in completion order
  std::vector<RallyWorkloadRun> rally_workloads;  // in run order
  std::vector<VolumeRecord> volumes;
  std::vector<QuotaUsage> quotas;
  std::vector<ResourceInfo> resources;
  EventLog log;
};

}  // namespace bfv

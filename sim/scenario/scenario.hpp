// The typed scenario: what the strict loader produces and everything downstream consumes.
// Topology quantities are in SI base units (bytes, bytes/s, seconds, flop/s); the cloud
// section keeps the OpenStack APIs' own units (see models/semantics/cloud.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/cinder/params.hpp"
#include "models/glance/params.hpp"
#include "models/infra/params.hpp"
#include "models/nova/params.hpp"
#include "models/semantics/cloud.hpp"
#include "core/platform/topology.hpp"
#include "core/settings.hpp"

namespace bfv {

using ProjectSpec = sem::ProjectQuotas;  // models/semantics/cloud.hpp

// workload[].arrival.type (docs/scenario-format.md); the rally_* ones are Rally's runners
// (rally/plugins/task/runners/{constant,rps,serial}.py), set by sim/scenario/rally_task.cpp.
enum class ArrivalKind : uint8_t {
  Burst,
  Constant,
  Poisson,
  Ramp,
  RallyConstant,
  RallyRps,
  RallyConstantForDuration,
  RallySerial
};
constexpr std::string_view name(ArrivalKind k) {
  switch (k) {
    case ArrivalKind::Burst: return "burst";
    case ArrivalKind::Constant: return "constant";
    case ArrivalKind::Poisson: return "poisson";
    case ArrivalKind::Ramp: return "ramp";
    case ArrivalKind::RallyConstant: return "rally_constant";
    case ArrivalKind::RallyRps: return "rally_rps";
    case ArrivalKind::RallyConstantForDuration: return "rally_constant_for_duration";
    case ArrivalKind::RallySerial: return "rally_serial";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<ArrivalKind> = 8;
// Rally's closed-loop runners: a fixed number of workers, each starting its next iteration when the
// last one ends (rally_rps is open-loop: it starts iterations at a rate).
constexpr bool closed_loop(ArrivalKind k) {
  return k == ArrivalKind::RallyConstant || k == ArrivalKind::RallyConstantForDuration || k == ArrivalKind::RallySerial;
}
constexpr bool is_rally(ArrivalKind k) { return closed_loop(k) || k == ArrivalKind::RallyRps; }

// workload[].then: what happens to a stream's servers once they are up.
enum class ThenKind : uint8_t { Keep, DeleteAfter, DeleteWhenAllUp };
constexpr std::string_view name(ThenKind k) {
  switch (k) {
    case ThenKind::Keep: return "keep";
    case ThenKind::DeleteAfter: return "delete_after";
    case ThenKind::DeleteWhenAllUp: return "delete_when_all_up";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<ThenKind> = 3;

// What a workload stream submits: server creates (a body or a CLI line), Glance image uploads,
// `volume:` streams (create / attach / detach / delete), or a Rally workload's iterations.
enum class StreamKind : uint8_t { Server, ImageUpload, Volume, Rally };
constexpr std::string_view name(StreamKind k) {
  switch (k) {
    case StreamKind::Server: return "server";
    case StreamKind::ImageUpload: return "image_upload";
    case StreamKind::Volume: return "volume";
    case StreamKind::Rally: return "rally";
  }
  return "";
}
template <>
inline constexpr int kEnumSize<StreamKind> = 4;

struct ArrivalSpec {
  ArrivalKind kind = ArrivalKind::Burst;
  double start_s = 0;
  double rate_per_s = 1;      // constant, poisson, rally_rps
  double rate_end_per_s = 1;  // ramp end rate
  double duration_s = 0;      // ramp, rally_constant_for_duration
  int concurrency = 1;        // rally_constant*
};
struct ThenSpec {
  ThenKind kind = ThenKind::Keep;
  double delay_s = 0;
};
struct StreamSpec {
  std::string where;  // file:line of the stream, for messages
  std::string name;
  std::string project = "demo";
  std::string microversion = "2.1";
  StreamKind kind = StreamKind::Server;
  nlohmann::json body;      // POST /servers (or /v2/images, /volumes) body as sent
  std::string cli;          // or an `openstack server create` / `nova boot` command line
  double upload_bytes = 0;  // image_upload: bytes PUT to /file
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
    std::string scenario;        // Rally scenario name ("" for a `volume:` stream)
    int workload = -1;           // position in the Rally task: workloads run one after another
    bool volume_first = false;   // boot_server_from_volume*: cinder_v3.create_volume (imageRef), then boot from it
    bool boot = false;           // nova.boot_server
    bool create_volume = false;  // cinder_v3.create_volume (after the boot, or alone)
    bool attach = false;         // nova.attach_volume + (sleep) + nova.detach_volume
    bool delete_volume = false;  // cinder_v3.delete_volume
    bool delete_server = false;  // nova.delete_server
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

// faults[]: what each kind does (sim/runtime/run.cpp::apply_fault visits them; a kind left out
// there does not compile). The loader checks every target against the topology.
namespace fault {
struct ComputeDown {
  std::string host;
};  // nova-compute stops: the scheduler's filters drop it
struct ComputeUp {
  std::string host;
};
struct SpawnFail {
  std::string host;
  std::string message;
};  // every spawn on the host raises this libvirt error
struct SpawnOk {
  std::string host;
};
struct LinkDegrade {
  std::string link;
  double factor = 1;
};  // bandwidth multiplier (0.1 = 10 %; 0 = 1 B/s)
struct LinkRestore {
  std::string link;
};
struct BackendDown {
  std::string backend;
};  // cinder-volume@backend stops taking work
struct BackendUp {
  std::string backend;
};
struct GlanceSlow {
  std::string target;
  double factor = 1;
};  // store reads cost factor x more
struct BusDelay {
  double delay_s = 0;
};  // extra delay on every RPC message
}  // namespace fault
using Fault =
    std::variant<fault::ComputeDown, fault::ComputeUp, fault::SpawnFail, fault::SpawnOk, fault::LinkDegrade,
                 fault::LinkRestore, fault::BackendDown, fault::BackendUp, fault::GlanceSlow, fault::BusDelay>;
// The kind as written in the scenario ("compute_down", ...), in the variant's order.
inline constexpr std::string_view kFaultKindNames[] = {"compute_down", "compute_up",   "spawn_fail",   "spawn_ok",
                                                       "link_degrade", "link_restore", "backend_down", "backend_up",
                                                       "glance_slow",  "bus_delay"};
static_assert(std::size(kFaultKindNames) == std::variant_size_v<Fault>);
inline std::string_view fault_kind(const Fault& f) { return kFaultKindNames[f.index()]; }
// What the fault acts on: a host, link or backend name (glance_slow: as written; bus_delay: none).
std::string fault_target(const Fault& f);

struct FaultSpec {
  std::string where;
  double at_s = 0;
  Fault what;
};

struct Expectation {
  std::string where;    // file:line:col, for failure messages
  std::string text;     // the expectation as written (one line)
  nlohmann::json spec;  // parsed keys (checked by sim/runtime/expectations.cpp)
};

struct Scenario {
  std::string file;
  std::string name;
  std::string description;
  uint64_t seed = 1;
  Topology topology;
  sem::CloudState cloud;
  // The services' options (config.<service>), each declared once by its describe() in
  // models/<service>/params.hpp: nova.api / cinder.api / glance.api are what the APIs accept,
  // nova.quota the default project quota ([quota] in nova.conf).
  nova::Params nova;
  cinder::Params cinder;
  glance::Params glance;
  infra::Params infra;
  std::vector<ProjectSpec> projects;
  std::vector<StreamSpec> workload;
  std::vector<FaultSpec> faults;
  std::vector<Expectation> expect;
  double sample_interval_s = 1;                        // utilization sampling period for reports
  double end_after_s = 0;                              // 0 = run until every request reaches a terminal state
  std::vector<AppliedSetting> applied_settings;        // --set and ini options applied over the file (docs/whatif.md)
  std::vector<UnmodelledOption> options_not_modelled;  // ini options present but not modelled

  // A project with the cloud's default quotas ([quota] in nova.conf, quota_* in cinder.conf).
  ProjectSpec default_project(const std::string& id) const {
    ProjectSpec ps;
    ps.id = id;
    ps.nova = nova.quota;
    ps.cinder.volumes = cinder.quota_volumes;
    ps.cinder.gigabytes = cinder.quota_gigabytes;
    ps.cinder.snapshots = cinder.quota_snapshots;
    return ps;
  }
  // How many requests the workload submits (counts of every stream; sizes the engine's stacks).
  int64_t request_count() const {
    int64_t n = 0;
    for (const auto& st : workload) n += st.count;
    return n;
  }
};

// Loads and validates a scenario file; throws scn::ScenarioError naming file:line:col and key path.
Scenario load_scenario(const std::string& path);
Scenario load_scenario_text(const std::string& text, const std::string& display_name);

// What-if inputs applied to the YAML tree before the same strict loader reads it (sim/scenario/overrides.cpp):
// the cloud's ini files first (file beats scenario), then --set PATH=VALUE (beats both).
struct LoadOptions {
  std::vector<std::string> sets;                                // "PATH=VALUE", in command-line order
  std::vector<std::pair<std::string, std::string>> conf_files;  // (service, file): nova, cinder, glance, placement
  bool empty() const { return sets.empty() && conf_files.empty(); }
};
Scenario load_scenario(const std::string& path, const LoadOptions& opt);

}  // namespace bfv

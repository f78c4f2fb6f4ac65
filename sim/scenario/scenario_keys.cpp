// The scenario format's keys, declared once (see scenario_keys.hpp). Docs in docs/scenario-format.md.
#include "sim/scenario/scenario_keys.hpp"

#include <stdexcept>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/limits.hpp"

namespace bfv::scn {

std::vector<std::string> Shape::names() const {
  std::vector<std::string> out;
  for (const auto& k : keys) out.push_back(k.name);
  return out;
}

const Key& Shape::key(const std::string& name) const {
  for (const auto& k : keys)
    if (k.name == name) return k;
  throw std::logic_error("scenario_keys: " + title + " declares no key '" + name + "'");
}

namespace {
using K = KeyType;
Shape extend(const Shape& base, std::string title, std::vector<Key> more) {
  Shape s = base;
  s.title = std::move(title);
  s.keys.insert(s.keys.end(), more.begin(), more.end());
  return s;
}
}  // namespace

const std::vector<std::string> kNetworkModels = enum_names<NetworkModel>();
const std::vector<std::string> kStores = enum_names<GlanceStore>();
const std::vector<std::string> kBackendDrivers = enum_names<CinderDriver>();
const std::vector<std::string> kLvmTypes = enum_names<LvmType>();
const std::vector<std::string> kArrivalTypes = enum_names<ArrivalKind>();
const std::vector<std::string> kFaultKinds(std::begin(kFaultKindNames), std::end(kFaultKindNames));
const std::vector<std::string> kThenForms{"keep", "delete_when_all_up"};
const std::vector<std::string> kConfigServices{"nova", "cinder", "glance", "placement", "infra"};

// ---- topology ----
const Shape kLink{"link",
                  {
                      {"bandwidth", K::Rate, false, "link bandwidth, e.g. \"10Gbps\""},
                      {"latency", K::Time, false, "link latency, e.g. \"50us\""},
                  }};
const Shape kDisk{"disk",
                  {
                      {"read", K::Rate, false, "read bandwidth, e.g. \"1GBps\""},
                      {"write", K::Rate, false, "write bandwidth, e.g. \"800MBps\""},
                      {"size", K::Size, false, "capacity, e.g. \"20TB\""},
                  }};
const Shape kHost{"host",
                  {
                      {"cores", K::Int, false, "CPU cores (at least 1)"},
                      {"speed", K::Flops, false, "per-core speed, e.g. \"2.5Gf\" (flops per second)"},
                      {"nic", K::Object, false, "the host's NIC", {}, &kLink},
                      {"disk", K::Object, false, "the host's disk", {}, &kDisk},
                  }};
const Shape kController = extend(
    kHost, "controller",
    {
        {"count", K::Int, false, "controllers behind one VIP (1; 3 is the usual HA deployment)", {}, nullptr, 1, 9},
    });
const Shape kGlanceHost =
    extend(kHost, "glance host",
           {
               {"store", K::Str, false, "Glance store: file (default) or rbd (needs ceph)", kStores},
           });
const Shape kCeph{"ceph",
                  {
                      {"fsid", K::Str, false, "cluster fsid (default ceph)"},
                      {"nic", K::Object, false, "the cluster's network", {}, &kLink},
                      {"disk", K::Object, false, "the cluster's aggregate OSD bandwidth and size", {}, &kDisk},
                  }};
const Shape kCinderBackend{
    "Cinder backend",
    {
        {"name", K::Str, true, "backend name (cinder.conf section, volume_backend_name)"},
        {"driver", K::Str, false, "lvm (default) or rbd (needs ceph)", kBackendDrivers},
        {"lvm_type", K::Str, false, "LVM: thick (default) or thin", kLvmTypes},
        {"capacity_gb", K::Num, false, "capacity in GB (10000)"},
        {"host", K::Object, false, "the cinder-volume host", {}, &kHost},
        {"conversion_disk", K::Object, false, "image_conversion_dir's disk", {}, &kDisk},
        {"volume_disk", K::Object, false, "the volume group's disk", {}, &kDisk},
        {"availability_zone", K::Str, false, "backend availability zone (nova)"},
        {"image_volume_cache_enabled", K::Bool, false, "per-backend image-volume cache"},
        {"image_volume_cache_max_size_gb", K::Int, false, "per-backend cache size limit (GB, 0 = none)"},
        {"image_volume_cache_max_count", K::Int, false, "per-backend cache entry limit (0 = none)"},
        {"volume_clear", K::Str, false, "what a delete does to an LVM volume: zero or none"},
        {"max_over_subscription_ratio", K::Num, false, "thin provisioning over-subscription"},
    }};
const Shape kComputes =
    extend(kHost, "computes",
           {
               {"count", K::Int, false, "computes per rack (1)", {}, nullptr, 1, limits::kMaxComputes},
               {"prefix", K::Str, false, "host name prefix (cmp)"},
               {"vcpus", K::Int, false, "vCPUs placement sees (= cores)"},
               {"ram_mb", K::Int, false, "RAM placement sees, MB (131072)"},
               {"disk_gb", K::Int, false, "local disk placement sees, GB (2000)"},
               {"availability_zone", K::Str, false, "the computes' availability zone (nova)"},
           });
const Shape kRack{"rack",
                  {
                      {"name", K::Str, true, "rack name (with count > 1: name-01, name-02, ...)"},
                      {"count", K::Int, false, "copies of this rack (1)", {}, nullptr, 1, limits::kMaxRacks},
                      {"uplink", K::Object, false, "top-of-rack uplink to the spine", {}, &kLink},
                      {"computes", K::Object, true, "the rack's computes", {}, &kComputes},
                  }};
const Shape kTopology{
    "topology",
    {
        {"network_model", K::Str, false, "SimGrid network model: CM02 (default) or LV08", kNetworkModels},
        {"spine", K::Object, false, "the spine", {}, &kLink},
        {"controller",
         K::Object,
         false,
         "the controller host(s) (Nova, Cinder API/scheduler, RabbitMQ)",
         {},
         &kController},
        {"control_uplink", K::Object, false, "the control zone's uplink", {}, &kLink},
        {"glance", K::Object, false, "the Glance host and its store", {}, &kGlanceHost},
        {"ceph", K::Object, false, "a Ceph cluster (for rbd stores and backends)", {}, &kCeph},
        {"cinder_backends", K::List, true, "Cinder backends (at least one)", {}, &kCinderBackend},
        {"racks", K::List, true, "racks of computes (at least one)", {}, &kRack},
    }};

// ---- cloud ----
const Shape kFlavor{"flavor",
                    {
                        {"id", K::Str, true, "flavor id"},
                        {"name", K::Str, false, "flavor name (= id)"},
                        {"vcpus", K::Int, true, "vCPUs"},
                        {"ram", K::Int, true, "RAM, MB"},
                        {"disk", K::Int, true, "root disk, GB (0 = volume-backed only)"},
                        {"ephemeral", K::Int, false, "ephemeral disk, GB (0)"},
                        {"swap", K::Int, false, "swap, MB (0)"},
                        {"disabled", K::Bool, false, "flavor disabled (false)"},
                        {"extra_specs", K::FreeMap, false, "flavor extra specs"},
                    }};
const Shape kImage{
    "image",
    {
        {"id", K::Str, true, "image id"},
        {"name", K::Str, false, "image name (= id)"},
        {"status", K::Str, false, "Glance status (active)"},
        {"size", K::Bytes, false, "bytes, or a size with its unit; required when active"},
        {"virtual_size", K::Bytes, false, "bytes, or a size with its unit"},
        {"disk_format", K::Str, false, "qcow2 (default), raw, ..."},
        {"container_format", K::Str, false, "bare (default), ..."},
        {"min_disk", K::Int, false, "GB (0)"},
        {"min_ram", K::Int, false, "MB (0)"},
        {"visibility", K::Str, false, "public (default), private, shared, community"},
        {"owner", K::Str, false, "owner project"},
        {"protected", K::Bool, false, "protected (false)"},
        {"properties", K::FreeMap, false, "image properties"},
        {"block_device_mapping", K::Any, false, "the image's block_device_mapping property (a snapshot image)"},
        {"bdm_v2", K::Bool, false, "bdm_v2 property (true iff block_device_mapping given)"},
        {"store", K::Str, false, "where the image data is: file or rbd (= topology.glance.store)", kStores},
    }};
const Shape kVolumeType{"volume type",
                        {
                            {"name", K::Str, true, "volume type name"},
                            {"id", K::Str, false, "volume type id (= name)"},
                            {"backend", K::Str, true, "a topology.cinder_backends name"},
                        }};
const Shape kVolume{"volume",
                    {
                        {"id", K::Str, true, "volume id"},
                        {"name", K::Str, false, "volume name"},
                        {"size", K::Int, true, "GB"},
                        {"status", K::Str, false, "Cinder status (available)"},
                        {"bootable", K::Bool, false, "bootable (false)"},
                        {"volume_type", K::Str, false, "a cloud.volume_types name"},
                        {"availability_zone", K::Str, false, "availability zone (nova)"},
                        {"project", K::Str, false, "owner project (demo)"},
                        {"multiattach", K::Bool, false, "multiattach (false)"},
                        {"attached_to", K::StrList, false, "server ids it is attached to"},
                        {"image_id", K::Str, false, "the image it was made from (volume_image_metadata)"},
                    }};
const Shape kSnapshot{"snapshot",
                      {
                          {"id", K::Str, true, "snapshot id"},
                          {"volume_id", K::Str, true, "the volume it was taken of"},
                          {"size", K::Int, true, "GB"},
                          {"status", K::Str, false, "Cinder status (available)"},
                          {"project", K::Str, false, "owner project (demo)"},
                      }};
const Shape kCloud{"cloud",
                   {
                       {"availability_zones", K::StrList, false, "availability zones"},
                       {"flavors", K::List, false, "flavors", {}, &kFlavor},
                       {"images", K::List, false, "Glance images", {}, &kImage},
                       {"volumes", K::List, false, "volumes that exist before the run", {}, &kVolume},
                       {"snapshots", K::List, false, "volume snapshots", {}, &kSnapshot},
                       {"volume_types", K::List, false, "volume types", {}, &kVolumeType},
                       {"keypairs", K::StrList, false, "keypair names (empty = any key_name accepted)"},
                       {"networks", K::StrList, false, "network ids (empty = any accepted)"},
                   }};

// ---- projects ----
const Shape kNovaQuota{"Nova quotas",
                       {
                           {"instances", K::Int, false, "instances (-1 = unlimited)"},
                           {"cores", K::Int, false, "vCPUs"},
                           {"ram", K::Int, false, "RAM, MB"},
                       }};
const Shape kCinderQuota{"Cinder quotas",
                         {
                             {"volumes", K::Int, false, "volumes (-1 = unlimited)"},
                             {"gigabytes", K::Int, false, "GB"},
                             {"snapshots", K::Int, false, "snapshots"},
                         },
                         "^(volumes|gigabytes)_.+$"};
const Shape kQuotas{"quotas",
                    {
                        {"nova", K::Object, false, "Nova quotas", {}, &kNovaQuota},
                        {"cinder",
                         K::Object,
                         false,
                         "Cinder quotas; volumes_<type> and gigabytes_<type> for each volume type",
                         {},
                         &kCinderQuota},
                    }};
const Shape kProject{"project",
                     {
                         {"id", K::Str, true, "project id"},
                         {"quotas", K::Object, false, "quota limits (defaults from config)", {}, &kQuotas},
                     }};

// ---- workload ----
const Shape kImageUpload{"image upload",
                         {
                             {"body", K::Any, true, "the POST /v2/images body"},
                             {"upload", K::Size, false, "bytes uploaded with PUT /file, e.g. \"1GiB\""},
                         }};
const Shape kVolumeStream{
    "volume stream",
    {
        {"size", K::Int, true, "GB (at least 1)"},
        {"image", K::Str, false, "a cloud.images id to make it from"},
        {"volume_type", K::Str, false, "volume type name"},
        {"availability_zone", K::Str, false, "availability zone"},
        {"attach_to", K::Str, false, "an earlier server stream: attach to the server with the same index"},
        {"hold", K::Time, false, "how long it stays attached (needs attach_to)"},
        {"delete", K::Bool, false, "delete it at the end (false)"},
        {"poll", K::Time, false, "the client's poll interval (1s)"},
    }};
const Shape kArrival{
    "arrival",
    {
        {"type", K::Str, true, "arrival process", kArrivalTypes},
        {"start", K::Time, false, "first arrival (0s)"},
        {"rate", K::Num, false, "requests per second"},
        {"to_rate", K::Num, false, "ramp: the final rate"},
        {"interval", K::Time, false, "time between arrivals (sets rate = 1/interval)"},
        {"duration", K::Time, false, "ramp / rally_constant_for_duration: how long"},
        {"concurrency", K::Int, false, "Rally runners: parallel iterations", {}, nullptr, 1, limits::kMaxConcurrency},
    }};
const Shape kThen{"then",
                  {
                      {"delete_after", K::Time, true, "delete each server this long after it is ACTIVE"},
                  }};
const Shape kStream{
    "workload stream",
    {
        {"name", K::Str, true, "stream name (unique)"},
        {"project", K::Str, false, "a projects id (the first project, or demo)"},
        {"microversion", K::Str, false, "compute API microversion (2.1)"},
        {"request", K::Any, false, "a POST /servers body, {server: {...}}"},
        {"cli", K::Str, false, "an openstack server create / nova boot command line"},
        {"image", K::Object, false, "a Glance image create + upload", {}, &kImageUpload},
        {"volume", K::Object, false, "a Cinder volume create (+ attach / detach, delete)", {}, &kVolumeStream},
        {"count", K::Int, false, "requests (1)", {}, nullptr, 1, limits::kMaxRequests},
        {"arrival", K::Object, false, "when the requests arrive (burst)", {}, &kArrival},
        {"then", K::StrOrObject, false,
         "what happens to the servers: keep (default), delete_when_all_up or {delete_after}", kThenForms, &kThen},
    },
    {},
    {"request", "cli", "image", "volume"}};

// ---- faults, expect ----
const Shape kFault{"fault",
                   {
                       {"at", K::Time, true, "when"},
                       {"kind", K::Str, true, "what happens", kFaultKinds},
                       {"target", K::Str, false, "host, link or backend name (required except bus_delay)"},
                       {"factor", K::Num, false, "link_degrade: bandwidth factor; glance_slow: cost factor (1)"},
                       {"delay", K::Time, false, "bus_delay: added to every RPC message (0s)"},
                       {"message", K::Str, false, "spawn_fail: the libvirt error"},
                   }};
const Shape kExpectVolumes{"volumes filter",
                           {
                               {"status", K::Str, false, "volume status at the end"},
                               {"source", K::Str, false, "prefix of its source, e.g. \"image:\""},
                               {"project", K::Str, false, "owner project"},
                               {"request", K::Str, false, "name of the server that created it"},
                               {"error_contains", K::Str, false, "substring of its error"},
                           }};
const Shape kExpectQuota{"quota usage",
                         {
                             {"project", K::Str, true, "project id"},
                             {"service", K::Str, true, "nova or cinder"},
                             {"resource", K::Str, true, "instances, cores, ram, volumes, gigabytes, ..."},
                             {"in_use", K::Int, true, "usage at the end"},
                         }};
const Shape kExpect{
    "expectation",
    {
        {"count", K::Int, false, "exactly this many match"},
        {"at_least", K::Int, false, "at least this many match"},
        {"at_most", K::Int, false, "at most this many match"},
        {"final_status", K::Str, false, "ACTIVE, ERROR, DELETED, REJECTED"},
        {"fault_contains", K::Str, false, "substring of the instance fault"},
        {"stream", K::Str, false, "workload stream name"},
        {"api_status", K::Int, false, "HTTP status of the create"},
        {"cinder_path", K::Str, false, "rbd_clone, cache_clone, cache_fill, download, blank, snapshot"},
        {"request", K::Str, false, "one request, by server name"},
        {"api_error_contains", K::Str, false, "substring of the API error"},
        {"volumes", K::Object, false, "count volumes matching this filter", {}, &kExpectVolumes},
        {"quota", K::Object, false, "quota usage at the end", {}, &kExpectQuota},
        {"phase", K::Str, false, "a phase name, or boot"},
        {"percentile", K::Num, false, "phase percentile (0-100)"},
        {"below", K::Time, false, "the percentile is below this"},
        {"above", K::Time, false, "the percentile is above this"},
        {"host_count", K::Int, false, "at least this many distinct hosts"},
        {"attempts_at_least", K::Int, false, "build attempts at least"},
        {"attempts", K::Int, false, "build attempts"},
        {"volume_creates", K::Int, false, "POST /volumes nova-compute made"},
        {"image_downloads", K::Int, false, "Glance downloads cinder-volume made"},
        {"bdm", K::Int, false, "index of one BDM of `request` in the normalized list"},
        {"volume_status", K::Str, false, "status at the end of the BDM's volume (none when it held none)"},
        {"bdm_fields", K::FreeMap, false, "fields of the stored BDM"},
    }};

const Shape kInfra{"infra",
                   {
                       {"rabbit_hop_time", K::Time, false, "one RabbitMQ hop"},
                       {"http_overhead", K::Time, false, "per HTTP request"},
                       {"db_query_time", K::Time, false, "per database query"},
                   }};

const Shape kScenario{
    "bfvsim scenario",
    {
        {"name", K::Str, true, "scenario name"},
        {"description", K::Str, false, "what it shows (printed by run, shown in report.html)"},
        {"seed", K::Int, false, "RNG seed (1)"},
        {"config", K::Object, false,
         "nova / cinder / glance / placement options by ini group, and infra (docs/configuration.md)"},
        {"topology", K::Object, true, "hosts, links, disks, backends", {}, &kTopology},
        {"cloud", K::Object, false, "what exists before the run", {}, &kCloud},
        {"projects", K::List, false, "projects and their quotas", {}, &kProject},
        {"workload", K::List, true, "request streams", {}, &kStream},
        {"faults", K::List, false, "injected faults", {}, &kFault},
        {"expect", K::List, false, "expectations (run exits 1 when one fails)", {}, &kExpect},
        {"sample_interval", K::Time, false, "utilization sampling interval (1s; at least 1ms)"},
        {"end_after", K::Time, false, "stop the simulation at this time (0 = when the workload is done)"},
    }};

}  // namespace bfv::scn

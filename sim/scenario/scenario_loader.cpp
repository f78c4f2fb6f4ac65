// The strict scenario loader: top level, cloud state, projects, workload, faults, expectations.
#include <algorithm>
#include <cstdint>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "models/semantics/cli.hpp"
#include "core/run_result.hpp"
#include "sim/scenario/limits.hpp"
#include "sim/scenario/loader_parts.hpp"

namespace bfv {
namespace {

int64_t bytes_field(const scn::Node& n) {
  // Image sizes are bytes in Glance's API; a unit string ("2.2GB") is accepted too.
  if (n.raw().Tag() == "!" || !n.is_scalar()) return static_cast<int64_t>(n.size_bytes());
  const std::string& s = n.raw().Scalar();
  if (!s.empty() && std::isdigit(static_cast<unsigned char>(s.back()))) return n.integer();
  return static_cast<int64_t>(n.size_bytes());
}

std::map<std::string, std::string> string_map(const scn::Node& n) {
  std::map<std::string, std::string> m;
  for (const auto& [k, v] : n.entries()) m[k] = v.is_scalar() ? v.str() : v.json().dump();
  return m;
}

void unique_id(std::set<std::string>& seen, const scn::Node& n, const std::string& id, const char* what) {
  if (!seen.insert(id).second) n.fail(std::string("duplicate ") + what + " id '" + id + "'");
}

}  // namespace

void load_cloud(const scn::Node& c, Scenario& s) {
  c.allow_keys(scn::kCloud);
  auto& cloud = s.cloud;
  if (auto az = c.opt("availability_zones")) cloud.availability_zones = az->str_list();
  std::set<std::string> ids;
  if (auto fl = c.opt("flavors"))
    for (const auto& f : fl->items()) {
      f.allow_keys(scn::kFlavor);
      sem::Flavor x;
      x.id = f.req("id").str();
      x.name = f.str_or("name", x.id);
      // nova/api/openstack/compute/schemas/flavor_manage.py: ram and vcpus positive, disk,
      // ephemeral and swap non-negative (flavor_param_positive / flavor_param_non_negative).
      x.vcpus = static_cast<int>(f.req("vcpus").integer_in(1, INT32_MAX));
      x.ram_mb = static_cast<int>(f.req("ram").integer_in(1, INT32_MAX));
      x.disk_gb = static_cast<int>(f.req("disk").integer_in(0, INT32_MAX));
      x.ephemeral_gb = f.has("ephemeral") ? static_cast<int>(f.req("ephemeral").integer_in(0, INT32_MAX)) : 0;
      x.swap_mb = f.has("swap") ? static_cast<int>(f.req("swap").integer_in(0, INT32_MAX)) : 0;
      x.disabled = f.bool_or("disabled", false);
      if (auto es = f.opt("extra_specs")) x.extra_specs = string_map(*es);
      unique_id(ids, f, "flavor " + x.id, "flavor");
      cloud.flavors.push_back(x);
    }
  if (auto im = c.opt("images"))
    for (const auto& i : im->items()) {
      i.allow_keys(scn::kImage);
      sem::Image x;
      x.id = i.req("id").str();
      x.name = i.str_or("name", x.id);
      x.status = i.str_or("status", "active");
      if (auto sz = i.opt("size")) {
        x.size = bytes_field(*sz);
        if (*x.size < 0) sz->fail("an image size is not negative");
      }
      if (auto vs = i.opt("virtual_size")) {
        x.virtual_size = bytes_field(*vs);
        if (*x.virtual_size < 0) vs->fail("an image virtual_size is not negative");
      }
      x.disk_format = i.str_or("disk_format", "qcow2");
      x.container_format = i.str_or("container_format", "bare");
      // glance/api/v2/images.py schema: min_disk and min_ram are integers >= 0.
      x.min_disk = i.has("min_disk") ? static_cast<int>(i.req("min_disk").integer_in(0, INT32_MAX)) : 0;
      x.min_ram = i.has("min_ram") ? static_cast<int>(i.req("min_ram").integer_in(0, INT32_MAX)) : 0;
      x.visibility = i.str_or("visibility", "public");
      x.owner = i.str_or("owner", "");
      x.is_protected = i.bool_or("protected", false);
      if (auto p = i.opt("properties")) x.properties = string_map(*p);
      if (auto b = i.opt("block_device_mapping")) x.block_device_mapping = b->json();
      x.bdm_v2 = i.bool_or("bdm_v2", !x.block_device_mapping.empty());
      x.store = i.str_or("store", std::string(name(s.topology.glance_store)));
      if (!scn::one_of(scn::kStores, x.store)) i.req("store").fail("store must be 'file' or 'rbd'");
      if (x.status == "active" && !x.size)
        i.fail("an active image needs its size (bytes, or a unit string like \"2.2GB\")");
      unique_id(ids, i, "image " + x.id, "image");
      cloud.images.push_back(x);
    }
  if (auto vt = c.opt("volume_types"))
    for (const auto& t : vt->items()) {
      t.allow_keys(scn::kVolumeType);
      sem::VolumeType x;
      x.name = t.req("name").str();
      x.id = t.str_or("id", x.name);
      x.backend = t.req("backend").str();
      bool found = false;
      for (const auto& b : s.topology.cinder_backends) found |= b.name == x.backend;
      if (!found) t.req("backend").fail("no Cinder backend named '" + x.backend + "' in topology.cinder_backends");
      for (const auto& o : cloud.volume_types)
        if (o.name == x.name || o.id == x.id)
          t.fail("duplicate volume type '" + (o.name == x.name ? x.name : x.id) + "'");
      cloud.volume_types.push_back(x);
    }
  if (auto vo = c.opt("volumes"))
    for (const auto& v : vo->items()) {
      v.allow_keys(scn::kVolume);
      sem::Volume x;
      x.id = v.req("id").str();
      x.name = v.str_or("name", "");
      x.size_gb = static_cast<int>(v.req("size").integer_in(1, INT32_MAX));  // cinder: a volume is at least 1 GB
      x.status = v.str_or("status", "available");
      x.bootable = v.bool_or("bootable", false);
      x.volume_type = v.str_or("volume_type", "");
      x.availability_zone = v.str_or("availability_zone", "nova");
      x.project = v.str_or("project", "demo");
      x.multiattach = v.bool_or("multiattach", false);
      if (auto a = v.opt("attached_to")) x.attached_to = a->str_list();
      if (auto im = v.opt("image_id")) {
        x.image_id = im->str();
        x.volume_image_metadata = nlohmann::json{{"image_id", *x.image_id}};
      }
      unique_id(ids, v, "volume " + x.id, "volume");
      cloud.volumes.push_back(x);
    }
  if (auto sn = c.opt("snapshots"))
    for (const auto& v : sn->items()) {
      v.allow_keys(scn::kSnapshot);
      sem::Snapshot x;
      x.id = v.req("id").str();
      x.volume_id = v.req("volume_id").str();
      // A snapshot's volume exists: cinder/volume/api.py::delete refuses a volume with snapshots.
      if (!std::any_of(cloud.volumes.begin(), cloud.volumes.end(),
                       [&](const sem::Volume& o) { return o.id == x.volume_id; }))
        v.req("volume_id").fail("no volume with id '" + x.volume_id + "' in cloud.volumes");
      x.size_gb = static_cast<int>(v.req("size").integer_in(1, INT32_MAX));
      x.status = v.str_or("status", "available");
      x.project = v.str_or("project", "demo");
      unique_id(ids, v, "snapshot " + x.id, "snapshot");
      cloud.snapshots.push_back(x);
    }
  if (auto k = c.opt("keypairs")) cloud.keypairs = k->str_list();
  if (auto n = c.opt("networks")) cloud.networks = n->str_list();
}

void load_projects(const scn::Node& p, Scenario& s) {
  for (const auto& e : p.items()) {
    e.allow_keys(scn::kProject);
    ProjectSpec ps = s.default_project(e.req("id").str());
    if (auto q = e.opt("quotas")) {
      q->allow_keys(scn::kQuotas);
      if (auto n = q->opt("nova")) {
        n->allow_keys(scn::kNovaQuota);
        // nova/api/validation/parameter_types.py: a quota limit is -1 (unlimited) or more.
        auto limit = [&](const scn::Node& q2, const char* k, int64_t def) {
          return q2.has(k) ? q2.req(k).integer_in(-1, INT32_MAX) : def;
        };
        ps.nova.instances = limit(*n, "instances", ps.nova.instances);
        ps.nova.cores = limit(*n, "cores", ps.nova.cores);
        ps.nova.ram_mb = limit(*n, "ram", ps.nova.ram_mb);
      }
      if (auto c = q->opt("cinder")) {
        std::vector<std::string> per_type;  // kCinderQuota.pattern_keys, for the volume types that exist
        for (const auto& t : s.cloud.volume_types) {
          per_type.push_back("volumes_" + t.name);
          per_type.push_back("gigabytes_" + t.name);
        }
        c->allow_keys(scn::kCinderQuota, per_type);
        // cinder/quota_utils.py::validate_setup_for_nested_quota_use aside, a limit is -1 or more
        // (cinder/api/contrib/quotas.py::update: "Quota limit must be -1 or greater").
        auto limit = [&](const char* k, int64_t def) { return c->has(k) ? c->req(k).integer_in(-1, INT32_MAX) : def; };
        ps.cinder.volumes = limit("volumes", ps.cinder.volumes);
        ps.cinder.gigabytes = limit("gigabytes", ps.cinder.gigabytes);
        ps.cinder.snapshots = limit("snapshots", ps.cinder.snapshots);
        for (const auto& t : s.cloud.volume_types) {
          if (auto v = c->opt("volumes_" + t.name)) ps.cinder.volumes_per_type[t.name] = v->integer_in(-1, INT32_MAX);
          if (auto g = c->opt("gigabytes_" + t.name))
            ps.cinder.gigabytes_per_type[t.name] = g->integer_in(-1, INT32_MAX);
        }
      }
    }
    for (const auto& prev : s.projects)
      if (prev.id == ps.id) e.req("id").fail("duplicate project id '" + ps.id + "'");
    s.projects.push_back(ps);
  }
}

void load_workload(const scn::Node& w, Scenario& s) {
  std::set<std::string> names;
  int64_t total_requests = 0;
  for (const auto& e : w.items()) {
    e.allow_keys(scn::kStream);
    StreamSpec st;
    st.where = e.where();
    st.name = e.req("name").str();
    if (!names.insert(st.name).second) e.req("name").fail("duplicate stream name '" + st.name + "'");
    st.project = e.str_or("project", s.projects.empty() ? "demo" : s.projects.front().id);
    bool known = false;
    for (const auto& p : s.projects) known |= p.id == st.project;
    if (!known) {
      if (e.has("project")) e.req("project").fail("no project '" + st.project + "' in projects");
      s.projects.push_back(s.default_project(st.project));
    }
    st.microversion = e.str_or("microversion", "2.1");
    int forms = 0;
    for (const auto& k : scn::kStream.exactly_one) forms += e.has(k);
    if (forms != 1)
      e.fail(
          "a stream needs exactly one of 'request' (a POST /servers body), 'cli' (a command line), 'image' (a Glance "
          "image "
          "create + upload) or 'volume' (a Cinder volume create, attach / detach, delete)");
    if (auto r = e.opt("request")) {
      st.body = r->json();
      if (!st.body.is_object()) r->fail("expected the POST /servers body, e.g. {server: {...}}");
    }
    if (auto c = e.opt("cli")) {
      st.cli = c->str();
      if (st.cli.empty()) c->fail("an empty command line");
    }
    if (auto im = e.opt("image")) {
      im->allow_keys(scn::kImageUpload);
      st.kind = StreamKind::ImageUpload;
      st.body = im->req("body").json();
      if (auto u = im->opt("upload")) st.upload_bytes = u->size_bytes();
    }
    if (auto v = e.opt("volume")) {
      // Stand-alone volume workload (sim/runtime/rally_iteration.cpp): POST /volumes, polled until
      // available; optionally attached to the server with the same index of stream `attach_to`
      // (POST os-volume_attachments, polled until in-use), held, detached (polled until available);
      // optionally deleted (polled until gone). The client polls every `poll`.
      v->allow_keys(scn::kVolumeStream);
      st.kind = StreamKind::Volume;
      st.steps.create_volume = true;
      st.steps.size_min_gb = st.steps.size_max_gb = v->req("size").int32();
      if (st.steps.size_min_gb < 1) v->req("size").fail("a volume size is at least 1 GB");
      if (auto im = v->opt("image")) {
        st.steps.volume_image = im->str();
        if (!s.cloud.find_image(im->str())) im->fail("no image with id '" + im->str() + "' in cloud.images");
      }
      st.steps.volume_type = v->str_or("volume_type", "");
      st.steps.volume_az = v->str_or("availability_zone", "");
      if (auto at = v->opt("attach_to")) {
        st.steps.attach_to = at->str();
        st.steps.attach = true;
        bool found = false;
        for (const auto& o : s.workload) found |= o.name == st.steps.attach_to && o.kind == StreamKind::Server;
        if (!found)
          at->fail("attach_to names an earlier server stream of this workload ('" + st.steps.attach_to + "' is none)");
      }
      st.steps.hold_s = v->time_or("hold", 0);
      if (v->has("hold") && !v->has("attach_to"))
        v->req("hold").fail("hold is how long the volume stays attached: it needs attach_to");
      st.steps.delete_volume = v->bool_or("delete", false);
      st.steps.poll_s = v->time_or("poll", 1.0);
      if (st.steps.poll_s <= 0) v->req("poll").fail("poll must be positive");
    }
    if (auto c = e.opt("count")) st.count = static_cast<int>(scn::bounded(*c, scn::kStream.key("count")));
    if (auto a = e.opt("arrival")) {
      a->allow_keys(scn::kArrival);
      auto& ar = st.arrival;
      std::string type = a->req("type").str();
      if (auto k = parse_enum<ArrivalKind>(type)) {
        ar.kind = *k;
      } else {
        std::string hint = scn::did_you_mean(type, scn::kArrivalTypes);
        a->req("type").fail("unknown arrival type '" + type + "'" +
                            (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      }
      ar.start_s = a->time_or("start", 0);
      if (auto iv = a->opt("interval")) ar.rate_per_s = 1.0 / iv->time_s();
      ar.rate_per_s = a->num_or("rate", ar.rate_per_s);
      ar.rate_end_per_s = a->num_or("to_rate", ar.rate_per_s);
      ar.duration_s = a->time_or("duration", 0);
      if (auto c = a->opt("concurrency"))
        ar.concurrency = static_cast<int>(scn::bounded(*c, scn::kArrival.key("concurrency")));
      // A rate below one request per 1e9 s would place arrivals past the simulated-time limit.
      if (ar.rate_per_s < 1 / limits::kMaxTimeS) a->fail("rate must be positive (at least 1e-9 per second)");
      if (ar.kind == ArrivalKind::Ramp && ar.rate_end_per_s < 1 / limits::kMaxTimeS)
        a->req("to_rate").fail("to_rate must be positive (at least 1e-9 per second): a ramp to 0 never ends");
      if (ar.kind == ArrivalKind::Ramp && ar.duration_s <= 0) a->fail("a ramp needs a duration");
      if (ar.kind == ArrivalKind::RallyConstantForDuration && ar.duration_s <= 0)
        a->fail("rally_constant_for_duration needs a duration");
      if (ar.concurrency < 1) a->req("concurrency").fail("concurrency must be at least 1");
    }
    if (st.kind == StreamKind::Volume && is_rally(st.arrival.kind))
      e.req("arrival").fail("a volume stream takes burst, constant, poisson or ramp arrivals");
    if (auto t = e.opt("then")) {
      if (st.kind == StreamKind::Volume)
        t->fail("a volume stream says what happens to its volumes in volume: (attach_to, hold, delete)");
      if (t->is_scalar()) {
        auto k = parse_enum<ThenKind>(t->str());
        if (!k || !scn::one_of(scn::kThenForms, t->str()))
          t->fail("expected keep, delete_when_all_up or {delete_after: \"10min\"}");
        st.then.kind = *k;
      } else {
        t->allow_keys(scn::kThen);
        st.then.kind = ThenKind::DeleteAfter;
        st.then.delay_s = t->req("delete_after").time_s();
      }
    }
    total_requests += st.count;
    if (total_requests > limits::kMaxRequests)
      e.fail("the workload asks for more than 2,000,000 requests in all (docs/limits.md)");
    s.workload.push_back(std::move(st));
  }
}

void load_faults(const scn::Node& f, Scenario& s) {
  const auto& kinds = scn::kFaultKinds;
  for (const auto& e : f.items()) {
    e.allow_keys(scn::kFault);
    FaultSpec fs;
    fs.where = e.where();
    fs.at_s = e.req("at").time_s();
    // The keys as written, checked against the kind, then the kind's own struct (scenario.hpp, fault::).
    struct {
      std::string kind, target, message;
      double factor = 1, delay_s = 0;
    } w;
    w.kind = e.req("kind").str();
    if (std::find(kinds.begin(), kinds.end(), w.kind) == kinds.end()) {
      std::string hint = scn::did_you_mean(w.kind, kinds);
      e.req("kind").fail("unknown fault kind '" + w.kind + "'" +
                         (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
    w.target = e.str_or("target", "");
    if (w.target.empty() && w.kind != "bus_delay") e.fail("fault '" + w.kind + "' needs a target");
    if (w.kind == "bus_delay" && e.has("target"))
      e.req("target").fail("bus_delay has no target (it delays every RPC message)");
    // The target must exist: sim/runtime/run.cpp::apply_fault would silently do nothing.
    if (!w.target.empty() && w.kind != "glance_slow") {
      const auto& topo = s.topology;
      std::vector<std::string> names;
      if (w.kind.rfind("compute_", 0) == 0 || w.kind.rfind("spawn_", 0) == 0) {
        for (const auto& r : topo.racks)
          for (const auto& c : r.computes) names.push_back(c.name);
      } else if (w.kind.rfind("backend_", 0) == 0) {
        for (const auto& b : topo.cinder_backends) names.push_back(b.name);
      } else if (w.kind.rfind("link_", 0) == 0) {  // core/platform/simgrid_platform.cpp::build names them so
        names = {"spine", "control-uplink", topo.controller.name + "-nic", topo.glance.name + "-nic"};
        if (topo.ceph.present) names.push_back("ceph-nic");
        for (const auto& b : topo.cinder_backends) names.push_back(b.host.name + "-nic");
        for (const auto& r : topo.racks) {
          names.push_back(r.name + "-uplink");
          for (const auto& c : r.computes) names.push_back(c.name + "-nic");
        }
      }
      if (std::find(names.begin(), names.end(), w.target) == names.end()) {
        const char* what = w.kind.rfind("backend_", 0) == 0 ? "Cinder backend"
                           : w.kind.rfind("link_", 0) == 0  ? "link"
                                                            : "compute host";
        std::string hint = names.size() <= 20000 ? scn::did_you_mean(w.target, names) : "";
        e.req("target").fail("no " + std::string(what) + " named '" + w.target + "' in the topology" +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      }
    }
    w.factor = e.num_or("factor", 1);
    if (e.has("factor") && w.kind != "link_degrade" && w.kind != "glance_slow")
      e.req("factor").fail("'factor' is only read by kinds link_degrade and glance_slow");
    if (w.kind == "link_degrade" && w.factor < 0)
      e.req("factor").fail("factor must not be negative (0 cuts the link to 1 B/s)");
    if (w.kind == "glance_slow" && w.factor <= 0)
      e.req("factor").fail("factor must be positive (it multiplies the cost of every store read)");
    w.delay_s = e.time_or("delay", 0);
    if (e.has("delay") && w.kind != "bus_delay") e.req("delay").fail("'delay' is only read by kind bus_delay");
    // a libvirt error as str(libvirtError) reads; assumed default: QEMU dying while libvirt connects
    w.message = e.str_or("message", "internal error: process exited while connecting to monitor");
    if (e.has("message") && w.kind != "spawn_fail") e.req("message").fail("'message' is only read by kind spawn_fail");
    using namespace fault;
    const std::string& k = w.kind;
    if (k == "compute_down")
      fs.what = ComputeDown{w.target};
    else if (k == "compute_up")
      fs.what = ComputeUp{w.target};
    else if (k == "spawn_fail")
      fs.what = SpawnFail{w.target, w.message};
    else if (k == "spawn_ok")
      fs.what = SpawnOk{w.target};
    else if (k == "link_degrade")
      fs.what = LinkDegrade{w.target, w.factor};
    else if (k == "link_restore")
      fs.what = LinkRestore{w.target};
    else if (k == "backend_down")
      fs.what = BackendDown{w.target};
    else if (k == "backend_up")
      fs.what = BackendUp{w.target};
    else if (k == "glance_slow")
      fs.what = GlanceSlow{w.target, w.factor};
    else
      fs.what = BusDelay{w.delay_s};
    if (fault_kind(fs.what) != k)
      e.req("kind").fail("internal: fault kind '" + k + "' built as '" + std::string(fault_kind(fs.what)) + "'");
    s.faults.push_back(fs);
  }
}

std::string fault_target(const Fault& f) {
  using namespace fault;
  return std::visit(
      overloaded{[](const ComputeDown& x) { return x.host; }, [](const ComputeUp& x) { return x.host; },
                 [](const SpawnFail& x) { return x.host; }, [](const SpawnOk& x) { return x.host; },
                 [](const LinkDegrade& x) { return x.link; }, [](const LinkRestore& x) { return x.link; },
                 [](const BackendDown& x) { return x.backend; }, [](const BackendUp& x) { return x.backend; },
                 [](const GlanceSlow& x) { return x.target; }, [](const BusDelay&) { return std::string(); }},
      f);
}

namespace {

// What the run can produce, for checking `expect:` values at load (a typo would otherwise fail, or
// pass, only after the whole run). Statuses: core/run_result.hpp; phases: the names the
// models record (docs/scenario-format.md); Rally's atomic actions ("nova.boot_server") also count.
const std::vector<std::string> kFinalStatuses{"ACTIVE", "BUILD", "DELETED", "ERROR",
                                              "REJECTED"};  // name(FinalStatus), sorted
const std::vector<std::string> kCinderPaths = [] {          // name(CinderPath) but None's ""
  auto v = enum_names<CinderPath>();
  v.erase(v.begin());
  return v;
}();
const std::vector<std::string> kVolumeStatuses{"available", "in-use",      "error",         "deleted",
                                               "creating",  "downloading", "attaching",     "detaching",
                                               "deleting",  "reserved",    "error_deleting"};
const std::vector<std::string> kPhases{
    "boot",        "api",   "schedule", "build_queue",  "claim",         "volume_create", "volume_wait",  "attach",
    "image_cache", "spawn", "delete",   "image_create", "volume_attach", "volume_detach", "volume_delete"};
const std::vector<std::string> kRequestFilters{
    "final_status",       "fault_contains",    "stream",   "api_status",     "cinder_path",
    "api_error_contains", "attempts_at_least", "attempts", "volume_creates", "image_downloads"};

bool in(const std::vector<std::string>& set, const std::string& v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

std::string one_of(const std::vector<std::string>& set, const std::string& v, const std::string& what) {
  std::string m = "unknown " + what + " '" + v + "'";
  std::string hint = scn::did_you_mean(v, set);
  if (!hint.empty()) return m + "; did you mean '" + hint + "'?";
  std::string all;
  for (const auto& x : set) all += (all.empty() ? "" : ", ") + x;
  return m + " (one of " + all + ")";
}

// The name a request of stream `st` gets (sim/runtime/workload.cpp::new_request / submit): the
// body's server name, the command line's server name, or the stream's name; "-K" for K in
// 1..count when the stream has several.
bool request_named(const StreamSpec& st, const Scenario& s, const std::string& name) {
  std::string base = st.name;
  nlohmann::json body = st.body;
  if (!st.cli.empty()) {
    auto parsed = sem::parse_cli(st.cli, &s.cloud, s.nova.api.max_microversion);
    if (parsed.ok) body = parsed.body;
  }
  if (body.is_object() && body.contains("server") && body["server"].is_object() && body["server"].contains("name") &&
      body["server"]["name"].is_string())
    base = body["server"]["name"].get<std::string>();
  if (st.count <= 1) return name == base;
  if (name.size() <= base.size() + 1 || name.compare(0, base.size(), base) != 0 || name[base.size()] != '-')
    return false;
  const std::string k = name.substr(base.size() + 1);
  if (k.size() > 9 || k[0] == '0' || k.find_first_not_of("0123456789") != std::string::npos) return false;
  return std::stoll(k) <= st.count;
}

}  // namespace

// Every `expect:` item is type-checked here, with file:line:col and key, and its references
// resolved against the scenario (requests, streams, projects), so nothing about an expectation can
// fail only after the run. spec holds the values in their checked types for
// sim/runtime/expectations.cpp.
void load_expect(const scn::Node& x, Scenario& s) {
  std::vector<std::string> streams, projects;
  for (const auto& st : s.workload) streams.push_back(st.name);
  for (const auto& p : s.projects) projects.push_back(p.id);
  auto check_request = [&](const scn::Node& n) {
    const std::string name = n.str();
    for (const auto& st : s.workload)
      if (request_named(st, s, name)) return name;
    n.fail("no request named '" + name +
           "' in this workload (a request is named after its server name, its stream's "
           "name, and '-N' when its stream has count > 1)");
  };
  for (const auto& e : x.items()) {
    e.allow_keys(scn::kExpect);
    if (auto v = e.opt("volumes")) v->allow_keys(scn::kExpectVolumes);
    if (auto q = e.opt("quota")) q->allow_keys(scn::kExpectQuota);
    if (!e.is_map()) e.fail("an expectation is a mapping, e.g. {final_status: ACTIVE, count: 10}");
    const int forms = e.has("volumes") + e.has("quota") + e.has("phase") + e.has("request") + e.has("host_count");
    if (forms > 1)
      e.fail(
          "one expectation checks one thing (request, volumes, quota, phase or host_count): use separate list items");
    const std::string form = e.has("volumes")      ? "volumes"
                             : e.has("quota")      ? "quota"
                             : e.has("phase")      ? "phase"
                             : e.has("request")    ? "request"
                             : e.has("host_count") ? "host_count"
                                                   : "count";
    // Which keys each form reads; any other key would be silently ignored, so it is refused.
    std::vector<std::string> reads;
    const std::vector<std::string> counts{"count", "at_least", "at_most"};
    if (form == "count" || form == "request" || form == "host_count") reads = kRequestFilters;
    if (form == "count" || form == "volumes") reads.insert(reads.end(), counts.begin(), counts.end());
    if (form == "request")
      for (const char* k : {"request", "bdm", "volume_status", "bdm_fields"}) reads.push_back(k);
    if (form == "host_count") reads.push_back("host_count");
    if (form == "volumes") reads.push_back("volumes");
    if (form == "quota") reads.push_back("quota");
    if (form == "phase")
      for (const char* k : {"phase", "percentile", "below", "above", "stream"}) reads.push_back(k);
    for (const auto& [k, v] : e.entries())
      if (!in(reads, k))
        v.fail("'" + k + "' is not read by a " + form + " expectation" +
               (form == "count" ? " (a request filter with count, at_least or at_most)" : ""));

    nlohmann::json spec = nlohmann::json::object();
    auto str_key = [&](const char* k) {
      if (auto n = e.opt(k)) spec[k] = n->str();
    };
    auto int_key = [&](const char* k, int64_t lo, int64_t hi) {
      if (auto n = e.opt(k)) spec[k] = n->integer_in(lo, hi);
    };
    // Request filters.
    if (auto n = e.opt("final_status")) {
      if (!in(kFinalStatuses, n->str())) n->fail(one_of(kFinalStatuses, n->str(), "final_status"));
      spec["final_status"] = n->str();
    }
    str_key("fault_contains");
    str_key("api_error_contains");
    if (auto n = e.opt("stream")) {
      if (!in(streams, n->str())) n->fail(one_of(streams, n->str(), "stream"));
      spec["stream"] = n->str();
    }
    int_key("api_status", 0, 599);  // 0: the client refused the command line, nothing reached nova-api
    if (auto n = e.opt("cinder_path")) {
      if (!in(kCinderPaths, n->str())) n->fail(one_of(kCinderPaths, n->str(), "cinder_path"));
      spec["cinder_path"] = n->str();
    }
    for (const char* k : {"attempts_at_least", "attempts", "volume_creates", "image_downloads"})
      int_key(k, 0, 1'000'000);
    // Counts.
    for (const char* k : {"count", "at_least", "at_most"}) int_key(k, 0, std::numeric_limits<int32_t>::max());
    if (e.has("count") && (e.has("at_least") || e.has("at_most")))
      e.req("count").fail("count is exact: drop at_least / at_most, or count");
    if (e.has("at_least") && e.has("at_most") && spec["at_least"].get<int64_t>() > spec["at_most"].get<int64_t>())
      e.req("at_most").fail("at_most is below at_least: no count can pass");
    if ((form == "count" || form == "volumes") && !e.has("count") && !e.has("at_least") && !e.has("at_most"))
      e.fail("a " + std::string(form == "count" ? "request filter" : "volumes") +
             " expectation needs count, at_least or at_most");
    // One request and one of its BDMs.
    if (auto n = e.opt("request")) spec["request"] = check_request(*n);
    int_key("bdm", 0, 1000);
    if (e.has("bdm") && !e.has("request")) e.req("bdm").fail("'bdm' names a BDM of one request: add 'request'");
    if ((e.has("volume_status") || e.has("bdm_fields")) && !e.has("bdm"))
      e.fail("'volume_status' and 'bdm_fields' check one BDM: add 'bdm' (its index in the normalized list)");
    if (auto n = e.opt("volume_status")) {
      std::vector<std::string> ok = kVolumeStatuses;
      ok.push_back("none");
      if (!in(ok, n->str())) n->fail(one_of(ok, n->str(), "volume_status"));
      spec["volume_status"] = n->str();
    }
    if (auto b = e.opt("bdm_fields")) {
      if (!b->is_map()) b->fail("expected a mapping of BDM fields, e.g. {boot_index: -1}");
      spec["bdm_fields"] = b->json();
    }
    // Volumes at the end.
    if (auto v = e.opt("volumes")) {
      v->allow_keys({"status", "source", "project", "request", "error_contains"});
      nlohmann::json f = nlohmann::json::object();
      if (auto n = v->opt("status")) {
        if (!in(kVolumeStatuses, n->str())) n->fail(one_of(kVolumeStatuses, n->str(), "volume status"));
        f["status"] = n->str();
      }
      if (auto n = v->opt("source")) f["source"] = n->str();
      if (auto n = v->opt("project")) {
        if (!in(projects, n->str())) n->fail(one_of(projects, n->str(), "project"));
        f["project"] = n->str();
      }
      if (auto n = v->opt("request")) f["request"] = check_request(*n);
      if (auto n = v->opt("error_contains")) f["error_contains"] = n->str();
      spec["volumes"] = f;
    }
    // Quota usage at the end (sim/runtime/run.cpp records these five per project).
    if (auto q = e.opt("quota")) {
      q->allow_keys({"project", "service", "resource", "in_use"});
      const std::string project = q->req("project").str(), service = q->req("service").str(),
                        resource = q->req("resource").str();
      if (!in(projects, project)) q->req("project").fail(one_of(projects, project, "project"));
      if (service != "nova" && service != "cinder") q->req("service").fail("service must be nova or cinder");
      const std::vector<std::string> resources = service == "nova"
                                                     ? std::vector<std::string>{"instances", "cores", "ram"}
                                                     : std::vector<std::string>{"volumes", "gigabytes"};
      if (!in(resources, resource)) q->req("resource").fail(one_of(resources, resource, service + " quota resource"));
      spec["quota"] = {{"project", project},
                       {"service", service},
                       {"resource", resource},
                       {"in_use", q->req("in_use").integer_in(0, std::numeric_limits<int64_t>::max() / 2)}};
    }
    // A phase percentile.
    if (auto n = e.opt("phase")) {
      const std::string ph = n->str();
      if (!in(kPhases, ph) && ph.find('.') == std::string::npos) n->fail(one_of(kPhases, ph, "phase"));
      spec["phase"] = ph;
      if (!e.has("percentile")) e.fail("a phase expectation needs 'percentile' (e.g. 95)");
      if (!e.has("below") && !e.has("above"))
        e.fail("a phase expectation needs 'below' or 'above' (a time, e.g. \"3min\")");
    }
    if (auto pc = e.opt("percentile")) {
      const double p = pc->number();
      if (p < 0 || p > 100) pc->fail("percentile must be between 0 and 100");
      spec["percentile"] = p;
    }
    for (const char* k : {"below", "above"})
      if (auto b = e.opt(k)) {
        const double t = b->time_s();
        if (t < 0) b->fail(std::string(k) + " must not be negative");
        spec[k] = t;
      }
    if (e.has("below") && e.has("above") && spec["above"].get<double>() >= spec["below"].get<double>())
      e.req("below").fail("below must be greater than above: no value can pass");
    int_key("host_count", 1, limits::kMaxComputes);

    Expectation ex;
    ex.where = e.where();
    ex.text = e.json().dump();
    ex.spec = std::move(spec);
    s.expect.push_back(std::move(ex));
  }
}

Scenario load_scenario_text(const std::string& text, const std::string& display_name) {
  return load_scenario_root(scn::load_string(text, display_name), display_name);
}

Scenario load_scenario_root(const scn::Node& root, const std::string& display_name) {
  if (!root.is_map()) root.fail("a scenario is a mapping with name, topology, cloud, workload, ...");
  root.allow_keys(scn::kScenario);
  Scenario s;
  s.file = display_name;
  s.name = root.req("name").str();
  s.description = root.str_or("description", "");
  s.seed = static_cast<uint64_t>(root.int_or("seed", 1));
  if (auto c = root.opt("config")) load_config(*c, s);
  load_topology(root.req("topology"), s);
  if (s.nova.images_type == nova::ImagesType::Rbd && !s.topology.ceph.present)
    root.req("config")
        .req("nova")
        .req("libvirt")
        .req("images_type")
        .fail("images_type 'rbd' needs a topology.ceph cluster (the vms pool)");
  if (auto c = root.opt("cloud")) load_cloud(*c, s);
  if (auto p = root.opt("projects")) load_projects(*p, s);
  load_workload(root.req("workload"), s);
  if (auto f = root.opt("faults")) load_faults(*f, s);
  if (auto e = root.opt("expect")) load_expect(*e, s);
  s.sample_interval_s = root.time_or("sample_interval", 1.0);
  if (s.sample_interval_s < limits::kMinSampleIntervalS)
    root.req("sample_interval").fail("sample_interval must be at least 1ms");
  s.end_after_s = root.time_or("end_after", 0);
  return s;
}

Scenario load_scenario(const std::string& path) { return load_scenario_text(scn::read_text_file(path), path); }

}  // namespace bfv

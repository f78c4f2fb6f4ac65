// The strict scenario loader: top level, cloud state, projects, workload, faults, expectations.
#include <fstream>
#include <set>
#include <sstream>

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
      x.vcpus = f.req("vcpus").int32();
      x.ram_mb = f.req("ram").int32();
      x.disk_gb = f.req("disk").int32();
      x.ephemeral_gb = f.int32_or("ephemeral", 0);
      x.swap_mb = f.int32_or("swap", 0);
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
      if (auto sz = i.opt("size")) x.size = bytes_field(*sz);
      if (auto vs = i.opt("virtual_size")) x.virtual_size = bytes_field(*vs);
      x.disk_format = i.str_or("disk_format", "qcow2");
      x.container_format = i.str_or("container_format", "bare");
      x.min_disk = i.int32_or("min_disk", 0);
      x.min_ram = i.int32_or("min_ram", 0);
      x.visibility = i.str_or("visibility", "public");
      x.owner = i.str_or("owner", "");
      x.is_protected = i.bool_or("protected", false);
      if (auto p = i.opt("properties")) x.properties = string_map(*p);
      if (auto b = i.opt("block_device_mapping")) x.block_device_mapping = b->json();
      x.bdm_v2 = i.bool_or("bdm_v2", !x.block_device_mapping.empty());
      x.store = i.str_or("store", s.topology.glance_store);
      if (!scn::one_of(scn::kStores, x.store)) i.req("store").fail("store must be 'file' or 'rbd'");
      if (x.status == "active" && !x.size) i.fail("an active image needs its size (bytes, or a unit string like \"2.2GB\")");
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
      cloud.volume_types.push_back(x);
    }
  if (auto vo = c.opt("volumes"))
    for (const auto& v : vo->items()) {
      v.allow_keys(scn::kVolume);
      sem::Volume x;
      x.id = v.req("id").str();
      x.name = v.str_or("name", "");
      x.size_gb = v.req("size").int32();
      x.status = v.str_or("status", "available");
      x.bootable = v.bool_or("bootable", false);
      x.volume_type = v.str_or("volume_type", "");
      x.availability_zone = v.str_or("availability_zone", "nova");
      x.project = v.str_or("project", "demo");
      x.multiattach = v.bool_or("multiattach", false);
      if (auto a = v.opt("attached_to")) x.attached_to = a->str_list();
      if (auto im = v.opt("image_id")) {
        x.image_id = im->str();
        x.volume_image_metadata = {{"image_id", *x.image_id}};
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
      x.size_gb = v.req("size").int32();
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
        ps.nova.instances = n->int_or("instances", ps.nova.instances);
        ps.nova.cores = n->int_or("cores", ps.nova.cores);
        ps.nova.ram_mb = n->int_or("ram", ps.nova.ram_mb);
      }
      if (auto c = q->opt("cinder")) {
        std::vector<std::string> per_type;  // kCinderQuota.pattern_keys, for the volume types that exist
        for (const auto& t : s.cloud.volume_types) {
          per_type.push_back("volumes_" + t.name);
          per_type.push_back("gigabytes_" + t.name);
        }
        c->allow_keys(scn::kCinderQuota, per_type);
        ps.cinder.volumes = c->int_or("volumes", ps.cinder.volumes);
        ps.cinder.gigabytes = c->int_or("gigabytes", ps.cinder.gigabytes);
        ps.cinder.snapshots = c->int_or("snapshots", ps.cinder.snapshots);
        for (const auto& t : s.cloud.volume_types) {
          if (auto v = c->opt("volumes_" + t.name)) ps.cinder.volumes_per_type[t.name] = v->integer();
          if (auto g = c->opt("gigabytes_" + t.name)) ps.cinder.gigabytes_per_type[t.name] = g->integer();
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
      e.fail("a stream needs exactly one of 'request' (a POST /servers body), 'cli' (a command line), 'image' (a Glance image "
             "create + upload) or 'volume' (a Cinder volume create, attach / detach, delete)");
    if (auto r = e.opt("request")) {
      st.body = r->json();
      if (!st.body.is_object()) r->fail("expected the POST /servers body, e.g. {server: {...}}");
    }
    if (auto c = e.opt("cli")) st.cli = c->str();
    if (auto im = e.opt("image")) {
      im->allow_keys(scn::kImageUpload);
      st.kind = "image_upload";
      st.body = im->req("body").json();
      if (auto u = im->opt("upload")) st.upload_bytes = u->size_bytes();
    }
    if (auto v = e.opt("volume")) {
      // Stand-alone volume workload (sim/runtime/rally_iteration.cpp): POST /volumes, polled until
      // available; optionally attached to the server with the same index of stream `attach_to`
      // (POST os-volume_attachments, polled until in-use), held, detached (polled until available);
      // optionally deleted (polled until gone). The client polls every `poll`.
      v->allow_keys(scn::kVolumeStream);
      st.kind = "volume";
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
        for (const auto& o : s.workload) found |= o.name == st.steps.attach_to && o.kind == "server";
        if (!found) at->fail("attach_to names an earlier server stream of this workload ('" + st.steps.attach_to + "' is none)");
      }
      st.steps.hold_s = v->time_or("hold", 0);
      if (v->has("hold") && !v->has("attach_to")) v->req("hold").fail("hold is how long the volume stays attached: it needs attach_to");
      st.steps.delete_volume = v->bool_or("delete", false);
      st.steps.poll_s = v->time_or("poll", 1.0);
      if (st.steps.poll_s <= 0) v->req("poll").fail("poll must be positive");
    }
    if (auto c = e.opt("count")) st.count = static_cast<int>(scn::bounded(*c, scn::kStream.key("count")));
    if (auto a = e.opt("arrival")) {
      a->allow_keys(scn::kArrival);
      auto& ar = st.arrival;
      ar.kind = a->req("type").str();
      const auto& kinds = scn::kArrivalTypes;
      if (std::find(kinds.begin(), kinds.end(), ar.kind) == kinds.end()) {
        std::string hint = scn::did_you_mean(ar.kind, kinds);
        a->req("type").fail("unknown arrival type '" + ar.kind + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      }
      ar.start_s = a->time_or("start", 0);
      if (auto iv = a->opt("interval")) ar.rate_per_s = 1.0 / iv->time_s();
      ar.rate_per_s = a->num_or("rate", ar.rate_per_s);
      ar.rate_end_per_s = a->num_or("to_rate", ar.rate_per_s);
      ar.duration_s = a->time_or("duration", 0);
      if (auto c = a->opt("concurrency")) ar.concurrency = static_cast<int>(scn::bounded(*c, scn::kArrival.key("concurrency")));
      // A rate below one request per 1e9 s would place arrivals past the simulated-time limit.
      if (ar.rate_per_s < 1 / limits::kMaxTimeS) a->fail("rate must be positive (at least 1e-9 per second)");
      if (ar.kind == "ramp" && ar.rate_end_per_s < 1 / limits::kMaxTimeS)
        a->req("to_rate").fail("to_rate must be positive (at least 1e-9 per second): a ramp to 0 never ends");
      if (ar.kind == "ramp" && ar.duration_s <= 0) a->fail("a ramp needs a duration");
      if (ar.kind == "rally_constant_for_duration" && ar.duration_s <= 0) a->fail("rally_constant_for_duration needs a duration");
      if (ar.concurrency < 1) a->req("concurrency").fail("concurrency must be at least 1");
    }
    if (st.kind == "volume" && st.arrival.kind.rfind("rally_", 0) == 0)
      e.req("arrival").fail("a volume stream takes burst, constant, poisson or ramp arrivals");
    if (auto t = e.opt("then")) {
      if (st.kind == "volume") t->fail("a volume stream says what happens to its volumes in volume: (attach_to, hold, delete)");
      if (t->is_scalar()) {
        st.then.kind = t->str();
        if (!scn::one_of(scn::kThenForms, st.then.kind))
          t->fail("expected keep, delete_when_all_up or {delete_after: \"10min\"}");
      } else {
        t->allow_keys(scn::kThen);
        st.then.kind = "delete_after";
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
    fs.kind = e.req("kind").str();
    if (std::find(kinds.begin(), kinds.end(), fs.kind) == kinds.end()) {
      std::string hint = scn::did_you_mean(fs.kind, kinds);
      e.req("kind").fail("unknown fault kind '" + fs.kind + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
    fs.target = e.str_or("target", "");
    if (fs.target.empty() && fs.kind != "bus_delay") e.fail("fault '" + fs.kind + "' needs a target");
    fs.factor = e.num_or("factor", 1);
    fs.delay_s = e.time_or("delay", 0);
    // a libvirt error as str(libvirtError) reads; assumed default: QEMU dying while libvirt connects
    fs.message = e.str_or("message", "internal error: process exited while connecting to monitor");
    if (e.has("message") && fs.kind != "spawn_fail") e.req("message").fail("'message' is only read by kind spawn_fail");
    s.faults.push_back(fs);
  }
}

void load_expect(const scn::Node& x, Scenario& s) {
  for (const auto& e : x.items()) {
    e.allow_keys(scn::kExpect);
    if (auto v = e.opt("volumes")) v->allow_keys(scn::kExpectVolumes);
    if (auto q = e.opt("quota")) q->allow_keys(scn::kExpectQuota);
    if (e.has("bdm") && !e.has("request")) e.req("bdm").fail("'bdm' names a BDM of one request: add 'request'");
    if ((e.has("volume_status") || e.has("bdm_fields")) && !e.has("bdm"))
      e.fail("'volume_status' and 'bdm_fields' check one BDM: add 'bdm' (its index in the normalized list)");
    if (auto b = e.opt("bdm_fields"); b && !b->is_map()) b->fail("expected a mapping of BDM fields, e.g. {boot_index: -1}");
    Expectation ex;
    ex.where = e.where();
    ex.spec = e.json();
    ex.text = ex.spec.dump();
    // Validate time bounds now so a typo fails at load, not at the end of a long run.
    for (const char* k : {"below", "above"})
      if (auto b = e.opt(k)) ex.spec[k] = b->time_s();
    if (e.has("phase") && !e.has("percentile")) e.fail("a phase expectation needs 'percentile' (e.g. 95)");
    if (auto pc = e.opt("percentile")) {
      const double p = pc->number();
      if (p < 0 || p > 100) pc->fail("percentile must be between 0 and 100");
    }
    if (e.has("volumes") + e.has("quota") + e.has("phase") + e.has("request") > 1)
      e.fail("one expectation checks one thing: use separate list items");
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
  if (s.nova.images_type == "rbd" && !s.topology.ceph.present)
    root.req("config").req("nova").req("libvirt").req("images_type").fail("images_type 'rbd' needs a topology.ceph cluster (the vms pool)");
  if (auto c = root.opt("cloud")) load_cloud(*c, s);
  if (auto p = root.opt("projects")) load_projects(*p, s);
  load_workload(root.req("workload"), s);
  if (auto f = root.opt("faults")) load_faults(*f, s);
  if (auto e = root.opt("expect")) load_expect(*e, s);
  s.sample_interval_s = root.time_or("sample_interval", 1.0);
  if (s.sample_interval_s < limits::kMinSampleIntervalS) root.req("sample_interval").fail("sample_interval must be at least 1ms");
  s.end_after_s = root.time_or("end_after", 0);
  return s;
}

Scenario load_scenario(const std::string& path) {
  return load_scenario_text(scn::read_text_file(path), path);
}

}  // namespace bfv

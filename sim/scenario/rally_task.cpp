// Rally task file -> workload streams. Formats (rally docs, task format v1 and v2):
//   v2: {version: 2, title, description, tags, subtasks: [{title, scenario: {Name: args},
//        runner: {constant: {...}} (or the v1 shape {type: constant, ...}), contexts, sla, hooks}
//        | {title, workloads: [{scenario, runner, contexts, sla}]}]}
//   v1: {Name: [{args, runner: {type, ...}, context, sla, hooks}]}
// Jinja templating is not supported: the file must already be plain YAML/JSON.
#include "sim/scenario/rally_task.hpp"

#include "sim/scenario/limits.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "sim/scenario/yaml_node.hpp"

namespace bfv {
namespace {

// min_sleep / max_sleep are seconds of simulated time: finite, not negative, within limits::kMaxTimeS.
void check_sleep(const scn::Node& a, double lo, double hi) {
  for (auto [k, v] : {std::pair<const char*, double>{"min_sleep", lo}, {"max_sleep", hi}})
    if (v < 0 || v > limits::kMaxTimeS) a.req(k).fail(std::string(k) + " must be between 0 and 1e9 seconds (docs/limits.md)");
}


struct RawWorkload {
  scn::Node where_node;
  std::string name;
  std::optional<scn::Node> scenario_name_node;
  std::optional<scn::Node> args, runner, contexts, sla, hooks;
};

std::string join(const std::vector<std::string>& v) {
  std::string o;
  for (const auto& x : v) o += (o.empty() ? "" : ", ") + x;
  return o;
}

// image / flavor arguments: Rally's resource types accept {name: ...}, {uuid: ...} (and {regex}, not supported here).
std::string resolve_image(const scn::Node& n, const Scenario& s) {
  if (n.is_scalar()) n.fail("expected {name: ...} or {uuid: ...} (Rally's image argument)");
  n.allow_keys({"name", "uuid"});
  if (auto u = n.opt("uuid")) return u->str();
  std::string name = n.req("name").str();
  std::vector<std::string> names;
  for (const auto& im : s.cloud.images) {
    if (im.name == name) return im.id;
    names.push_back(im.name);
  }
  n.req("name").fail("no image named '" + name + "' in the cloud scenario (images: " + join(names) + ")");
}

std::string resolve_flavor(const scn::Node& n, const Scenario& s) {
  if (n.is_scalar()) n.fail("expected {name: ...} or {uuid: ...} (Rally's flavor argument)");
  n.allow_keys({"name", "uuid", "id"});
  for (const char* k : {"uuid", "id"})
    if (auto u = n.opt(k)) return u->str();
  std::string name = n.req("name").str();
  std::vector<std::string> names;
  for (const auto& f : s.cloud.flavors) {
    if (f.name == name) return f.id;
    names.push_back(f.name);
  }
  n.req("name").fail("no flavor named '" + name + "' in the cloud scenario (flavors: " + join(names) + ")");
}

void parse_runner(const std::optional<scn::Node>& rn, StreamSpec& st) {
  st.arrival.kind = "rally_serial";
  st.count = 1;
  if (!rn) return;  // Rally's default runner: serial, times 1
  std::string type;
  scn::Node cfg = *rn;
  if (rn->has("type")) {
    type = rn->req("type").str();  // v1 shape {type: constant, times: ..}
  } else {
    auto e = rn->entries();
    if (e.size() != 1) rn->fail("a runner is {TYPE: {options}}, e.g. {constant: {times: 10, concurrency: 2}}");
    type = e[0].first;
    cfg = e[0].second;
  }
  static const std::vector<std::string> types{"constant", "serial", "rps", "constant_for_duration"};
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    std::string hint = scn::did_you_mean(type, types);
    rn->fail("unsupported runner '" + type + "' (supported: " + join(types) + ")" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  auto ck = [&](std::initializer_list<const char*> k) {
    std::vector<std::string> keys(k.begin(), k.end());
    if (rn->has("type")) keys.push_back("type");
    if (cfg.is_map()) cfg.allow_keys(keys);
  };
  bool empty = cfg.is_null();
  auto int_or = [&](const char* k, int64_t d) {  // bounded before anything is allocated (docs/limits.md)
    if (empty || !cfg.has(k)) return static_cast<int>(d);
    const int64_t hi = std::string(k) == "concurrency" ? limits::kMaxConcurrency : limits::kMaxRequests;
    return static_cast<int>(cfg.req(k).integer_in(std::string(k) == "times" ? 1 : 0, hi));
  };
  if (type == "constant") {
    ck({"times", "concurrency", "timeout", "max_cpu_count"});
    st.arrival.kind = "rally_constant";
    st.count = int_or("times", 1);
    st.arrival.concurrency = int_or("concurrency", 1);
  } else if (type == "serial") {
    ck({"times"});
    st.count = int_or("times", 1);
  } else if (type == "rps") {
    ck({"times", "rps", "timeout", "max_concurrency", "max_cpu_count"});
    st.arrival.kind = "rally_rps";
    st.count = int_or("times", 1);
    if (empty || !cfg.has("rps")) rn->fail("the rps runner needs 'rps' (a number; the {start, end, step} form is not supported)");
    if (!cfg.req("rps").is_scalar()) cfg.req("rps").fail("only a constant rps (a number) is supported");
    st.arrival.rate_per_s = cfg.req("rps").number();
    if (st.arrival.rate_per_s <= 0) cfg.req("rps").fail("rps must be positive");
  } else {
    ck({"duration", "concurrency", "timeout"});
    st.arrival.kind = "rally_constant_for_duration";
    if (empty || !cfg.has("duration")) rn->fail("constant_for_duration needs 'duration' (seconds)");
    st.arrival.duration_s = cfg.req("duration").number();
    if (st.arrival.duration_s > limits::kMaxTimeS) cfg.req("duration").fail("duration must be at most 1e9 seconds (docs/limits.md)");
    st.arrival.concurrency = int_or("concurrency", 1);
    // iterations are bounded by the duration; the request table still needs a bound
    st.count = 10000;
    if (st.arrival.duration_s <= 0) cfg.req("duration").fail("duration must be positive");
  }
  if (st.count < 1) rn->fail("times must be at least 1");
  if (st.arrival.concurrency < 1) rn->fail("concurrency must be at least 1");
}

std::vector<std::string> parse_contexts(const std::optional<scn::Node>& cn, Scenario& s) {
  std::vector<std::string> projects;
  int tenants = 1;
  bool users = false;
  if (cn) {
    static const std::vector<std::string> known{"users", "quotas"};
    for (const auto& [k, v] : cn->entries())
      if (std::find(known.begin(), known.end(), k) == known.end())
        v.fail("unsupported context '" + k + "' (supported: users, quotas)");
    if (auto u = cn->opt("users")) {
      users = true;
      u->allow_keys({"tenants", "users_per_tenant", "resource_management_workers", "project_domain", "user_domain",
                     "user_choice_method"});
      tenants = u->int32_or("tenants", 1);
      if (tenants < 1) u->req("tenants").fail("tenants must be at least 1");
      if (u->str_or("user_choice_method", "random") != "random" && u->str_or("user_choice_method", "random") != "round_robin")
        u->req("user_choice_method").fail("expected random or round_robin");
    }
  }
  // Without a users context Rally runs as the deployment's existing user: one project.
  if (!users) projects.push_back(s.projects.empty() ? "demo" : s.projects.front().id);
  else
    for (int i = 1; i <= tenants; ++i) projects.push_back("rally_tenant_" + std::to_string(i));
  for (const auto& id : projects) {
    bool have = false;
    for (const auto& p : s.projects) have |= p.id == id;
    if (!have) s.projects.push_back(s.default_project(id));
  }
  if (cn)
    if (auto q = cn->opt("quotas")) {
      q->allow_keys({"nova", "cinder", "neutron"});
      for (auto& p : s.projects) {
        if (std::find(projects.begin(), projects.end(), p.id) == projects.end()) continue;
        if (auto n = q->opt("nova")) {
          n->allow_keys({"instances", "cores", "ram", "floating_ips", "fixed_ips", "metadata_items", "injected_files",
                         "injected_file_content_bytes", "injected_file_path_bytes", "key_pairs", "security_groups",
                         "security_group_rules", "server_groups", "server_group_members"});
          p.nova.instances = n->int_or("instances", p.nova.instances);
          p.nova.cores = n->int_or("cores", p.nova.cores);
          p.nova.ram_mb = n->int_or("ram", p.nova.ram_mb);
        }
        if (auto c = q->opt("cinder")) {
          c->allow_keys({"volumes", "gigabytes", "snapshots", "backups", "backup_gigabytes", "groups", "per_volume_gigabytes"});
          p.cinder.volumes = c->int_or("volumes", p.cinder.volumes);
          p.cinder.gigabytes = c->int_or("gigabytes", p.cinder.gigabytes);
          p.cinder.snapshots = c->int_or("snapshots", p.cinder.snapshots);
        }
      }
    }
  return projects;
}

}  // namespace

const std::vector<std::string>& rally_supported_scenarios() {
  static const std::vector<std::string> v{"NovaServers.boot_server_from_volume", "NovaServers.boot_server_from_volume_and_delete",
                                          "NovaServers.boot_and_delete_server", "NovaServers.boot_server",
                                          "CinderVolumes.create_volume", "CinderVolumes.create_and_delete_volume"};
  return v;
}

RallyTask apply_rally_task_text(const std::string& text, const std::string& display_name, Scenario& s) {
  scn::Node root = scn::load_string(text, display_name);
  if (!root.is_map()) root.fail("a Rally task is a mapping (format v2: version: 2, subtasks: [...]; v1: {Scenario.name: [...]})");
  std::vector<RawWorkload> wls;
  if (root.has("version")) {
    root.allow_keys({"version", "title", "description", "tags", "subtasks"});
    if (root.req("version").integer() != 2) root.req("version").fail("only task format version 2 (or v1 without 'version') is supported");
    for (const auto& st : root.req("subtasks").items()) {
      st.allow_keys({"title", "description", "tags", "scenario", "runner", "contexts", "sla", "hooks", "workloads", "run_in_parallel"});
      std::vector<scn::Node> items;
      if (auto w = st.opt("workloads")) {
        if (st.has("scenario")) st.fail("a subtask has either 'scenario' or 'workloads', not both");
        for (const auto& x : w->items()) {
          x.allow_keys({"description", "scenario", "runner", "contexts", "sla", "hooks"});
          items.push_back(x);
        }
      } else {
        items.push_back(st);
      }
      for (const auto& x : items) {
        auto sc = x.req("scenario");
        auto e = sc.entries();
        if (e.size() != 1) sc.fail("a scenario is {Name: {args}}, e.g. {NovaServers.boot_server: {flavor: {name: m1.tiny}}}");
        RawWorkload r{x, e[0].first, sc, e[0].second.is_null() ? std::nullopt : std::optional<scn::Node>(e[0].second),
                      x.opt("runner"), x.opt("contexts"), x.opt("sla"), x.opt("hooks")};
        wls.push_back(r);
      }
    }
  } else {
    for (const auto& [name, list] : root.entries())
      for (const auto& x : list.items()) {
        x.allow_keys({"args", "runner", "context", "sla", "hooks", "description"});
        wls.push_back({x, name, list, x.opt("args"), x.opt("runner"), x.opt("context"), x.opt("sla"), x.opt("hooks")});
      }
  }
  if (wls.empty()) root.fail("the task has no workload");
  if (wls.size() > 1)
    wls[1].where_node.fail("this version simulates one workload per task (Rally runs several one after another); split the task");
  auto& w = wls.front();
  const auto& supported = rally_supported_scenarios();
  if (std::find(supported.begin(), supported.end(), w.name) == supported.end()) {
    std::string hint = scn::did_you_mean(w.name, supported);
    w.scenario_name_node->fail("unsupported Rally scenario '" + w.name + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                               " (supported: " + join(supported) + ")");
  }
  if (w.hooks) w.hooks->fail("Rally hooks are not supported");

  RallyTask task;
  task.scenario = w.name;
  StreamSpec st;
  st.where = w.where_node.where();
  st.name = "rally";
  for (int i = 2; std::any_of(s.workload.begin(), s.workload.end(), [&](const StreamSpec& o) { return o.name == st.name; }); ++i)
    st.name = "rally-" + std::to_string(i);
  task.stream = st.name;
  st.rally_polling = true;
  parse_runner(w.runner, st);
  st.rally_projects = parse_contexts(w.contexts, s);
  st.project = st.rally_projects.front();

  if (w.name.rfind("CinderVolumes.", 0) == 0) {
    // rally_openstack/task/scenarios/cinder/volumes.py: CreateVolume / CreateAndDeleteVolume —
    // POST /volumes (with imageRef when `image` is given), Rally's 2 s polls until available.
    task.deletes = w.name == "CinderVolumes.create_and_delete_volume";
    task.cinder_only = true;
    if (!w.args) w.where_node.fail("scenario " + w.name + " needs args (at least size)");
    const auto& a = *w.args;
    std::vector<std::string> keys{"size", "image", "volume_type"};
    if (task.deletes) for (const char* k : {"min_sleep", "max_sleep"}) keys.push_back(k);
    a.allow_keys(keys);
    auto sz = a.req("size");
    if (!sz.is_scalar()) sz.fail("only an integer size is supported (not {min, max})");
    st.kind = "volume_create";
    st.rally_volume_size = sz.int32();
    if (auto im = a.opt("image")) st.rally_volume_image = resolve_image(*im, s);
    if (auto vt = a.opt("volume_type")) st.rally_volume_type = vt->str();
    if (task.deletes) {
      double lo = a.num_or("min_sleep", 0), hi = a.num_or("max_sleep", 0);
    check_sleep(a, lo, hi);
      if (hi < lo) a.req("max_sleep").fail("max_sleep must be >= min_sleep");
      st.then.kind = "delete_after";
      st.then.delay_s = (lo + hi) / 2;
    }
  } else {
  // Arguments.
  const bool bfv = w.name.rfind("NovaServers.boot_server_from_volume", 0) == 0;
  task.deletes = w.name == "NovaServers.boot_server_from_volume_and_delete" || w.name == "NovaServers.boot_and_delete_server";
  if (!w.args) w.where_node.fail("scenario " + w.name + " needs args (at least image and flavor)");
  const auto& a = *w.args;
  std::vector<std::string> keys{"image", "flavor", "auto_assign_nic", "availability_zone", "key_name"};
  if (bfv) for (const char* k : {"volume_size", "volume_type"}) keys.push_back(k);
  else keys.push_back("block_device_mapping_v2");
  if (task.deletes) for (const char* k : {"min_sleep", "max_sleep", "force_delete"}) keys.push_back(k);
  a.allow_keys(keys);
  nlohmann::json server{{"name", "s_rally_" + st.name}, {"flavorRef", resolve_flavor(a.req("flavor"), s)}};
  std::optional<std::string> image;
  if (auto im = a.opt("image")) image = resolve_image(*im, s);
  if (auto az = a.opt("availability_zone")) server["availability_zone"] = az->str();
  if (auto kn = a.opt("key_name")) server["key_name"] = kn->str();
  if (bfv) {
    // As Rally does (rally_openstack/task/scenarios/nova/servers.py::BootServerFromVolume): the
    // volume is created through Cinder first (cinder_v3.create_volume with imageRef, polled until
    // `available`), then the server boots with the legacy mapping {"vda": "<vol>:::0"}, which
    // novaclient sends as block_device_mapping [{device_name: vda, volume_id, delete_on_termination: "0"}]
    // and imageRef "" (sim/runtime/workload.cpp::iteration). The volume is left for Rally's cleanup.
    if (!image) a.fail(w.name + " needs 'image'");
    auto vs = a.req("volume_size");
    if (!vs.is_scalar()) vs.fail("only an integer volume_size is supported (not {min, max})");
    st.rally_volume_image = *image;
    st.rally_volume_size = vs.int32();
    if (auto vt = a.opt("volume_type")) st.rally_volume_type = vt->str();
    server["imageRef"] = "";
  } else {
    if (image) server["imageRef"] = *image;
    if (auto b = a.opt("block_device_mapping_v2")) {
      server["block_device_mapping_v2"] = b->json();
      if (!server["block_device_mapping_v2"].is_array()) b->fail("block_device_mapping_v2 is a list of mappings");
    }
    if (!image && !server.contains("block_device_mapping_v2")) a.fail(w.name + " needs 'image' (or block_device_mapping_v2)");
  }
  st.body = {{"server", server}};
  if (task.deletes) {
    double lo = a.num_or("min_sleep", 0), hi = a.num_or("max_sleep", 0);
    check_sleep(a, lo, hi);
    if (hi < lo) a.req("max_sleep").fail("max_sleep must be >= min_sleep");
    st.then.kind = "delete_after";
    st.then.delay_s = (lo + hi) / 2;  // Rally sleeps uniform(min_sleep, max_sleep); the mean is used
    if (a.bool_or("force_delete", false)) a.req("force_delete").fail("force_delete is not supported");
  }
  }  // NovaServers.*
  // SLA.
  if (w.sla) {
    for (const auto& [k, v] : w.sla->entries())
      if (k != "failure_rate") v.fail("unsupported SLA '" + k + "' (supported: failure_rate)");
    if (auto fr = w.sla->opt("failure_rate")) {
      fr->allow_keys({"max", "min"});
      task.sla_failure_rate_min = fr->num_or("min", 0);
      task.sla_failure_rate_max = fr->num_or("max", 100);
    }
  }
  s.workload.push_back(std::move(st));
  return task;
}

RallyTask apply_rally_task(const std::string& path, Scenario& s) {
  return apply_rally_task_text(scn::read_text_file(path), path, s);
}

}  // namespace bfv

// Rally task file -> workload streams. Formats (rally/task/task_cfg.py::TaskConfig):
//   v2: {version: 2, title, description, tags, subtasks: [{title, scenario: {Name: args},
//        runner: {constant: {...}}, contexts, sla, hooks} | {title, workloads: [{scenario, runner, contexts, sla}]}]}
//   v1: {Name: [{args, runner: {type, ...}, context, sla, hooks}], ...} (optionally `version: 1`)
// The file is first rendered as a Jinja2 template with the task args (sim/scenario/rally_render.cpp),
// then parsed as YAML (JSON is YAML), as rally/cli/commands/task.py::_load_and_validate_task does.
#include "sim/scenario/rally_task.hpp"

#include "sim/scenario/limits.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "sim/scenario/rally_render.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace bfv {
namespace {

// min_sleep / max_sleep are seconds of simulated time: finite, not negative, within limits::kMaxTimeS.
void check_sleep(const scn::Node& a, double lo, double hi) {
  for (auto [k, v] : {std::pair<const char*, double>{"min_sleep", lo}, {"max_sleep", hi}})
    if (v < 0 || v > limits::kMaxTimeS)
      a.req(k).fail(std::string(k) + " must be between 0 and 1e9 seconds (docs/limits.md)");
}

struct RawWorkload {
  scn::Node where_node;
  std::string name;
  scn::Node scenario_name_node;
  std::optional<scn::Node> args, runner, contexts, sla, hooks;
  std::string description;
  int subtask = 0;
};

std::string join(const std::vector<std::string>& v) {
  std::string o;
  for (const auto& x : v) o += (o.empty() ? "" : ", ") + x;
  return o;
}

// rally/exceptions.py::InvalidScenarioArgument: "Invalid scenario argument: '<message>'".
[[noreturn]] void invalid_argument(const scn::Node& n, const std::string& message) {
  n.fail("Invalid scenario argument: '" + message + "'");
}

struct Named {
  std::string id, name;
};

// rally/task/types.py::obj_from_name (strict: several matches are an error; used by
// rally_openstack/task/types.py::Flavor through types._id_from_name) and
// rally_openstack/task/types.py::OpenStackResourceType._find_resource (inexact: several regex
// matches pick the last by name unless `accurate: true`; used by GlanceImage). Python's re.search
// is run as std::regex ECMAScript search: the same for the patterns Rally samples use.
std::string find_resource(const nlohmann::json& spec, const std::vector<Named>& all, const std::string& typename_title,
                          bool inexact) {
  for (const char* k : {"id", "uuid"})
    if (spec.contains(k)) return spec[k].is_string() ? spec[k].get<std::string>() : spec[k].dump();
  auto ids = [](const std::vector<const Named*>& v) {
    std::string o;
    for (const auto* r : v) o += (o.empty() ? "" : ", ") + r->id;
    return o;
  };
  bool accurate = spec.contains("accurate") && spec["accurate"].is_boolean() && spec["accurate"].get<bool>();
  std::string pattern;
  if (spec.contains("name")) {
    std::string name = spec["name"].is_string() ? spec["name"].get<std::string>() : spec["name"].dump();
    std::vector<const Named*> exact;
    for (const auto& r : all)
      if (r.name == name) exact.push_back(&r);
    if (exact.size() == 1) return exact[0]->id;
    if (exact.size() > 1)
      throw scn::ScenarioError(typename_title + " with name '" + name +
                               "' is ambiguous, possible matches by id: " + ids(exact));
    if (inexact && accurate) throw scn::ScenarioError(typename_title + " with name '" + name + "' not found");
    pattern = name;  // else look up as regex
  } else if (spec.contains("regex")) {
    pattern = spec["regex"].is_string() ? spec["regex"].get<std::string>() : spec["regex"].dump();
  } else {
    throw scn::ScenarioError(typename_title + " 'id', 'name', or 'regex' not found in '" + spec.dump() + "' ");
  }
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw scn::ScenarioError(typename_title + " pattern '" + pattern +
                             "' is not a valid regular expression: " + e.what());
  }
  std::vector<const Named*> matching;
  for (const auto& r : all)
    if (std::regex_search(r.name, re)) matching.push_back(&r);
  if (matching.empty()) throw scn::ScenarioError(typename_title + " with pattern '" + pattern + "' not found");
  if (matching.size() > 1) {
    if (inexact && !accurate)
      return (*std::max_element(matching.begin(), matching.end(),
                                [](const Named* a, const Named* b) { return a->name < b->name; }))
          ->id;
    throw scn::ScenarioError(typename_title + " with name '" + pattern +
                             "' is ambiguous, possible matches by id: " + ids(matching));
  }
  return matching[0]->id;
}

std::string resolve_arg(const scn::Node& n, const Scenario& s, bool image) {
  if (!n.is_map())
    n.fail(std::string("expected {name: ...}, {regex: ...} or {id: ...} (Rally's ") + (image ? "image" : "flavor") +
           " argument)");
  if (image)
    n.allow_keys({"id", "uuid", "name", "regex", "accurate", "list_kwargs"});
  else
    n.allow_keys({"id", "uuid", "name", "regex"});
  try {
    return image ? rally_resolve_image(n.json(), s) : rally_resolve_flavor(n.json(), s);
  } catch (const scn::ScenarioError& e) {
    invalid_argument(n, e.what());
  }
}

void parse_runner(const std::optional<scn::Node>& rn, StreamSpec& st, RallyWorkload& w) {
  // rally/task/task_cfg.py: no runner -> serial with its defaults (times 1).
  st.arrival.kind = ArrivalKind::RallySerial;
  st.count = 1;
  w.runner_type = "serial";
  w.runner = nlohmann::json::object();
  if (!rn) return;
  std::string type;
  scn::Node cfg = *rn;
  if (rn->has("type")) {
    type = rn->req("type").str();  // v1 shape {type: constant, times: ..}
    w.runner = rn->json();
    w.runner.erase("type");
  } else {
    auto e = rn->entries();
    if (e.size() != 1) rn->fail("a runner is {TYPE: {options}}, e.g. {constant: {times: 10, concurrency: 2}}");
    type = e[0].first;
    cfg = e[0].second;
    w.runner = cfg.is_null() ? nlohmann::json::object() : cfg.json();
  }
  w.runner_type = type;
  static const std::vector<std::string> types{"constant", "constant_for_duration", "rps", "serial"};
  if (std::find(types.begin(), types.end(), type) == types.end()) {
    std::string hint = scn::did_you_mean(type, types);
    rn->fail("unsupported runner '" + type + "' (supported: " + join(types) + ")" +
             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
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
  // rally/plugins/task/runners/*.py defaults: constant times 1 concurrency 1; serial times 1; rps times 1.
  if (type == "constant") {
    ck({"times", "concurrency", "timeout", "max_cpu_count"});
    st.arrival.kind = ArrivalKind::RallyConstant;
    st.count = int_or("times", 1);
    st.arrival.concurrency = int_or("concurrency", 1);
  } else if (type == "serial") {
    ck({"times"});
    st.count = int_or("times", 1);
  } else if (type == "rps") {
    ck({"times", "rps", "timeout", "max_concurrency", "max_cpu_count", "max_cpu_usage"});
    st.arrival.kind = ArrivalKind::RallyRps;
    st.count = int_or("times", 1);
    if (empty || !cfg.has("rps"))
      rn->fail("the rps runner needs 'rps' (a number; the {start, end, step} form is not supported)");
    if (!cfg.req("rps").is_scalar()) cfg.req("rps").fail("only a constant rps (a number) is supported");
    st.arrival.rate_per_s = cfg.req("rps").number();
    if (st.arrival.rate_per_s <= 0) cfg.req("rps").fail("rps must be positive");
    // rally/plugins/task/runners/rps.py: max_concurrency (default times) bounds the iterations in flight
    st.arrival.concurrency = cfg.has("max_concurrency")
                                 ? static_cast<int>(cfg.req("max_concurrency").integer_in(1, limits::kMaxConcurrency))
                                 : st.count;
  } else {
    ck({"duration", "concurrency", "timeout"});
    st.arrival.kind = ArrivalKind::RallyConstantForDuration;
    if (empty || !cfg.has("duration")) rn->fail("constant_for_duration needs 'duration' (seconds)");
    st.arrival.duration_s = cfg.req("duration").number();
    if (st.arrival.duration_s > limits::kMaxTimeS)
      cfg.req("duration").fail("duration must be at most 1e9 seconds (docs/limits.md)");
    st.arrival.concurrency = int_or("concurrency", 1);
    st.count = 10000;  // iterations are bounded by the duration; the request table still needs a bound
    if (st.arrival.duration_s <= 0) cfg.req("duration").fail("duration must be positive");
  }
  for (const char* k : {"timeout", "max_cpu_count", "max_cpu_usage"})
    if (cfg.is_map() && cfg.has(k))
      w.notes.push_back(std::string("runner ") + k +
                        ": accepted; it bounds Rally's runner processes, nothing simulated here");
  if (st.count < 1) rn->fail("times must be at least 1");
  if (st.arrival.concurrency < 1) rn->fail("concurrency must be at least 1");
}

// Contexts (rally_openstack/task/contexts/...): users, quotas, api_versions, network, volumes, roles.
void parse_contexts(const std::optional<scn::Node>& cn, Scenario& s, StreamSpec& st, RallyWorkload& w,
                    std::string& cinder_prefix) {
  std::vector<std::string> projects;
  int tenants = 1;
  bool users = false;
  w.contexts = cn ? cn->json() : nlohmann::json::object();
  if (w.contexts.is_null()) w.contexts = nlohmann::json::object();
  if (cn && cn->is_map()) {
    static const std::vector<std::string> known{"users", "quotas", "api_versions", "network", "volumes", "roles"};
    for (const auto& [k, v] : cn->entries()) {
      std::string base = k.substr(0, k.find('@'));  // "users@openstack" is the same plugin
      if (std::find(known.begin(), known.end(), base) == known.end()) {
        std::string hint = scn::did_you_mean(base, known);
        v.fail("unsupported context '" + k + "' (supported: " + join(known) + ")" +
               (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
      }
    }
    auto ctx = [&](const char* name) -> std::optional<scn::Node> {
      if (auto n = cn->opt(name)) return n;
      return cn->opt(std::string(name) + "@openstack");
    };
    if (auto u = ctx("users")) {
      users = true;
      u->allow_keys({"tenants", "users_per_tenant", "resource_management_workers", "project_domain", "user_domain",
                     "user_choice_method"});
      tenants = u->int32_or("tenants", 1);
      if (tenants < 1) u->req("tenants").fail("tenants must be at least 1");
      if (u->str_or("user_choice_method", "random") != "random" &&
          u->str_or("user_choice_method", "random") != "round_robin")
        u->req("user_choice_method").fail("expected random or round_robin");
    }
    if (auto av = ctx("api_versions")) {
      // rally_openstack/task/contexts/api_versions.py: {client: {version, service_type, service_name}}
      for (const auto& [client, c] : av->entries()) {
        if (client != "nova" && client != "cinder" && client != "glance" && client != "neutron" && client != "keystone")
          c.fail("api_versions: unsupported client '" + client +
                 "' (supported: nova, cinder, glance, neutron, keystone)");
        c.allow_keys({"version", "service_type", "service_name"});
        if (client == "nova" && c.has("version")) {
          std::string v = c.req("version").str();
          if (v.find('.') == std::string::npos) v += ".1";
          if (v.rfind("2.", 0) != 0) c.req("version").fail("the compute API is version 2.x (e.g. 2.67)");
          st.microversion = v;
        }
        if (client == "cinder" && c.has("version")) {
          std::string v = c.req("version").str();
          if (v == "2")
            cinder_prefix = "cinder_v2";
          else if (v == "3" || v.rfind("3.", 0) == 0)
            cinder_prefix = "cinder_v3";
          else
            c.req("version").fail(
                "block storage API version 2 or 3 (rally_openstack/common/services/storage/block.py)");
        }
      }
    }
    if (auto n = ctx("network")) {
      n->allow_keys({"start_cidr", "networks_per_tenant", "subnets_per_network", "network_create_args",
                     "dns_nameservers", "dualstack", "router"});
      w.notes.push_back(
          "context network: accepted; the boots use the cloud's network (network creation takes no simulated time "
          "here)");
    }
    if (auto r = ctx("roles")) {
      if (!r->is_seq()) r->fail("roles is a list of role names, e.g. [admin]");
      w.notes.push_back("context roles: accepted; role assignment takes no simulated time");
    }
    if (auto v = ctx("volumes")) {
      // rally_openstack/task/contexts/cinder/volumes.py: size (required), type, volumes_per_tenant (default 1)
      v->allow_keys({"size", "type", "volumes_per_tenant"});
      st.ctx_volume_size = v->req("size").int32();
      if (st.ctx_volume_size < 1) v->req("size").fail("size must be at least 1");
      st.ctx_volumes_per_tenant =
          v->has("volumes_per_tenant") ? static_cast<int>(v->req("volumes_per_tenant").integer_in(1, 10000)) : 1;
      if (st.ctx_volumes_per_tenant < 1) v->req("volumes_per_tenant").fail("volumes_per_tenant must be at least 1");
      if (auto t = v->opt("type"); t && !t->is_null()) st.ctx_volume_type = t->str();
    }
  }
  // Without a users context Rally runs as the deployment's existing user: one project. Each
  // workload's users context makes its own tenants (Rally creates and deletes them per workload).
  if (!users)
    projects.push_back(s.projects.empty() ? "demo" : s.projects.front().id);
  else
    for (int i = 1; i <= tenants; ++i)
      projects.push_back(w.position == 0 ? "rally_tenant_" + std::to_string(i)
                                         : "rally_w" + std::to_string(w.position + 1) + "_tenant_" + std::to_string(i));
  for (const auto& id : projects) {
    bool have = false;
    for (const auto& p : s.projects) have |= p.id == id;
    if (!have) s.projects.push_back(s.default_project(id));
  }
  if (cn && cn->is_map()) {
    std::optional<scn::Node> q = cn->opt("quotas");
    if (!q) q = cn->opt("quotas@openstack");
    if (q) {
      q->allow_keys({"nova", "cinder", "neutron", "manila", "designate", "glance"});
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
          c->allow_keys(
              {"volumes", "gigabytes", "snapshots", "backups", "backup_gigabytes", "groups", "per_volume_gigabytes"});
          p.cinder.volumes = c->int_or("volumes", p.cinder.volumes);
          p.cinder.gigabytes = c->int_or("gigabytes", p.cinder.gigabytes);
          p.cinder.snapshots = c->int_or("snapshots", p.cinder.snapshots);
        }
      }
      for (const char* other : {"neutron", "manila", "designate", "glance"})
        if (q->has(other))
          w.notes.push_back(std::string("context quotas: ") + other + " quotas accepted; they limit nothing simulated");
    }
  }
  st.rally_projects = projects;
  st.project = projects.front();
}

// size: an integer, or {min, max} (rally_openstack/common/services/storage/cinder_common.py::create_volume:
// random.randint(min, max)).
void parse_size(const scn::Node& n, StreamSpec& st) {
  if (n.is_map()) {
    n.allow_keys({"min", "max"});
    st.steps.size_min_gb = n.req("min").int32();
    st.steps.size_max_gb = n.req("max").int32();
    if (st.steps.size_max_gb < st.steps.size_min_gb) n.req("max").fail("max must be >= min");
  } else {
    st.steps.size_min_gb = st.steps.size_max_gb = n.int32();
  }
  if (st.steps.size_min_gb < 1) n.fail("a volume size is at least 1 GB");
}

// Cinder create_volume kwargs a task may pass (POST /volumes body fields).
void parse_volume_kwargs(const scn::Node& a, StreamSpec& st, const Scenario& s, bool allow_image, RallyWorkload& rw) {
  for (const char* k : {"description", "metadata"})
    if (a.has(k)) rw.notes.push_back(std::string("volume ") + k + ": accepted; it changes no simulated time");
  if (auto vt = a.opt("volume_type"); vt && !vt->is_null()) st.steps.volume_type = vt->str();
  if (auto az = a.opt("availability_zone"); az && !az->is_null()) st.steps.volume_az = az->str();
  if (allow_image)
    if (auto im = a.opt("image"); im && !im->is_null()) st.steps.volume_image = resolve_arg(*im, s, true);
}

void parse_sleep(const scn::Node& a, StreamSpec& st) {
  st.steps.sleep_min_s = a.num_or("min_sleep", 0);
  st.steps.sleep_max_s = a.num_or("max_sleep", 0);
  check_sleep(a, st.steps.sleep_min_s, st.steps.sleep_max_s);
  if (st.steps.sleep_max_s < st.steps.sleep_min_s) a.req("max_sleep").fail("max_sleep must be >= min_sleep");
}

void parse_sla(const std::optional<scn::Node>& sn, RallyWorkload& w) {
  // rally/task/task_cfg.py: `sla` defaults to {failure_rate: {max: 0}}.
  if (!sn || sn->is_null()) {
    w.sla = {{"failure_rate", {{"max", 0}}}};
    w.criteria.failure_rate = std::make_pair(0.0, 0.0);
    return;
  }
  w.sla = sn->json();
  static const std::vector<std::string> known{"failure_rate", "max_seconds_per_iteration", "max_avg_duration",
                                              "outliers"};
  for (const auto& [k, v] : sn->entries())
    if (std::find(known.begin(), known.end(), k) == known.end()) {
      std::string hint = scn::did_you_mean(k, known);
      v.fail("unsupported SLA '" + k + "' (supported: " + join(known) + ")" +
             (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
  if (auto fr = sn->opt("failure_rate")) {
    // rally/plugins/task/sla/failure_rate.py: min 0, max 100 by default
    fr->allow_keys({"max", "min"});
    w.criteria.failure_rate = std::make_pair(fr->num_or("min", 0), fr->num_or("max", 100));
  }
  if (auto m = sn->opt("max_seconds_per_iteration")) w.criteria.max_seconds_per_iteration = m->number();
  if (auto m = sn->opt("max_avg_duration")) w.criteria.max_avg_duration = m->number();
  if (auto o = sn->opt("outliers")) {
    // rally/plugins/task/sla/outliers.py: max 0, min_iterations 3, sigmas 3.0
    o->allow_keys({"max", "min_iterations", "sigmas"});
    RallySla::Outliers x;
    x.max = static_cast<int>(o->int_or("max", 0));
    x.min_iterations = static_cast<int>(o->int_or("min_iterations", 3));
    x.sigmas = o->num_or("sigmas", 3.0);
    if (x.min_iterations < 3) o->req("min_iterations").fail("min_iterations is at least 3");
    if (x.sigmas <= 0) o->req("sigmas").fail("sigmas must be positive");
    w.criteria.outliers = x;
  }
}

// Server-create kwargs a task passes through _boot_server to novaclient's servers.create
// (novaclient/v2/servers.py::ServerManager._boot), as the body fields novaclient sends.
void server_kwargs(const scn::Node& a, nlohmann::json& server, nlohmann::json& hints, RallyWorkload& rw) {
  if (auto az = a.opt("availability_zone")) server["availability_zone"] = az->str();
  if (auto kn = a.opt("key_name")) server["key_name"] = kn->str();
  if (auto sg = a.opt("security_groups")) {
    nlohmann::json l = nlohmann::json::array();
    for (const auto& n : sg->str_list()) l.push_back({{"name", n}});
    server["security_groups"] = l;
  }
  if (auto cd = a.opt("config_drive")) server["config_drive"] = cd->json();
  if (auto m = a.opt("meta")) server["metadata"] = m->json();
  if (auto n = a.opt("nics")) {
    // [{"net-id": X}] -> networks [{"uuid": X}] (novaclient)
    nlohmann::json l = nlohmann::json::array();
    for (const auto& x : n->items()) {
      x.allow_keys({"net-id", "port-id", "v4-fixed-ip", "v6-fixed-ip", "tag"});
      nlohmann::json e = nlohmann::json::object();
      if (auto v = x.opt("net-id")) e["uuid"] = v->str();
      if (auto v = x.opt("port-id")) e["port"] = v->str();
      if (auto v = x.opt("v4-fixed-ip")) e["fixed_ip"] = v->str();
      l.push_back(e);
    }
    server["networks"] = l;
  }
  if (auto h = a.opt("scheduler_hints")) hints = h->json();
  if (a.has("description"))
    rw.notes.push_back("description: accepted; not sent (a server description needs microversion 2.19)");
  if (a.bool_or("auto_assign_nic", false))
    rw.notes.push_back(
        "auto_assign_nic: accepted; the boots use the cloud's network (the network context's networks are not "
        "simulated)");
}

// NovaServers.* arguments -> the POST /servers body (rally_openstack/task/scenarios/nova/servers.py).
void parse_nova(const RawWorkload& w, const scn::Node& a, StreamSpec& st, Scenario& s, RallyWorkload& rw) {
  const bool bfv = w.name.rfind("NovaServers.boot_server_from_volume", 0) == 0;
  const bool deletes =
      w.name == "NovaServers.boot_server_from_volume_and_delete" || w.name == "NovaServers.boot_and_delete_server";
  std::vector<std::string> keys{"image",           "flavor", "auto_assign_nic", "availability_zone",
                                "key_name",        "nics",   "security_groups", "config_drive",
                                "scheduler_hints", "meta",   "description"};
  if (bfv)
    for (const char* k : {"volume_size", "volume_type"}) keys.push_back(k);
  else
    keys.push_back("block_device_mapping_v2");
  if (deletes)
    for (const char* k : {"min_sleep", "max_sleep", "force_delete"}) keys.push_back(k);
  a.allow_keys(keys);
  nlohmann::json server{{"name", "s_rally_" + st.name}, {"flavorRef", resolve_arg(a.req("flavor"), s, false)}};
  std::optional<std::string> image;
  if (auto im = a.opt("image"); im && !im->is_null()) image = resolve_arg(*im, s, true);
  nlohmann::json hints;
  server_kwargs(a, server, hints, rw);
  st.steps.boot = true;
  if (bfv) {
    // rally_openstack/task/scenarios/nova/servers.py::BootServerFromVolume: cinder_v3.create_volume
    // (size, imageRef) polled until `available`, then the boot with the legacy mapping
    // {"vda": "<vol>:::0"}, which novaclient sends as block_device_mapping [{device_name: vda,
    // volume_id, delete_on_termination: "0"}] and imageRef "". The volume is left for Rally's cleanup.
    if (!image) a.fail(w.name + " needs 'image'");
    auto vs = a.req("volume_size");
    parse_size(vs, st);
    st.steps.volume_first = true;
    st.steps.volume_image = image;
    if (auto vt = a.opt("volume_type"); vt && !vt->is_null()) st.steps.volume_type = vt->str();
    server["imageRef"] = "";
  } else {
    if (image) server["imageRef"] = *image;
    if (auto b = a.opt("block_device_mapping_v2")) {
      server["block_device_mapping_v2"] = b->json();
      if (!server["block_device_mapping_v2"].is_array()) b->fail("block_device_mapping_v2 is a list of mappings");
    }
    if (!image && !server.contains("block_device_mapping_v2"))
      a.fail(w.name + " needs 'image' (or block_device_mapping_v2)");
  }
  st.body = {{"server", server}};
  if (!hints.is_null()) st.body["os:scheduler_hints"] = hints;
  if (deletes) {
    parse_sleep(a, st);
    st.steps.delete_server = true;
    if (a.bool_or("force_delete", false))
      a.req("force_delete").fail("force_delete: true is not supported (only the normal delete)");
  }
}

// CinderVolumes.* (rally_openstack/task/scenarios/cinder/volumes.py).
void parse_cinder(const RawWorkload& w, const scn::Node& a, StreamSpec& st, Scenario& s, RallyWorkload& rw) {
  static const std::vector<std::string> volume_kwargs{"availability_zone", "volume_type", "description", "metadata"};
  if (w.name == "CinderVolumes.create_and_attach_volume") {
    // CreateAndAttachVolume.run: _boot_server(image, flavor, **create_vm_params),
    // cinder.create_volume(size, **create_volume_params), _attach_volume, _detach_volume,
    // cinder.delete_volume, _delete_server.
    a.allow_keys({"size", "image", "flavor", "create_volume_params", "create_vm_params", "force_delete",
                  "availability_zone", "key_name"});
    parse_size(a.req("size"), st);
    nlohmann::json server{{"name", "s_rally_" + st.name},
                          {"flavorRef", resolve_arg(a.req("flavor"), s, false)},
                          {"imageRef", resolve_arg(a.req("image"), s, true)}};
    std::optional<scn::Node> vm = a.opt("create_vm_params");
    if (vm && (a.has("availability_zone") || a.has("key_name")))
      a.fail("You can not set both 'kwargs' and 'create_vm_params' attributes.Please use 'create_vm_params'.");
    const scn::Node& vmn = vm ? *vm : a;
    if (vm)
      vm->allow_keys({"availability_zone", "key_name", "nics", "security_groups", "config_drive", "meta", "description",
                      "scheduler_hints", "auto_assign_nic"});
    nlohmann::json hints;
    server_kwargs(vmn, server, hints, rw);
    st.body = {{"server", server}};
    if (!hints.is_null()) st.body["os:scheduler_hints"] = hints;
    if (auto cv = a.opt("create_volume_params")) {
      cv->allow_keys(volume_kwargs);
      parse_volume_kwargs(*cv, st, s, false, rw);
    }
    if (a.bool_or("force_delete", false))
      a.req("force_delete").fail("force_delete: true is not supported (only the normal delete)");
    st.steps.boot = st.steps.create_volume = st.steps.attach = st.steps.delete_volume = st.steps.delete_server = true;
    return;
  }
  const bool deletes = w.name == "CinderVolumes.create_and_delete_volume";
  std::vector<std::string> keys{"size", "image"};
  keys.insert(keys.end(), volume_kwargs.begin(), volume_kwargs.end());
  if (deletes)
    for (const char* k : {"min_sleep", "max_sleep"}) keys.push_back(k);
  a.allow_keys(keys);
  parse_size(a.req("size"), st);
  parse_volume_kwargs(a, st, s, true, rw);
  st.steps.create_volume = true;
  if (deletes) {
    parse_sleep(a, st);
    st.steps.delete_volume = true;
  }
}

std::string read_text(const std::string& path) { return scn::read_text_file(path); }  // bounded, UTF-8, once

}  // namespace

const std::vector<std::string>& rally_supported_scenarios() {
  static const std::vector<std::string> v{"NovaServers.boot_server",
                                          "NovaServers.boot_and_delete_server",
                                          "NovaServers.boot_server_from_volume",
                                          "NovaServers.boot_server_from_volume_and_delete",
                                          "CinderVolumes.create_volume",
                                          "CinderVolumes.create_and_delete_volume",
                                          "CinderVolumes.create_and_attach_volume"};
  return v;
}

std::string rally_resolve_image(const nlohmann::json& spec, const Scenario& s) {
  // rally_openstack/task/types.py::GlanceImage.pre_process: images listed with status=active
  // (rally_openstack/common/services/image/glance_v2.py::list_images), then _find_resource.
  std::vector<Named> all;
  for (const auto& im : s.cloud.images)
    if (im.status == "active") all.push_back({im.id, im.name});
  return find_resource(spec, all, "Glance_Image", true);
}

std::string rally_resolve_flavor(const nlohmann::json& spec, const Scenario& s) {
  // rally_openstack/task/types.py::Flavor.pre_process -> rally/task/types.py::_id_from_name(typename="flavor")
  std::vector<Named> all;
  for (const auto& f : s.cloud.flavors) all.push_back({f.id, f.name});
  return find_resource(spec, all, "Flavor", false);
}

RallyTask apply_rally_task_text(const std::string& source, const std::string& display_name, Scenario& s,
                                const RallyTaskOptions& opt) {
  RallyTask task;
  task.file = display_name;
  std::string text = source;
  std::string parse_name = display_name;
  if (has_jinja(source) || !opt.task_args.empty() || !opt.task_args_file.empty()) {
    text = render_rally_template(source, display_name, rally_task_args(opt.task_args, opt.task_args_file));
    parse_name = display_name + " (rendered by Jinja)";
  }
  scn::Node root = scn::load_string(text, parse_name);
  if (!root.is_map())
    root.fail("a Rally task is a mapping (format v2: version: 2, subtasks: [...]; v1: {Scenario.name: [...]})");
  std::vector<RawWorkload> wls;
  int version = 1;
  if (root.has("version")) version = static_cast<int>(root.req("version").integer());
  if (version != 1 && version != 2) root.req("version").fail("task format version 1 or 2 (rally/task/task_cfg.py)");
  task.version = version;
  if (version == 2) {
    root.allow_keys({"version", "title", "description", "tags", "subtasks"});
    task.title = root.str_or("title", "");
    task.description = root.str_or("description", "");
    if (auto t = root.opt("tags")) task.tags = t->str_list();
    int si = 0;
    for (const auto& st : root.req("subtasks").items()) {
      st.allow_keys({"title", "description", "tags", "scenario", "runner", "contexts", "sla", "hooks", "workloads",
                     "run_in_parallel"});
      RallySubtask sub;
      sub.title = st.str_or("title", "");
      sub.description = st.str_or("description", "");
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
        if (e.size() != 1)
          sc.fail("a scenario is {Name: {args}}, e.g. {NovaServers.boot_server: {flavor: {name: m1.tiny}}}");
        RawWorkload r{x,
                      e[0].first,
                      sc,
                      e[0].second.is_null() ? std::nullopt : std::optional<scn::Node>(e[0].second),
                      x.opt("runner"),
                      x.opt("contexts"),
                      x.opt("sla"),
                      x.opt("hooks"),
                      x.str_or("description", sub.description),
                      si};
        sub.workloads.push_back(wls.size());
        wls.push_back(r);
      }
      task.subtasks.push_back(sub);
      ++si;
    }
  } else {
    // v1: every scenario name is a subtask of its own (rally/task/task_cfg.py::_adopt_task_format_v1).
    int si = 0;
    for (const auto& [name, list] : root.entries()) {
      if (name == "version") continue;
      RallySubtask sub;
      sub.title = name;
      for (const auto& x : list.items()) {
        x.allow_keys({"args", "runner", "context", "sla", "hooks", "description"});
        sub.workloads.push_back(wls.size());
        wls.push_back({x, name, list, x.opt("args"), x.opt("runner"), x.opt("context"), x.opt("sla"), x.opt("hooks"),
                       x.str_or("description", ""), si});
      }
      task.subtasks.push_back(sub);
      ++si;
    }
  }
  if (wls.empty()) root.fail("the task has no workload");

  const auto& supported = rally_supported_scenarios();
  for (size_t i = 0; i < wls.size(); ++i) {
    auto& w = wls[i];
    if (std::find(supported.begin(), supported.end(), w.name) == supported.end()) {
      std::string hint = scn::did_you_mean(w.name, supported);
      w.scenario_name_node.fail("unsupported Rally scenario '" + w.name + "'" +
                                (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                " (supported: " + join(supported) + ")");
    }
    if (w.hooks && !(w.hooks->is_seq() && w.hooks->items().empty())) w.hooks->fail("Rally hooks are not supported");

    RallyWorkload rw;
    rw.scenario = w.name;
    rw.where = w.where_node.where();
    rw.subtask = w.subtask;
    rw.position = static_cast<int>(i);
    rw.description = w.description;
    rw.args = w.args ? w.args->json() : nlohmann::json::object();

    StreamSpec st;
    st.where = rw.where;
    st.name = wls.size() == 1 ? "rally" : "rally-" + std::to_string(i + 1);
    while (std::any_of(s.workload.begin(), s.workload.end(), [&](const StreamSpec& o) { return o.name == st.name; }))
      st.name += "+";
    rw.stream = st.name;
    st.kind = StreamKind::Rally;
    st.rally_polling = true;
    st.steps.scenario = w.name;
    st.steps.workload = static_cast<int>(i);
    parse_runner(w.runner, st, rw);
    std::string cinder_prefix = "cinder_v3";
    parse_contexts(w.contexts, s, st, rw, cinder_prefix);
    if (!w.args) w.where_node.fail("scenario " + w.name + " needs args");
    if (w.name.rfind("CinderVolumes.", 0) == 0)
      parse_cinder(w, *w.args, st, s, rw);
    else
      parse_nova(w, *w.args, st, s, rw);
    st.steps.cinder_prefix = cinder_prefix;
    parse_sla(w.sla, rw);
    task.workloads.push_back(std::move(rw));
    s.workload.push_back(std::move(st));
  }
  return task;
}

RallyTask apply_rally_task(const std::string& path, Scenario& s, const RallyTaskOptions& opt) {
  return apply_rally_task_text(read_text(path), path, s, opt);
}

}  // namespace bfv

// config: service -> group -> option, with the real nova.conf / cinder.conf / glance-api.conf
// option names. Values are written as in the ini files (plain numbers where OpenStack uses them);
// bfvsim's own [timing] options carry units ("30ms"). The options are the describe() declarations
// of models/<service>/params.hpp (sim/scenario/options.hpp walks them): no table of its own here.
#include <cmath>

#include "sim/scenario/loader_parts.hpp"
#include "sim/scenario/options.hpp"

namespace bfv {
namespace {

// Set while modelled_options() asks for the declarations instead of applying them.
thread_local std::vector<ModelledOption>* g_collect = nullptr;

// Binds one config section to its declared options: unknown groups and options are errors with a
// did-you-mean, refused options (real, but changing nothing bfvsim models) fail with the reason, a
// value outside a closed set fails with its choices (choice_error), then each value below its
// declared minimum fails naming the option.
void bind(const scn::Node& service, const ServiceOptions& so) {
  if (g_collect) {
    for (const auto& o : so.options) g_collect->push_back({o.group, o.name, o.kind, o.doc});
    return;
  }
  std::vector<std::string> groups;
  for (const auto& o : so.options)
    if (std::find(groups.begin(), groups.end(), o.group) == groups.end()) groups.push_back(o.group);
  for (const auto& u : so.refused)
    if (std::find(groups.begin(), groups.end(), u.group) == groups.end()) groups.push_back(u.group);
  service.allow_keys(groups);
  for (const auto& [gname, group] : service.entries())
    for (const auto& u : so.refused)
      if (gname == u.group)
        if (auto v = group.opt(u.name))
          v->fail(u.group + "." + u.name + " is a real option, but bfvsim does not model it (" + u.why +
                  "); remove it");
  for (const auto& [gname, group] : service.entries()) {
    std::vector<std::string> names;
    for (const auto& o : so.options)
      if (gname == o.group) names.push_back(o.name);
    group.allow_keys(names);
    for (const auto& [oname, value] : group.entries())
      for (const auto& o : so.options)
        if (gname == o.group && oname == o.name) o.set(value);
  }
}

// config.infra: options without groups.
void bind_flat(const scn::Node& service, const ServiceOptions& so) {
  if (g_collect) return;
  std::vector<std::string> names;
  for (const auto& o : so.options) names.push_back(o.name);
  service.allow_keys(names);
  for (const auto& [oname, value] : service.entries())
    for (const auto& o : so.options)
      if (oname == o.name) o.set(value);
}

// A bound option below its declared minimum: the error names the file, line and option.
void check_min(const std::optional<scn::Node>& service, const ServiceOptions& so) {
  if (!service || g_collect) return;
  for (const auto& o : so.options) {
    if (std::isinf(o.doc.min) || !(o.number() < o.doc.min)) continue;
    if (auto g = service->opt(o.group))
      if (auto v = g->opt(o.name)) v->fail(o.name + " must be " + o.doc.min_why);
  }
}

}  // namespace

void load_config(const scn::Node& cfg, Scenario& s) {
  cfg.allow_keys(scn::kConfigServices);
  const auto nova_opts = service_options("nova", s);
  auto nova_node = cfg.opt("nova");
  if (nova_node) bind(*nova_node, nova_opts);
  check_min(nova_node, nova_opts);
  for (const char* svc : {"placement", "cinder", "glance"}) {
    const auto opts = service_options(svc, s);
    auto node = cfg.opt(svc);
    if (node) bind(*node, opts);
    check_min(node, opts);
  }
  if (auto infra = cfg.opt("infra")) bind_flat(*infra, service_options("infra", s));
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

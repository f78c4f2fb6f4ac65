// The one declaration per option (describe() in models/<service>/params.hpp, walked by
// sim/scenario/options.hpp): the loader accepts every declared option through --set and refuses
// a misspelt one with did-you-mean; the ini readers accept every non-[timing] option under its
// real group; each declaration carries a unit and a source.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>

#include "sim/scenario/options.hpp"
#include "sim/scenario/oslo_ini.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace {

using bfv::opt::Kind;
const char* kScenario = "scenarios/quickstart.yaml";

std::string path_of(const std::string& svc, const bfv::OptionRef& o) {
  return "config." + svc + "." + (o.group.empty() ? "" : o.group + ".") + o.name;
}

// A value unlike the default and valid for the option, as --set writes it, and the field's value
// it must give (as OptionRef::show prints it, or as a number).
struct Probe {
  std::string text;
  std::string shown;  // expected show(), when not numeric
  double number = NAN;
};
Probe probe(const bfv::OptionRef& o) {
  // closed sets: the loader checks the choice
  static const std::map<std::string, Probe> choices{
      {"images_type", {"flat", "`flat`"}},
      {"volume_clear", {"none", "`none`"}},
      {"max_microversion", {"2.90", "`2.90`"}},
      {"default_volume_type", {"lvm", "`lvm`"}},
      {"default_availability_zone", {"az1", "`az1`"}},
      {"enabled_filters", {"ComputeFilter, ImagePropertiesFilter", "ComputeFilter, ImagePropertiesFilter"}},
      {"default_ephemeral_format", {"ext4", "`ext4`"}},
      {"zero_fraction", {"0.25", "", 0.25}},
  };
  if (auto it = choices.find(o.name); it != choices.end()) return it->second;
  const double d = o.number();
  switch (o.kind) {
    case Kind::Int:
    case Kind::LL:
    case Kind::Num: {
      double v = d + 7;  // above any declared minimum, as the default is
      char b[32];
      std::snprintf(b, sizeof b, "%.17g", v);
      return {b, "", v};
    }
    case Kind::Bool: return {d ? "false" : "true", d ? "false" : "true"};
    case Kind::Time: return {std::to_string(d + 1.5) + "s", "", d + 1.5};
    case Kind::Rate: return {"100MBps", "", 1e8};
    default: return {"probe-value", "`probe-value`"};
  }
}

bfv::Scenario load(const std::vector<std::string>& sets) {
  return bfv::load_scenario(kScenario, bfv::LoadOptions{sets, {}});
}

std::string error_of(const std::vector<std::string>& sets) {
  try {
    load(sets);
  } catch (const bfv::scn::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("every declared option is accepted through --set config.<svc>.<group>.<name> and lands in its field") {
  bfv::Scenario defaults;
  int n = 0;
  for (const auto& svc : bfv::option_services()) {
    std::vector<std::string> sets;
    std::map<std::string, Probe> want;
    for (const auto& o : bfv::service_options(svc, defaults).options) {
      Probe p = probe(o);
      sets.push_back(path_of(svc, o) + "=" + p.text);
      want[o.group + "." + o.name] = p;
    }
    // aliases share a field (initial_cpu_allocation_ratio / cpu_allocation_ratio): the last set wins
    bfv::Scenario s = load(sets);
    for (const auto& o : bfv::service_options(svc, s).options) {
      CAPTURE(path_of(svc, o));
      const Probe& p = want[o.group + "." + o.name];
      if (o.name.rfind("initial_", 0) == 0) continue;  // overwritten by its alias, set after it
      if (std::isnan(p.number))
        CHECK(o.show() == p.shown);
      else
        CHECK(o.number() == doctest::Approx(p.number));
      ++n;
    }
  }
  CHECK(n > 100);
}

TEST_CASE("a misspelt option is refused with did-you-mean, for every declared option") {
  bfv::Scenario defaults;
  for (const auto& svc : bfv::option_services())
    for (const auto& o : bfv::service_options(svc, defaults).options) {
      std::string bad = path_of(svc, o) + "x";
      CAPTURE(bad);
      std::string e = error_of({bad + "=" + probe(o).text});
      CHECK(e.find("unknown key '" + o.name + "x'; did you mean '" + o.name + "'?") != std::string::npos);
    }
}

TEST_CASE("refused options fail with the declared reason; a value below the declared minimum names the option") {
  bfv::Scenario defaults;
  auto cinder = bfv::service_options("cinder", defaults);
  REQUIRE(cinder.refused.size() == 2);
  for (const auto& r : cinder.refused) {
    std::string e = error_of({"config.cinder." + r.group + "." + r.name + "=3"});
    CHECK(e.find(r.group + "." + r.name + " is a real option, but bfvsim does not model it (" + r.why +
                 "); remove it") != std::string::npos);
  }
  int mins = 0;
  for (const auto& svc : bfv::option_services())
    for (const auto& o : bfv::service_options(svc, defaults).options) {
      if (std::isinf(o.doc.min)) continue;
      CAPTURE(path_of(svc, o));
      ++mins;
      char v[32];
      std::snprintf(v, sizeof v, "%g", o.doc.min - 1);
      CHECK(error_of({path_of(svc, o) + "=" + v}).find(o.name + " must be " + o.doc.min_why) != std::string::npos);
      std::snprintf(v, sizeof v, "%g", o.doc.min);
      CHECK(error_of({path_of(svc, o) + "=" + v}) == "no error");
    }
  CHECK(mins == 22);
}

TEST_CASE("each declaration has a unit and a source (upstream file or assumed), and a default from its field") {
  bfv::Scenario defaults;
  for (const auto& svc : bfv::option_services())
    for (const auto& o : bfv::service_options(svc, defaults).options) {
      CAPTURE(path_of(svc, o));
      if (o.kind == Kind::Enum)  // a closed set: its choices are its unit column
        CHECK(o.doc.choices.size() > 1);
      else
        CHECK(std::string(o.doc.unit).size() > 0);
      std::string src = o.doc.source;
      CHECK((src.find(".py") != std::string::npos || src.rfind("assumed", 0) == 0 ||
             src.find("python-glanceclient") != std::string::npos));
      CHECK(!o.show().empty());
    }
  // config.infra's schema comes from scn::kInfra: same names as the declaration
  std::vector<std::string> infra;
  for (const auto& o : bfv::service_options("infra", defaults).options) infra.push_back(o.name);
  CHECK(infra == bfv::scn::kInfra.names());
}

TEST_CASE("the ini readers accept every declared option under its real group ([timing] is bfvsim's own)") {
  bfv::Scenario defaults;
  for (const auto& svc : bfv::option_services()) {
    if (svc == "infra") continue;
    std::map<std::string, std::string> by_group;
    std::vector<std::string> want;
    for (const auto& o : bfv::service_options(svc, defaults).options) {
      if (o.group == "timing") continue;
      std::string v = probe(o).text;
      if (o.kind == Kind::Bool) v = v == "true" ? "yes" : "no";  // oslo.config's spellings
      by_group[o.group] += o.name + " = " + v + "\n";
      want.push_back(path_of(svc, o));
    }
    std::string text;
    for (const auto& [g, body] : by_group) text += "[" + g + "]\n" + body + "\n";
    const std::string file = "test-options-" + svc + ".conf";
    std::ofstream(file) << text;
    auto conf = bfv::read_service_conf(svc, file, YAML::LoadFile(kScenario));
    std::remove(file.c_str());
    CAPTURE(svc);
    CHECK(conf.not_modelled.empty());
    std::vector<std::string> got;
    for (const auto& st : conf.settings) got.push_back(st.path);
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    CHECK(got == want);
  }
}

TEST_CASE("a closed-set option (Kind::Enum): its choices come from the enum, every visitor lists them") {
  bfv::Scenario defaults;
  const bfv::OptionRef* it = nullptr;
  auto nova = bfv::service_options("nova", defaults);
  for (const auto& o : nova.options)
    if (o.name == "images_type") it = &o;
  REQUIRE(it);
  CHECK(it->kind == Kind::Enum);
  CHECK(it->doc.choices == std::vector<std::string>{"default", "qcow2", "flat", "raw", "rbd"});
  CHECK(it->doc.unmodelled == std::vector<std::string>{"lvm", "ploop"});
  CHECK(it->show() == "`default`");
  CHECK(bfv::choice_error("images_type", "lvn", it->doc) ==
        "images_type must be one of default, qcow2, flat, raw, rbd, lvm, ploop (nova/conf/libvirt.py), not 'lvn'; "
        "did you mean 'lvm'?");
  const std::string md = bfv::options_listing("nova", true);
  CHECK(md.find("| `libvirt.images_type` | `default` \\| `qcow2` \\| `flat` \\| `raw` \\| `rbd` | `default` |") !=
        std::string::npos);
  CHECK(md.find("; `lvm`, `ploop`: real choices, refused as not modelled |") != std::string::npos);
  CHECK(error_of({"config.nova.libvirt.images_type=qcow2"}) == "no error");
}

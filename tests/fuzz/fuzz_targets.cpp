#include "tests/fuzz/fuzz_targets.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "models/semantics/cli.hpp"
#include "models/semantics/server_create.hpp"
#include "sim/scenario/limits.hpp"
#include "sim/scenario/rally_task.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_node.hpp"
#include "core/units.hpp"

namespace bfv::fuzz {
namespace {

// A small cloud every request and task is judged against: the quickstart's, written out here so
// the fuzzers need no file.
const char* kCloud = R"(name: fuzz
topology:
  glance: {store: file}
  cinder_backends: [{name: lvm-1, driver: lvm}]
  racks: [{name: r1, computes: {count: 2}}]
cloud:
  flavors: [{id: "1", name: m1.tiny, vcpus: 1, ram: 512, disk: 1}]
  images:
    - {id: "754e77f5-9a0c-4549-b49d-7bde34dc960f", name: cirros, status: active, size: "20MB", disk_format: qcow2}
  volumes: [{id: "11111111-2222-3333-4444-555555555555", size: 1, bootable: true}]
  networks: ["cc5f6f4a-2c44-44a4-af9a-f8534e34d2b7"]
workload: [{name: w, cli: "nova boot --flavor m1.tiny --image cirros vm"}]
)";

const Scenario& cloud() {
  static const Scenario s = load_scenario_text(kCloud, "fuzz-cloud.yaml");
  return s;
}

}  // namespace

void scenario(const std::string& text) {
  try {
    load_scenario_text(text, "fuzz.yaml");
  } catch (const scn::ScenarioError&) {
  }
}

void units(const std::string& text) {
  for (auto* f : {units::parse_size_bytes, units::parse_rate_Bps, units::parse_time_s, units::parse_flops}) try {
      f(text);
    } catch (const units::UnitError&) {
    }
}

void request(const std::string& text) {
  auto body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return;
  // Bodies reach Nova through the YAML loader, which bounds nesting (limits::kMaxYamlDepth); an
  // upper bound on the JSON nesting (brackets inside strings counted too) does the same here.
  int depth = 0, deepest = 0;
  for (char c : text) {
    if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
    if (c == '}' || c == ']') --depth;
  }
  if (deepest > limits::kMaxYamlDepth) return;
  const auto& s = cloud();
  for (const char* mv : {"2.1", "2.67", "2.96"})
    sem::explain_json(body, mv, s.cloud, s.nova.api, s.nova.quota, sem::NovaUsage{});
}

void cli(const std::string& text) {
  const auto& s = cloud();
  auto parsed = sem::parse_cli(text, &s.cloud);
  if (parsed.ok)
    sem::explain_json(parsed.body, parsed.microversion, s.cloud, s.nova.api, s.nova.quota, sem::NovaUsage{});
}

void rally(const std::string& text) {
  Scenario s = cloud();
  try {
    apply_rally_task_text(text, "fuzz-task.yaml", s);
  } catch (const scn::ScenarioError&) {
  }
}

}  // namespace bfv::fuzz

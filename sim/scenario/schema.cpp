// Walks the loader's declarations into a JSON Schema. Draft-07: Debian 12's python3-jsonschema (4.10)
// validates it fully and yaml-language-server (the editors' `# yaml-language-server: $schema=`)
// supports it fully; what the loader checks beyond it (cross references, ranges of times, the
// per-volume-type quota names) stays the loader's, and `bfvsim check` is the last word.
#include "sim/scenario/schema.hpp"

#include <map>
#include <string>

#include "sim/scenario/loader_parts.hpp"
#include "sim/scenario/scenario_keys.hpp"
#include "core/units.hpp"

namespace bfv {
namespace {

using J = nlohmann::ordered_json;
using scn::KeyType;

// "2.5GiB", "1e3MBps", " 30 ms": a non-negative number then one of the parser's units (core/units.cpp::split).
J unit_string(const std::vector<std::string>& units, const char* example) {
  std::string alt;
  for (const auto& u : units) alt += (alt.empty() ? "" : "|") + u;
  return J{{"type", "string"},
           {"pattern", "^\\s*([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*(" + alt + ")\\s*$"},
           {"examples", J::array({example})}};
}

J scalar() { return J{{"type", J::array({"string", "number", "boolean"})}}; }

std::string def_name(const scn::Shape& s) {
  std::string out;
  for (char c : s.title) out += (c == ' ' ? '_' : c);
  return out;
}

struct Walker {
  J defs = J::object();

  J ref(const scn::Shape& shape) {
    const std::string name = def_name(shape);
    if (!defs.contains(name)) {
      defs[name] = J::object();  // placeholder: a shape reached again while being walked
      defs[name] = object(shape);
    }
    return J{{"$ref", "#/definitions/" + name}};
  }

  J value(const scn::Key& k) {
    J v;
    switch (k.type) {
      case KeyType::Str: v = k.one_of.empty() ? scalar() : J{{"type", "string"}, {"enum", k.one_of}}; break;
      case KeyType::Int:
        v = J{{"type", "integer"}};
        if (k.min) v["minimum"] = *k.min;
        if (k.max) v["maximum"] = *k.max;
        break;
      case KeyType::Num: v = J{{"type", "number"}}; break;
      case KeyType::Bool: v = J{{"type", "boolean"}}; break;
      case KeyType::Size: v = unit_string(units::size_units(), "20GiB"); break;
      case KeyType::Rate: v = unit_string(units::rate_units(), "10Gbps"); break;
      case KeyType::Time: v = unit_string(units::time_units(), "30ms"); break;
      case KeyType::Flops: v = unit_string(units::flops_units(), "2.5Gf"); break;
      case KeyType::Bytes:
        v = J{{"anyOf", J::array({J{{"type", "integer"}, {"minimum", 0}}, unit_string(units::size_units(), "2.2GB")})}};
        break;
      case KeyType::StrList: v = J{{"type", "array"}, {"items", scalar()}}; break;
      case KeyType::Any: v = J::object(); break;
      case KeyType::FreeMap: v = J{{"type", "object"}}; break;
      case KeyType::Object: v = k.shape ? J{{"allOf", J::array({ref(*k.shape)})}} : config(); break;
      case KeyType::List: v = J{{"type", "array"}, {"items", ref(*k.shape)}}; break;
      case KeyType::StrOrObject:
        v = J{{"oneOf", J::array({J{{"type", "string"}, {"enum", k.one_of}}, ref(*k.shape)})}};
        break;
    }
    v["description"] = k.doc;
    return v;
  }

  J object(const scn::Shape& shape) {
    J o{{"type", "object"}, {"title", shape.title}};
    J props = J::object(), req = J::array();
    for (const auto& k : shape.keys) {
      props[k.name] = value(k);
      if (k.required) req.push_back(k.name);
    }
    o["properties"] = props;
    if (!req.empty()) o["required"] = req;
    if (!shape.pattern_keys.empty()) o["patternProperties"] = J{{shape.pattern_keys, J{{"type", "integer"}}}};
    o["additionalProperties"] = false;
    if (!shape.exactly_one.empty()) {
      J alts = J::array();
      for (const auto& k : shape.exactly_one) alts.push_back(J{{"required", J::array({k})}});
      o["oneOf"] = alts;
    }
    return o;
  }

  // config: service -> ini group -> option, from config_loader.cpp's own bind tables.
  J config() {
    J services = J::object();
    for (const auto& svc : scn::kConfigServices) {
      if (svc == "infra") {
        services[svc] = ref(scn::kInfra);
        continue;
      }
      J groups = J::object();
      for (const auto& o : modelled_options(svc)) {
        if (!groups.contains(o.group))
          groups[o.group] = J{{"type", "object"}, {"properties", J::object()}, {"additionalProperties", false}};
        J v;
        switch (o.type) {
          case OptType::Int:
          case OptType::LL: v = J{{"type", "integer"}}; break;
          case OptType::Num: v = J{{"type", "number"}}; break;
          case OptType::Bool: v = J{{"type", "boolean"}}; break;
          case OptType::Str:
          case OptType::OptStr: v = scalar(); break;
          case OptType::List:
            v = J{{"anyOf", J::array({J{{"type", "array"}, {"items", scalar()}}, J{{"type", "string"}}})}};
            break;
          case OptType::Time: v = unit_string(units::time_units(), "30ms"); break;
          case OptType::Rate: v = unit_string(units::rate_units(), "132MBps"); break;
          case OptType::Enum: v = J{{"type", "string"}, {"enum", o.doc.choices}}; break;
        }
        groups[o.group]["properties"][o.name] = v;
      }
      services[svc] = J{{"type", "object"}, {"properties", groups}, {"additionalProperties", false}};
    }
    return J{{"type", "object"}, {"properties", services}, {"additionalProperties", false}};
  }
};

}  // namespace

nlohmann::ordered_json scenario_schema() {
  Walker w;
  J root{{"$schema", "http://json-schema.org/draft-07/schema#"}};
  J body = w.object(scn::kScenario);
  for (auto it = body.begin(); it != body.end(); ++it) root[it.key()] = it.value();
  root["description"] =
      "A bfvsim scenario (docs/scenario-format.md), as `bfvsim " BFVSIM_VERSION
      " schema` prints it from the loader's "
      "own key tables. `bfvsim check` checks what a schema cannot (references between sections, limits).";
  root["definitions"] = w.defs;
  return root;
}

}  // namespace bfv

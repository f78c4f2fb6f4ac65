// The option declarations (the describe() functions in models/<service>/params.hpp) walked into
// one list per configuration section: what the loader binds (config_loader.cpp), the ini readers
// accept (oslo_ini.cpp), the JSON Schema lists (schema.cpp), `bfvsim options` prints and
// docs/configuration.md's tables show (scripts/options-doc.py).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/options.hpp"

namespace bfv {

struct Scenario;
namespace scn {
class Node;
}

// One declared option, bound to its field in one Scenario.
struct OptionRef {
  std::string group;  // ini group; "" for config.infra (no groups)
  std::string name;
  opt::Kind kind;
  opt::Doc doc;
  std::function<void(const scn::Node&)> set;  // read a scenario value into the field (errors name file:line)
  std::function<double()> number;             // the field as a number (NaN when it is not one), for `min`
  std::function<std::string()> show;          // the field for humans: "30 ms", "true", "unset"
};
struct RefusedOption {
  std::string group, name, why;
};
struct ServiceOptions {
  std::vector<OptionRef> options;  // in declaration order
  std::vector<RefusedOption> refused;
};

// The error for a value outside a closed set (Kind::Enum) declared with `d`: a real choice bfvsim
// does not model says so; anything else lists every real choice with the declaration's source and
// the closest one ("images_type must be one of default, ..., ploop (nova/conf/libvirt.py), not
// 'rdb'; did you mean 'rbd'?"). The loader and the ini readers both use it.
std::string choice_error(const std::string& option, const std::string& value, const opt::Doc& d);

// The configuration sections with declared options: nova, cinder, glance, placement, infra.
const std::vector<std::string>& option_services();
// The options of one section bound to s's fields. Throws std::invalid_argument for an unknown section.
ServiceOptions service_options(const std::string& service, Scenario& s);

// Every declared option of `service` ("" = all sections) with its default, unit and source: a
// Markdown table per section (docs/configuration.md) or plain text for a terminal.
std::string options_listing(const std::string& service, bool markdown);

}  // namespace bfv

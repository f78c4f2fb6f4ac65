// The scenario format's keys, declared once. The strict loader reads these tables (Node::allow_keys
// with a Shape checks unknown and missing keys; its closed sets come from the same vectors) and
// `bfvsim schema` walks them into a JSON Schema (sim/scenario/schema.cpp). A key added to the loader
// is added here, or the loader refuses it as unknown. config: options come from config_loader.cpp's
// own bind tables (modelled_options()), not from here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bfv::scn {

// What a key's value is, as the loader reads it.
enum class KeyType {
  Str,          // any scalar read as text (Node::str)
  Int,          // an integer (Node::integer / int32 / integer_in)
  Num,          // a number (Node::number)
  Bool,         // true / false (Node::boolean)
  Size,         // a size with its unit, "20GiB" (units::parse_size_bytes)
  Rate,         // a rate with its unit, "10Gbps"
  Time,         // a time with its unit, "30ms"
  Flops,        // a flop amount with its unit, "2.5Gf"
  Bytes,        // an integer number of bytes, or a size with its unit (Glance image sizes)
  StrList,      // a list of scalars
  Any,          // anything, kept as JSON (a request body pasted verbatim, a BDM)
  FreeMap,      // a mapping with any keys (extra_specs, properties)
  Object,       // a mapping of `shape`
  List,         // a list of mappings of `shape`
  StrOrObject,  // one of `one_of` as a plain string, or a mapping of `shape` (workload `then`)
};

struct Shape;

struct Key {
  std::string name;
  KeyType type;
  bool required = false;
  std::string doc;
  std::vector<std::string> one_of = {};       // closed set of a Str (or StrOrObject's string form)
  const Shape* shape = nullptr;               // Object / List / StrOrObject
  std::optional<int64_t> min = {}, max = {};  // Int bounds the loader enforces
};

struct Shape {
  std::string title;
  std::vector<Key> keys;
  // Keys matching this regex are allowed too (Int values): the per-volume-type Cinder quotas.
  std::string pattern_keys = {};
  // Exactly one of these keys must be present (a workload stream's form).
  std::vector<std::string> exactly_one = {};

  std::vector<std::string> names() const;
  const Key& key(const std::string& name) const;  // throws std::logic_error for an undeclared key
};

inline bool one_of(const std::vector<std::string>& set, const std::string& v) {
  for (const auto& x : set)
    if (x == v) return true;
  return false;
}

// Closed sets the loader checks (with its own messages) and the schema lists as enums.
extern const std::vector<std::string> kNetworkModels, kStores, kBackendDrivers, kLvmTypes, kArrivalTypes, kFaultKinds,
    kThenForms, kConfigServices;

// The sections, from the leaves up to the root.
extern const Shape kLink, kDisk, kHost, kController, kGlanceHost, kCeph, kCinderBackend, kComputes, kRack, kTopology;
extern const Shape kFlavor, kImage, kVolumeType, kVolume, kSnapshot, kCloud;
extern const Shape kNovaQuota, kCinderQuota, kQuotas, kProject;
extern const Shape kImageUpload, kVolumeStream, kArrival, kThen, kStream;
extern const Shape kFault, kExpectVolumes, kExpectQuota, kExpect;
extern const Shape kInfra;
extern const Shape kScenario;  // the root; its `config` key is an Object without a shape (built from the bind tables)

}  // namespace bfv::scn

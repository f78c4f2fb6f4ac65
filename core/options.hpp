// The vocabulary of the option declarations beside each service's parameters (oslo.config's
// `cfg.IntOpt(name, default, min, help)` in C++). Each models/<service>/params.hpp has a
// `describe(d, ...)` that names, for every option it reads from the service's configuration file,
// the ini group, the option name, the field that holds it (a typed reference: the field is the
// option's one home and its initializer the default), the unit, the smallest accepted value where
// there is one, and the source (upstream file, or "assumed: reason"). One walk of those
// declarations loads a scenario's config section (sim/scenario/config_loader.cpp), reads the
// cloud's ini files (sim/scenario/oslo_ini.cpp), prints the JSON Schema (sim/scenario/schema.cpp),
// lists the options (`bfvsim options`) and writes docs/configuration.md's tables
// (scripts/options-doc.py). Pure data: no SimGrid, no YAML.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/enum.hpp"

namespace bfv::opt {

// How a value is written in a scenario, a --set or an ini file. Int ... List and Enum: as oslo.config
// reads the ini file (the C++ type of the field decides); Time and Rate: bfvsim's own quantities
// with a unit ("30ms", "132MBps"), for the [timing] groups and infra. Enum: a closed set
// (oslo.config's `choices`), a field of an enum type declared with name() and kEnumSize
// (core/enum.hpp); the enum's names are the accepted values.
enum class Kind { Int, LL, Num, Bool, Str, OptStr, List, Time, Rate, Enum };

// One option's documentation. `min` with `min_why`: a value below min is refused with
// "<option> must be <min_why>" at the option's file:line.
// A closed set (Kind::Enum) lists its choices from the enum (Decl fills `choices`) and may name
// `unmodelled`: real choices of the upstream option that bfvsim does not model, refused with that
// reason rather than as a typo.
struct Doc {
  const char* unit = "";     // unit and special values ("s", "count, 0 = unlimited"); closed sets: their choices
  const char* source = "";   // upstream file[::function], or "assumed: reason"
  const char* used = "yes";  // what it changes in the simulation (docs/configuration.md "Used")
  double min = -std::numeric_limits<double>::infinity();
  const char* min_why = nullptr;
  std::vector<std::string> unmodelled = {};  // closed sets: real choices refused as not modelled
  std::vector<std::string> choices = {};     // closed sets: the enum's names (filled by Decl, not by hand)
};

template <class T>
constexpr Kind kind_of() {
  if constexpr (std::is_enum_v<T>) {
    static_assert(kEnumSize<T> > 0, "a closed-set option needs name() and kEnumSize (core/enum.hpp)");
    return Kind::Enum;
  } else if constexpr (std::is_same_v<T, int>)
    return Kind::Int;
  else if constexpr (std::is_same_v<T, long long>)
    return Kind::LL;
  else if constexpr (std::is_same_v<T, double>)
    return Kind::Num;
  else if constexpr (std::is_same_v<T, bool>)
    return Kind::Bool;
  else if constexpr (std::is_same_v<T, std::string>)
    return Kind::Str;
  else if constexpr (std::is_same_v<T, std::optional<std::string>>)
    return Kind::OptStr;
  else if constexpr (std::is_same_v<T, std::vector<std::string>>)
    return Kind::List;
  else
    static_assert(sizeof(T) == 0, "option field of a type the loader cannot read");
}

// What a describe() function calls; V is the visitor (the loader's binder, the schema walker, ...)
// and implements group(const char*), field(Kind, const char* name, T& field, const Doc&) for every
// field type above (plus int64_t for Num, and any enum type for Enum, whose names arrive in
// Doc::choices) and refused(const char* name, const char* why).
template <class V>
struct Decl {
  V& v;
  void group(const char* g) { v.group(g); }
  // A value as oslo.config reads it from the ini file; the field's type gives the Kind. A closed set
  // is one line too: an enum field, `d.opt("images_type", p.images_type, {...})`.
  template <class T>
  void opt(const char* name, T& field, const Doc& d) {
    if constexpr (kind_of<T>() == Kind::Enum) {
      Doc e = d;
      e.choices = enum_names<T>();
      v.field(Kind::Enum, name, field, e);
    } else {
      v.field(kind_of<T>(), name, field, d);
    }
  }
  // bfvsim's own quantities with a unit.
  void time(const char* name, double& field, const Doc& d) { v.field(Kind::Time, name, field, d); }
  void rate(const char* name, double& field, const Doc& d) { v.field(Kind::Rate, name, field, d); }
  // A whole number of bytes written as a number (1e12 accepted), held as int64_t.
  void bytes(const char* name, int64_t& field, const Doc& d) { v.field(Kind::Num, name, field, d); }
  // A real option of the service that would change nothing bfvsim models: refused with the reason
  // rather than accepted and ignored.
  void refused(const char* name, const char* why) { v.refused(name, why); }
};

}  // namespace bfv::opt

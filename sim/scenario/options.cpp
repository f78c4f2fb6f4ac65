// Walks the describe() declarations of models/<service>/params.hpp; see options.hpp.
#include "sim/scenario/options.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/yaml_node.hpp"

namespace bfv {
namespace {

using opt::Kind;

void read(const scn::Node& n, Kind, int& f) { f = n.int32(); }
void read(const scn::Node& n, Kind, long long& f) { f = n.integer(); }
void read(const scn::Node& n, Kind, int64_t& f) { f = static_cast<int64_t>(n.number()); }  // bytes written as a number
void read(const scn::Node& n, Kind k, double& f) {
  f = k == Kind::Time ? n.time_s() : k == Kind::Rate ? n.rate_Bps() : n.number();
}
void read(const scn::Node& n, Kind, bool& f) { f = n.boolean(); }
void read(const scn::Node& n, Kind, std::string& f) { f = n.str(); }
void read(const scn::Node& n, Kind, std::optional<std::string>& f) { f = n.str(); }
void read(const scn::Node& n, Kind, std::vector<std::string>& f) {
  // ini lists are comma separated; accept a YAML list or a comma-separated string
  std::vector<std::string> v;
  if (n.is_seq())
    v = n.str_list();
  else {
    std::string s = n.str(), cur;
    for (char c : s) {
      if (c == ',') {
        if (!cur.empty()) v.push_back(cur);
        cur.clear();
      } else if (!std::isspace(static_cast<unsigned char>(c)))
        cur += c;
    }
    if (!cur.empty()) v.push_back(cur);
  }
  f = v;
}

std::string num(double v) {
  char b[64];
  std::snprintf(b, sizeof b, "%.10g", v);
  return b;
}
std::string with_unit(double v, Kind k) {
  if (v == 0) return "0";
  if (k == Kind::Rate) {
    if (v >= 1e9) return num(v / 1e9) + " GB/s";
    if (v >= 1e6) return num(v / 1e6) + " MB/s";
    return num(v) + " B/s";
  }
  if (v >= 1) return num(v) + " s";
  if (v >= 1e-3) return num(v * 1e3) + " ms";
  return num(v * 1e6) + " us";
}
std::string show(Kind k, const double& v) { return k == Kind::Num ? num(v) : with_unit(v, k); }
std::string show(Kind, const int& v) { return std::to_string(v); }
std::string show(Kind, const long long& v) { return std::to_string(v); }
std::string show(Kind, const int64_t& v) { return std::to_string(v); }
std::string show(Kind, const bool& v) { return v ? "true" : "false"; }
std::string show(Kind, const std::string& v) { return v.empty() ? "unset" : "`" + v + "`"; }
std::string show(Kind, const std::optional<std::string>& v) { return v ? "`" + *v + "`" : "unset"; }
std::string show(Kind, const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

template <class T>
double as_number(const T& v) {
  if constexpr (std::is_arithmetic_v<T>)
    return static_cast<double>(v);
  else
    return std::numeric_limits<double>::quiet_NaN();
}

template <class E>
std::string enum_text(E e) {
  return std::string(name(e));
}

// The visitor describe() calls (opt::Decl<Collector>).
struct Collector {
  ServiceOptions& out;
  std::string group_;
  void group(const char* g) { group_ = g; }
  template <class T>
  void field(Kind k, const char* name, T& f, const opt::Doc& d) {
    T* p = &f;
    if constexpr (std::is_enum_v<T>) {  // a closed set: parsed once here, refused with the choices
      out.options.push_back({group_, name, k, d,
                             [p, name, d](const scn::Node& n) {
                               const std::string t = n.str();
                               if (auto e = parse_enum<T>(t))
                                 *p = *e;
                               else
                                 n.fail(choice_error(name, t, d));
                             },
                             [] { return std::numeric_limits<double>::quiet_NaN(); },
                             [p] { return "`" + enum_text(*p) + "`"; }});
    } else {
      out.options.push_back({group_, name, k, d, [p, k](const scn::Node& n) { read(n, k, *p); },
                             [p] { return as_number(*p); }, [p, k] { return show(k, *p); }});
    }
  }
  void refused(const char* name, const char* why) { out.refused.push_back({group_, name, why}); }
};

}  // namespace

std::string choice_error(const std::string& option, const std::string& value, const opt::Doc& d) {
  auto join = [](const std::vector<std::string>& v, const char* last) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i == 0 ? "" : i + 1 == v.size() ? last : ", ") + v[i];
    return s;
  };
  if (std::find(d.unmodelled.begin(), d.unmodelled.end(), value) != d.unmodelled.end())
    return option + " '" + value + "' is a real choice, but bfvsim does not model it (" + join(d.choices, " and ") +
           " are modelled)";
  std::vector<std::string> real = d.choices;
  real.insert(real.end(), d.unmodelled.begin(), d.unmodelled.end());
  // oslo.config compares choices case-sensitively (types.String(choices=...)): "RBD" is refused, with a hint
  std::string hint;
  auto lower = [](std::string t) {
    for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
  };
  auto swapped = [](const std::string& a, const std::string& b) {  // one adjacent transposition: "rdb" for "rbd"
    if (a.size() != b.size()) return false;
    std::size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.substr(i + 2) == b.substr(i + 2);
  };
  for (const auto& c : real)
    if (hint.empty() && (lower(c) == lower(value) || swapped(c, value))) hint = c;
  if (hint.empty()) hint = scn::did_you_mean(value, real);
  return option + " must be one of " + join(real, ", ") + " (" + d.source + "), not '" + value + "'" +
         (hint.empty() ? "" : "; did you mean '" + hint + "'?");
}

const std::vector<std::string>& option_services() {
  static const std::vector<std::string> v{"nova", "cinder", "glance", "placement", "infra"};
  return v;
}

ServiceOptions service_options(const std::string& service, Scenario& s) {
  ServiceOptions out;
  Collector c{out, ""};
  opt::Decl<Collector> d{c};
  if (service == "nova")
    nova::describe(d, s.nova, s.infra);
  else if (service == "placement")
    nova::describe_placement(d, s.nova, s.infra);
  else if (service == "cinder")
    cinder::describe(d, s.cinder, s.infra, s.cloud.default_volume_type);
  else if (service == "glance")
    glance::describe(d, s.glance, s.infra);
  else if (service == "infra")
    infra::describe(d, s.infra);
  else
    throw std::invalid_argument("no options are declared for '" + service + "'");
  return out;
}

namespace {

const char* file_of(const std::string& service) {
  if (service == "nova") return "nova.conf";
  if (service == "cinder") return "cinder.conf";
  if (service == "glance") return "glance-api.conf";
  if (service == "placement") return "placement.conf";
  return "bfvsim's own: no ini file";
}

std::string md_cell(const std::string& s) {
  std::string o;
  for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
  return o;
}

std::string range(const opt::Doc& d) {
  std::string r;
  if (!std::isinf(d.min)) r += "; must be " + std::string(d.min_why);
  if (!d.unmodelled.empty()) {
    std::string names;
    for (const auto& u : d.unmodelled) names += (names.empty() ? "`" : ", `") + u + "`";
    r += "; " + names + ": real choices, refused as not modelled";
  }
  return r;
}

// The unit column: a closed set lists its choices.
std::string unit_of(const OptionRef& r) {
  if (r.kind != Kind::Enum) return r.doc.unit;
  std::string u;
  for (const auto& c : r.doc.choices) u += (u.empty() ? "`" : " | `") + c + "`";
  return *r.doc.unit ? u + "; " + r.doc.unit : u;
}

}  // namespace

std::string options_listing(const std::string& service, bool markdown) {
  std::ostringstream o;
  bool first = true;
  for (const auto& svc : option_services()) {
    if (!service.empty() && svc != service) continue;
    Scenario defaults;
    const ServiceOptions so = service_options(svc, defaults);
    if (markdown) {
      o << "| Scenario path | Unit | Default | Source | Used |\n|---|---|---|---|---|\n";
      for (const auto& r : so.options) {
        std::string path = r.group.empty() ? r.name : r.group + "." + r.name;
        o << "| `" << path << "` | " << md_cell(unit_of(r)) << " | " << md_cell(r.show()) << " | "
          << md_cell(r.doc.source) << " | " << md_cell(std::string(r.doc.used) + range(r.doc)) << " |\n";
      }
      if (!so.refused.empty()) {
        o << "\nRefused (" << svc << "; exit 2 with the reason, rather than accepted and ignored):\n\n";
        for (const auto& r : so.refused) o << "- `" << r.group << "." << r.name << "`: " << r.why << ".\n";
      }
    } else {
      auto plain = [](std::string t) {  // no Markdown on a terminal
        t.erase(std::remove(t.begin(), t.end(), '`'), t.end());
        return t;
      };
      if (!first) o << "\n";
      o << "config." << svc << " (" << file_of(svc) << ")\n";
      for (const auto& r : so.options) {
        std::string path = r.group.empty() ? r.name : r.group + "." + r.name;
        o << "  " << path << " = " << plain(r.show()) << "  [" << plain(unit_of(r)) << "]" << range(r.doc)
          << "\n      source: " << plain(r.doc.source) << "\n";
      }
      for (const auto& r : so.refused)
        o << "  " << r.group << "." << r.name << ": refused, not modelled (" << r.why << ")\n";
    }
    first = false;
  }
  if (first) throw std::invalid_argument("no options are declared for '" + service + "'");
  return o.str();
}

}  // namespace bfv

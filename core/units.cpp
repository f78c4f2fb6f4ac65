#include "core/units.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace bfv::units {
namespace {

// Splits "2.5GiB" into 2.5 and "GiB". Rejects empty, signed-negative, or unit-less text.
std::pair<double, std::string> split(std::string_view text, const char* what, const char* example) {
  std::string s;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) s += c;
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
                          (i > 0 && (s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
    // stop at 'e'/'E' when it is not followed by a digit or sign (e.g. no unit starts with e, but be safe)
    if ((s[i] == 'e' || s[i] == 'E') && !(i + 1 < s.size() && (std::isdigit(static_cast<unsigned char>(s[i + 1])) ||
                                                               s[i + 1] == '+' || s[i + 1] == '-')))
      break;
    ++i;
  }
  std::string num = s.substr(0, i), unit = s.substr(i);
  if (num.empty())
    throw UnitError("'" + std::string(text) + "' is not a " + what + " (expected a number and a unit, e.g. \"" +
                    example + "\")");
  char* end = nullptr;
  double v = std::strtod(num.c_str(), &end);
  if (end != num.c_str() + num.size() || !std::isfinite(v))
    throw UnitError("'" + std::string(text) + "' is not a " + what + " (bad number '" + num + "')");
  if (unit.empty())
    throw UnitError("'" + std::string(text) + "' has no unit; write it with one, e.g. \"" + example + "\"");
  return {v, unit};
}

struct Unit {
  const char* name;
  double factor;
};

double lookup(std::string_view text, const char* what, const char* example, const std::vector<Unit>& table) {
  auto [v, unit] = split(text, what, example);
  for (const auto& u : table)
    if (unit == u.name) {
      const double r = v * u.factor;  // finite inputs can still overflow here ("1e306d", "1e300Tbps")
      if (!std::isfinite(r)) throw UnitError("'" + std::string(text) + "' is too large to be a " + what);
      return r;
    }
  std::string known;
  for (const auto& u : table) known += (known.empty() ? "" : ", ") + std::string(u.name);
  throw UnitError("unknown " + std::string(what) + " unit '" + unit + "' in '" + std::string(text) +
                  "' (known: " + known + ")");
}

}  // namespace

namespace {
const std::vector<Unit>& size_table() {
  static const std::vector<Unit> t = {
      {"B", 1},     {"kB", 1e3},     {"KB", 1e3},        {"MB", 1e6},           {"GB", 1e9},
      {"TB", 1e12}, {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
  return t;
}
const std::vector<Unit>& rate_table() {
  static const std::vector<Unit> t = {
      {"bps", 1.0 / 8},   {"kbps", 1e3 / 8}, {"Kbps", 1e3 / 8}, {"Mbps", 1e6 / 8},    {"Gbps", 1e9 / 8},
      {"Tbps", 1e12 / 8}, {"Bps", 1},        {"kBps", 1e3},     {"KBps", 1e3},        {"MBps", 1e6},
      {"GBps", 1e9},      {"TBps", 1e12},    {"KiBps", 1024.0}, {"MiBps", 1048576.0}, {"GiBps", 1073741824.0}};
  return t;
}
const std::vector<Unit>& time_table() {
  static const std::vector<Unit> t = {{"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1},
                                      {"min", 60},  {"h", 3600},  {"d", 86400}};
  return t;
}
const std::vector<Unit>& flops_table() {
  static const std::vector<Unit> t = {{"f", 1}, {"kf", 1e3}, {"Mf", 1e6}, {"Gf", 1e9}, {"Tf", 1e12}};
  return t;
}
std::vector<std::string> names(const std::vector<Unit>& t) {
  std::vector<std::string> out;
  for (const auto& u : t) out.emplace_back(u.name);
  return out;
}
}  // namespace

double parse_size_bytes(std::string_view text) { return lookup(text, "size", "20GiB", size_table()); }
double parse_rate_Bps(std::string_view text) { return lookup(text, "rate", "10Gbps", rate_table()); }
double parse_time_s(std::string_view text) { return lookup(text, "time", "5ms", time_table()); }
double parse_flops(std::string_view text) { return lookup(text, "flop amount", "2Gf", flops_table()); }

std::vector<std::string> size_units() { return names(size_table()); }
std::vector<std::string> rate_units() { return names(rate_table()); }
std::vector<std::string> time_units() { return names(time_table()); }
std::vector<std::string> flops_units() { return names(flops_table()); }

std::string format_bytes(double b) {
  char buf[64];
  if (b >= 1e12)
    std::snprintf(buf, sizeof buf, "%.2f TB", b / 1e12);
  else if (b >= 1e9)
    std::snprintf(buf, sizeof buf, "%.2f GB", b / 1e9);
  else if (b >= 1e6)
    std::snprintf(buf, sizeof buf, "%.2f MB", b / 1e6);
  else if (b >= 1e3)
    std::snprintf(buf, sizeof buf, "%.2f kB", b / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%.0f B", b);
  return buf;
}

std::string format_seconds(double s) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3f s", s);
  return buf;
}

}  // namespace bfv::units

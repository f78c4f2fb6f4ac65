// The one unit parser. Quantities in scenarios carry their unit as a string:
//   sizes  "20GiB", "2.2GB", "512MiB", "4096B"   -> bytes   (SI k/M/G/T = 1000^n, IEC Ki/Mi/Gi/Ti = 1024^n)
//   rates  "10Gbps", "400MBps", "1.25GBps"        -> bytes per second ("bps" = bits/s, "Bps" = bytes/s)
//   times  "5ms", "3s", "2min", "1h", "250us"     -> seconds
//   flops  "2Gf", "100Mf"                          -> floating-point operations (CPU speeds: "2Gf" per core per second)
// A bare number is an error: the unit is the point.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace bfv::units {

struct UnitError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

double parse_size_bytes(std::string_view text);
double parse_rate_Bps(std::string_view text);
double parse_time_s(std::string_view text);
double parse_flops(std::string_view text);

// The unit names each parser accepts (what `bfvsim schema` turns into string patterns).
std::vector<std::string> size_units();
std::vector<std::string> rate_units();
std::vector<std::string> time_units();
std::vector<std::string> flops_units();

std::string format_bytes(double bytes);  // "2.20 GB" style, for humans
std::string format_seconds(double s);    // "3.250 s"

}  // namespace bfv::units

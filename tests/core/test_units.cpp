// sim/units: the one unit parser.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "core/units.hpp"

using namespace bfv::units;

TEST_CASE("sizes: SI and IEC prefixes") {
  CHECK(parse_size_bytes("20GiB") == doctest::Approx(20.0 * 1073741824));
  CHECK(parse_size_bytes("2.2GB") == doctest::Approx(2.2e9));
  CHECK(parse_size_bytes("512MiB") == doctest::Approx(512.0 * 1048576));
  CHECK(parse_size_bytes("4096B") == 4096);
  CHECK(parse_size_bytes("1TiB") == doctest::Approx(1099511627776.0));
  CHECK(parse_size_bytes(" 10 kB ") == doctest::Approx(1e4));
}
TEST_CASE("rates: bits and bytes per second") {
  CHECK(parse_rate_Bps("10Gbps") == doctest::Approx(1.25e9));
  CHECK(parse_rate_Bps("400MBps") == doctest::Approx(4e8));
  CHECK(parse_rate_Bps("1.25GBps") == doctest::Approx(1.25e9));
  CHECK(parse_rate_Bps("100Mbps") == doctest::Approx(12.5e6));
  CHECK(parse_rate_Bps("1GiBps") == doctest::Approx(1073741824.0));
}
TEST_CASE("times") {
  CHECK(parse_time_s("5ms") == doctest::Approx(0.005));
  CHECK(parse_time_s("3s") == 3);
  CHECK(parse_time_s("2min") == 120);
  CHECK(parse_time_s("1h") == 3600);
  CHECK(parse_time_s("250us") == doctest::Approx(250e-6));
  CHECK(parse_time_s("1e-3s") == doctest::Approx(1e-3));
}
TEST_CASE("flops") {
  CHECK(parse_flops("2Gf") == doctest::Approx(2e9));
  CHECK(parse_flops("100Mf") == doctest::Approx(1e8));
}
TEST_CASE("errors name the problem") {
  auto msg = [](auto fn, const char* s) {
    try {
      fn(s);
    } catch (const UnitError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(msg(parse_size_bytes, "20").find("has no unit") != std::string::npos);
  CHECK(msg(parse_size_bytes, "20GiBs").find("unknown size unit 'GiBs'") != std::string::npos);
  CHECK(msg(parse_rate_Bps, "10Gb").find("unknown rate unit") != std::string::npos);
  CHECK(msg(parse_time_s, "fast").find("is not a time") != std::string::npos);
  CHECK(msg(parse_time_s, "3 parsecs").find("unknown time unit") != std::string::npos);
  CHECK(msg(parse_size_bytes, "1.2.3GB").find("bad number") != std::string::npos);
}
TEST_CASE("formatting for humans") {
  CHECK(format_bytes(2.2e9) == "2.20 GB");
  CHECK(format_seconds(3.25) == "3.250 s");
}

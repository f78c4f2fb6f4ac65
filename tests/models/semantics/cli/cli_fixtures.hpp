// Shared helpers for the CLI tests: the seed-002 ids and a small cloud with names to resolve.
#pragma once
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "models/semantics/cli.hpp"

namespace cli_test {

using bfv::sem::CliParse;
using nlohmann::json;

// Seed 002 (a blog post) uses these placeholder ids verbatim.
inline const std::string IMG = "1234abcd-5678-efgh-9101-ijklmnopqrst";
inline const std::string NET = "5678efgh-1234-abcd-9101-ijklmnopqrst";

inline bfv::sem::CloudState small_cloud() {
  bfv::sem::CloudState c;
  bfv::sem::Flavor f;
  f.id = "2", f.name = "m1.small";
  c.flavors.push_back(f);
  bfv::sem::Image i;
  i.id = IMG, i.name = "cirros";
  c.images.push_back(i);
  bfv::sem::Volume v;
  v.id = "vol-0001", v.name = "data";
  c.volumes.push_back(v);
  bfv::sem::Snapshot s;
  s.id = "snap-0001";
  c.snapshots.push_back(s);
  c.networks = {NET};
  return c;
}

inline CliParse ok(const std::string& cmd, const bfv::sem::CloudState* cloud = nullptr,
                   const std::string& nova_max = "2.96") {
  auto r = bfv::sem::parse_cli(cmd, cloud, nova_max);
  INFO("command: " << cmd << "\nerror: " << r.error);
  REQUIRE(r.ok);
  REQUIRE(r.exit_code == 0);
  return r;
}

inline CliParse bad(const std::string& cmd, int exit_code, const std::string& error,
                    const bfv::sem::CloudState* cloud = nullptr, const std::string& nova_max = "2.96") {
  auto r = bfv::sem::parse_cli(cmd, cloud, nova_max);
  INFO("command: " << cmd << "\nbody: " << r.body.dump());
  CHECK_FALSE(r.ok);
  CHECK(r.exit_code == exit_code);
  CHECK(r.error == error);
  return r;
}

inline json bdms(const CliParse& r) { return r.body.at("server").value("block_device_mapping_v2", json()); }

}  // namespace cli_test

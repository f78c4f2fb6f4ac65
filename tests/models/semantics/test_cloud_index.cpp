// models/semantics/cloud.cpp: volume lookups stay correct as the list grows or is edited in place.
#include <doctest/doctest.h>

#include "models/semantics/cloud.hpp"

using bfv::sem::CloudState;
using bfv::sem::Volume;

TEST_CASE("CloudState::find_volume follows appends, in-place edits and misses") {
  CloudState c;
  for (int i = 0; i < 100; ++i) {
    Volume v;
    v.id = "vol-" + std::to_string(i);
    v.size_gb = i;
    c.volumes.push_back(v);
  }
  REQUIRE(c.find_volume("vol-42") != nullptr);
  CHECK(c.find_volume("vol-42")->size_gb == 42);
  Volume extra;
  extra.id = "vol-new";
  extra.size_gb = 7;
  c.volumes.push_back(extra);  // appended after the index was built
  REQUIRE(c.find_volume("vol-new") != nullptr);
  CHECK(c.find_volume("vol-new")->size_gb == 7);
  c.volumes.erase(c.volumes.begin());  // edited in place: the index is stale
  REQUIRE(c.find_volume("vol-42") != nullptr);
  CHECK(c.find_volume("vol-42")->size_gb == 42);
  CHECK(c.find_volume("vol-0") == nullptr);
  CHECK(c.find_volume("missing") == nullptr);
  const CloudState& cc = c;
  CHECK(cc.find_volume("vol-99")->size_gb == 99);
}

// core/shared.hpp: one immutable value shared by every copy (issue 16 item 4). The run relies on
// three properties: a copy shares, it reads as the value it replaces (so report code reading
// RequestRecord::bdms and nova code reading Instance::bdms is unchanged), and assigning makes a new
// value without touching the others.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/run_result.hpp"
#include "core/shared.hpp"

using bfv::Shared;

TEST_CASE("copies share one value; assigning replaces it for that holder only") {
  Shared<std::string> a = std::string(R"([{"source_type":"image"}])");
  CHECK(a.use_count() == 1);
  Shared<std::string> b = a, c = a;
  CHECK(a.use_count() == 3);
  CHECK(&b.get() == &a.get());  // the same bytes, not a copy
  c = std::string("[]");
  CHECK(c.get() == "[]");
  CHECK(a.get() == R"([{"source_type":"image"}])");
  CHECK(a.use_count() == 2);
}

TEST_CASE("reads as the value it replaces") {
  Shared<std::string> t = std::string("[1,2]");
  std::string out = "x";
  out += t;  // reports/json_report.cpp: out += q.bdms
  CHECK(out == "x[1,2]");
  const std::string& ref = t;
  CHECK(ref.size() == 5);
  CHECK(t == std::string("[1,2]"));

  Shared<std::vector<int>> v = std::vector<int>{3, 4, 5};
  CHECK(v.size() == 3);
  CHECK(v[1] == 4);
  int sum = 0;
  for (int x : v) sum += x;
  CHECK(sum == 12);
  auto size_of = [](const std::vector<int>& x) { return x.size(); };  // sem:: functions take const vector&
  CHECK(size_of(v) == 3);
}

TEST_CASE("default values are shared too: a record's BDMs before the API are one \"[]\"") {
  Shared<std::vector<int>> e1, e2;
  CHECK(e1.empty());
  CHECK(&e1.get() == &e2.get());
  bfv::RequestRecord r1, r2;
  CHECK(r1.bdms.get() == "[]");
  CHECK(&r1.bdms.get() == &r2.bdms.get());
  bfv::RequestRecord r3 = r1;  // records are copied for max_count > 1 (models/nova/api.cpp)
  CHECK(&r3.bdms.get() == &r1.bdms.get());
}

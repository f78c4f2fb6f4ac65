// trace.json validity: required fields, metadata names, per-track monotonic time, proper
// nesting of complete events on each thread, paired flow ids.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "reports/writers.hpp"
#include "tests/reports/synthetic.hpp"

using namespace bfv;

TEST_CASE("trace.json is valid Chrome Trace Event format") {
  RunResult r = test::synthetic_run(300);
  auto j = nlohmann::json::parse(reports::trace_json(r));
  REQUIRE(j["traceEvents"].is_array());
  std::map<std::pair<int, int>, double> last_ts;
  std::map<std::pair<int, int>, std::vector<std::pair<double, double>>> open;  // nesting stack per thread
  std::set<int> named_pids;
  std::set<std::pair<int, int>> named_tids, used_tids;
  std::map<long, int> flow_s, flow_f;
  std::set<std::string> process_names;
  std::size_t slices = 0;
  for (const auto& e : j["traceEvents"]) {
    for (const char* k : {"name", "ph", "ts", "pid", "tid"}) REQUIRE_MESSAGE(e.contains(k), k);
    const std::string ph = e["ph"];
    const int pid = e["pid"], tid = e["tid"];
    const double ts = e["ts"];
    if (ph == "M") {
      if (e["name"] == "process_name") {
        named_pids.insert(pid);
        process_names.insert(e["args"]["name"].get<std::string>());
      }
      if (e["name"] == "thread_name") named_tids.insert({pid, tid});
      continue;
    }
    auto key = std::make_pair(pid, tid);
    used_tids.insert(key);
    CHECK(ts >= last_ts[key]);
    last_ts[key] = ts;
    if (ph == "X") {
      ++slices;
      const double dur = e["dur"];
      CHECK(dur >= 0);
      auto& st = open[key];
      // Times are printed in whole nanoseconds: compare with a 1 ns (1e-3 us) tolerance.
      while (!st.empty() && st.back().second <= ts + 1e-3 && !(st.back().second >= ts + dur - 1e-3 && dur == 0))
        st.pop_back();
      if (!st.empty()) CHECK_MESSAGE(ts + dur <= st.back().second + 1e-3, "slice overlaps without nesting");
      st.emplace_back(ts, ts + dur);
    } else if (ph == "s") {
      flow_s[e["id"].get<long>()]++;
    } else if (ph == "f") {
      CHECK(e["bp"] == "e");
      flow_f[e["id"].get<long>()]++;
    } else {
      FAIL("unexpected phase " << ph);
    }
  }
  CHECK(slices == r.log.spans().size());
  CHECK(flow_s.size() == r.log.arrows().size());
  CHECK(flow_s == flow_f);
  for (const auto& [id, c] : flow_s) CHECK(c == 1);
  for (const auto& k : used_tids) {
    CHECK(named_pids.count(k.first) == 1);
    CHECK(named_tids.count(k) == 1);
  }
  CHECK(process_names == std::set<std::string>{"cinder-volume", "glance-api", "nova-api", "nova-compute",
                                               "nova-conductor", "nova-scheduler"});
}

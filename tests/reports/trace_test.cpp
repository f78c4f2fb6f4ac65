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
  auto j = nlohmann::json::parse(reports::trace_json(r, false, 0));  // every request's detail
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

TEST_CASE("trace.json: every request's phases, the detail of --trace-detail N evenly spaced requests") {
  RunResult r = test::synthetic_run(300);
  std::size_t phases = 0, detail_of_every_third = 0, arrows_of_every_third = 0;
  for (const auto& s : r.log.spans()) {
    if (s.kind == SpanKind::Phase)
      ++phases;
    else if (s.request < 0 || s.request % 3 == 0)
      ++detail_of_every_third;
  }
  for (const auto& a : r.log.arrows())
    if (a.request % 3 == 0) ++arrows_of_every_third;
  REQUIRE(phases > 0);
  REQUIRE(detail_of_every_third > 0);
  auto count = [](const nlohmann::json& j, std::set<long>* detailed) {
    std::size_t slices = 0, starts = 0;
    for (const auto& e : j["traceEvents"]) {
      if (e["ph"] == "X") {
        ++slices;
        if (e["cat"] != "phase" && e["args"].contains("request")) detailed->insert(e["args"]["request"].get<long>());
      }
      if (e["ph"] == "s") ++starts;
    }
    return std::make_pair(slices, starts);
  };
  std::set<long> detailed;
  // 100 of 300: stride ceil(300 / 100) = 3, requests 0, 3, 6, ...
  auto [slices, starts] = count(nlohmann::json::parse(reports::trace_json(r, false, 100)), &detailed);
  CHECK(slices == phases + detail_of_every_third);
  CHECK(starts == arrows_of_every_third);
  REQUIRE(!detailed.empty());
  for (long id : detailed) CHECK(id % 3 == 0);
  // 300 or more, or 0: everything.
  detailed.clear();
  CHECK(count(nlohmann::json::parse(reports::trace_json(r, false, 300)), &detailed).first == r.log.spans().size());
  CHECK(count(nlohmann::json::parse(reports::trace_json(r, false, 0)), &detailed).first == r.log.spans().size());
  // The default is 200 (reports::kTraceDetail): stride 2.
  detailed.clear();
  count(nlohmann::json::parse(reports::trace_json(r)), &detailed);
  for (long id : detailed) CHECK(id % 2 == 0);
  CHECK(detailed.size() == 150);
}

// write_outputs(): every file, its documented fields, byte-identical reruns, a 10,000-request run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/reports.hpp"
#include "reports/svg_chart.hpp"
#include "tests/reports/files.hpp"
#include "tests/reports/synthetic.hpp"

using namespace bfv;
namespace fs = std::filesystem;

namespace {

using bfv::test::slurp;
fs::path fresh_dir(const std::string& name) { return bfv::test::fresh_dir("bfv-reports-test", name); }

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string l; std::getline(ss, l);) out.push_back(l);
  return out;
}

const char* kFiles[] = {"report.json", "requests.csv", "phases.csv", "report.html", "trace.json"};

}  // namespace

TEST_CASE("report.json carries the contract's fields and values") {
  RunResult r = test::synthetic_run(40);
  fs::path d = fresh_dir("json");
  reports::write_outputs(r, d);
  auto j = nlohmann::ordered_json::parse(slurp(d / "report.json"));
  CHECK(j["schema_version"] == 1);
  CHECK(j["scenario"] == "synthetic-storm");
  CHECK(j["seed"] == 42);
  CHECK(j["version"] == BFVSIM_VERSION);
  CHECK(j["sim_end"].get<double>() == r.sim_end);
  CHECK_FALSE(j.contains("wall_seconds"));
  REQUIRE(j["requests"].size() == 40);
  const auto& q0 = j["requests"][0];
  for (const char* k : {"id", "name", "api_status", "api_error", "final_status", "fault", "bdms", "phases", "t_submit",
                        "t_active", "stream", "project", "host", "attempts", "cinder_path", "t_deleted"})
    CHECK_MESSAGE(q0.contains(k), k);
  CHECK(q0["id"] == 0);
  CHECK(q0["name"] == "storm-1");
  CHECK(q0["api_status"] == 202);
  CHECK(q0["api_error"].is_null());
  CHECK(q0["final_status"] == "ACTIVE");
  CHECK(q0["bdms"][0]["source_type"] == "image");
  std::vector<std::string> keys;
  for (auto it = q0["phases"].begin(); it != q0["phases"].end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"api", "schedule", "volume_wait", "attach", "spawn"});  // flow order
  CHECK(q0["phases"]["spawn"] == 5.0);
  CHECK(q0["t_active"].get<double>() == *r.requests[0].t_active);
  const auto& q16 = j["requests"][16];
  CHECK(q16["final_status"] == "ERROR");
  CHECK(q16["t_active"].is_null());
  CHECK(q16["fault"].get<std::string>().find("did not finish being created") != std::string::npos);
  const auto& q22 = j["requests"][22];
  CHECK(q22["final_status"] == "REJECTED");
  CHECK(q22["api_status"] == 403);
  CHECK(q22["api_error"].is_string());
  REQUIRE(j["volumes"].size() > 0);
  for (const char* k : {"id", "size_gb", "source", "status_at_end", "backend", "volume_type", "project"})
    CHECK_MESSAGE(j["volumes"][0].contains(k), k);
  CHECK(j["volumes"][0]["size_gb"] == 20);
  const auto& ps = j["phase_stats"];
  REQUIRE(ps.size() == 6);
  CHECK(ps[0]["name"] == "api");
  CHECK(ps[0]["min"] == 0.2);
  CHECK(ps.back()["name"] == "total");
  CHECK(ps.back()["count"] == 40);
  REQUIRE(j["utilization"].size() >= 4);  // declared resources, then queues derived from Wait spans
  CHECK(j["utilization"][0]["name"] == "link:glance-nic");
  CHECK(j["utilization"][0]["samples"] == 2001);
  CHECK(j["utilization"][0]["series"].size() == 500);
  CHECK(j["utilization"][1]["peak"] == 1.0);
  CHECK(j["quotas"][0]["project"] == "alt");  // sorted by project, service, resource
  CHECK(j["critical_path"]["tail_requests"].get<int>() >= 1);
  CHECK(j["critical_path"]["lines"].size() >= 1);
  CHECK(j["counts"]["ACTIVE"].get<int>() + j["counts"]["ERROR"].get<int>() + j["counts"]["REJECTED"].get<int>() == 40);
}

TEST_CASE("requests.csv and phases.csv: headers and a known row") {
  RunResult r = test::synthetic_run(30);
  fs::path d = fresh_dir("csv");
  reports::write_outputs(r, d);
  auto req = lines(slurp(d / "requests.csv"));
  REQUIRE(req.size() == 31);
  CHECK(req[0] ==
        "id,name,kind,stream,project,api_status,final_status,host,attempts,cinder_path,t_submit,t_active,t_deleted,"
        "boot_s,api_error,fault,phase_api,phase_schedule,phase_volume_wait,phase_attach,phase_spawn");
  CHECK(req[1].rfind("0,storm-1,server_create,storm,alt,202,ACTIVE,cmp-00,1,download,0.000000,", 0) == 0);
  CHECK(req[1].find(",0.200000,") != std::string::npos);
  CHECK(req[1].substr(req[1].size() - 18) == ",1.500000,5.000000");
  CHECK(req[23].rfind("22,storm-23,server_create,storm,alt,403,REJECTED,,0,,2.200000,,,,", 0) == 0);
  CHECK(req[23].find("\"Quota exceeded for instances: Requested 1, but already used 10 of 10 instances\"") !=
        std::string::npos);  // quoted: it contains commas
  auto ph = lines(slurp(d / "phases.csv"));
  CHECK(ph[0] == "request,phase,start,end,seconds,ok");
  CHECK(ph[1] == "0,api,0.000000,0.200000,0.200000,1");
}

TEST_CASE("outputs are byte-identical for identical RunResults, whatever the wall clock said") {
  RunResult a = test::synthetic_run(200), b = test::synthetic_run(200);
  b.wall_seconds = 99.0;
  fs::path da = fresh_dir("same-a"), db = fresh_dir("same-b");
  reports::write_outputs(a, da);
  reports::write_outputs(b, db);
  for (const char* f : kFiles) {
    std::string x = slurp(da / f);
    CHECK_MESSAGE(!x.empty(), f);
    CHECK_MESSAGE(x == slurp(db / f), f);
  }
}

TEST_CASE("report.html is self-contained and has every chart") {
  RunResult r = test::synthetic_run(120);
  fs::path d = fresh_dir("html");
  reports::write_outputs(r, d);
  std::string h = slurp(d / "report.html");
  for (const char* id : {"chart-cdf", "chart-inflight", "chart-phases", "chart-gantt", "chart-util"})
    CHECK_MESSAGE(h.find(std::string("<svg id=\"") + id + "\"") != std::string::npos, id);
  CHECK(h.find("http://") == h.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
  CHECK(h.find("https://") == std::string::npos);
  CHECK(h.find("<script src") == std::string::npos);
  CHECK(h.find("<polyline") != std::string::npos);
  CHECK(h.find("Response Times (sec)") != std::string::npos);
  CHECK(h.find("Volume &lt;id&gt; did not finish being created") != std::string::npos);
}

TEST_CASE("a 10,000-request run with ~30 spans each writes every output") {
  RunResult r = test::synthetic_run(10000);
  CHECK(r.log.spans().size() > 250000);
  fs::path d = fresh_dir("big");
  reports::write_outputs(r, d);
  for (const char* f : kFiles) CHECK_MESSAGE(fs::file_size(d / f) > 0, f);
  auto j = nlohmann::json::parse(slurp(d / "report.json"));
  CHECK(j["requests"].size() == 10000);
  std::string h = slurp(d / "report.html");
  CHECK(h.size() < 2'000'000);  // light: downsampled series, banded bars, sampled Gantt
  fs::remove_all(d);
}

TEST_CASE("an empty run still writes every file, with every chart saying no data") {
  RunResult r;
  r.scenario = "empty";
  fs::path d = fresh_dir("empty");
  reports::write_outputs(r, d);
  auto j = nlohmann::json::parse(slurp(d / "report.json"));
  CHECK(j["requests"].empty());
  CHECK(j["phase_stats"].size() == 1);
  CHECK(j["phase_stats"][0]["median"].is_null());
  CHECK(j["critical_path"]["p95_boot_s"].is_null());
  std::string h = slurp(d / "report.html");
  for (const char* id : {"chart-cdf", "chart-inflight", "chart-phases", "chart-gantt", "chart-util"})
    CHECK_MESSAGE(h.find(std::string("<svg id=\"") + id + "\"") != std::string::npos, id);
  CHECK(nlohmann::json::parse(slurp(d / "trace.json"))["traceEvents"].empty());
  CHECK(slurp(d / "phases.csv") == "request,phase,start,end,seconds,ok\n");
}

// Issue 18's "Examples seen", each checked on the writers' output.
TEST_CASE(
    "issue 18 examples: description shown, axis ticks at 2.5 s steps, the console says why nothing became ACTIVE") {
  // Ticks: a 0-20 s axis with 8 ticks steps by 2.5 and prints 2.5, 5, 7.5 (once printed 2, 5, 8).
  auto t = reports::svg::nice_ticks(0, 20, 8);
  REQUIRE(t.size() == 9);
  CHECK(reports::svg::tick_label(t[1], t[1] - t[0]) == "2.5");
  CHECK(reports::svg::tick_label(t[2], t[1] - t[0]) == "5");
  CHECK(reports::svg::tick_label(t[3], t[1] - t[0]) == "7.5");

  RunResult r = test::synthetic_run(30);
  r.description = "Thirty boots that all fail.\nSecond line, in report.html only.";
  for (auto& q : r.requests) {
    q.final_status = bfv::FinalStatus::Error;
    q.t_active.reset();
    q.fault =
        "Build of instance 3f1c2b7a-1111-2222-3333-" + std::to_string(444455556000 + q.id) + " aborted: Volume vol-" +
        std::to_string(q.id) +
        " did not finish being created even after we waited 183 seconds or 61 attempts. And its status is downloading.";
  }
  const std::string c = reports::console_summary(r);
  CHECK(c.find("  Thirty boots that all fail. ...\n") != std::string::npos);
  CHECK(c.find("No request became ACTIVE") != std::string::npos);
  CHECK(c.find("30 of 30 requests failed (30 ERROR, 0 REJECTED at the API). The dominant fault (30 of them, ERROR): "
               "\"Build of instance <id> aborted: Volume <id> did not finish being created even after we waited <n> "
               "seconds or <n> attempts. And its status is downloading.\"") != std::string::npos);
  fs::path d = fresh_dir("all-failed");
  reports::write_outputs(r, d);
  const std::string h = slurp(d / "report.html");
  CHECK(
      h.find(
          "<p class=\"desc\" id=\"description\">Thirty boots that all fail.\nSecond line, in report.html only.</p>") !=
      std::string::npos);
  CHECK(h.find("No request became ACTIVE") != std::string::npos);
  fs::remove_all(d);
}

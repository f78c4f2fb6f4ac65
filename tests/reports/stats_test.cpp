// Percentiles as Rally computes them, the phase table, fault masking, the console summary.
#include <doctest/doctest.h>

#include "reports/analysis.hpp"
#include "reports/reports.hpp"
#include "reports/writers.hpp"
#include "tests/reports/synthetic.hpp"

using namespace bfv;
using namespace bfv::reports;

TEST_CASE("percentile interpolates at k=(n-1)p like rally/task/processing/utils.py") {
  std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(percentile(v, 0.5) == doctest::Approx(5.5));
  CHECK(percentile(v, 0.9) == doctest::Approx(9.1));
  CHECK(percentile(v, 0.95) == doctest::Approx(9.55));
  CHECK(percentile(v, 1.0) == 10);
  CHECK(percentile(v, 0.0) == 1);
  std::vector<double> w = {0.5, 1.1, 2.0, 3.2};
  CHECK(percentile(w, 0.5) == doctest::Approx(1.55));
  CHECK(percentile(w, 0.9) == doctest::Approx(2.84));
  CHECK(percentile(w, 0.95) == doctest::Approx(3.02));
  CHECK(percentile({7.0}, 0.95) == 7.0);
}

TEST_CASE("stats row: timings over successes, count over all, Rally formatting") {
  StatsRow row = make_row("volume_wait", {3.2, 0.5, 2.0, 1.1}, 5);
  CHECK(row.has_data);
  CHECK(row.min == 0.5);
  CHECK(row.max == 3.2);
  CHECK(row.avg == doctest::Approx(1.7));
  auto cells = stats_cells(row);
  REQUIRE(cells.size() == 9);
  CHECK(cells[0] == "volume_wait");
  CHECK(cells[1] == "0.500");
  CHECK(cells[2] == "1.550");
  CHECK(cells[3] == "2.840");
  CHECK(cells[4] == "3.020");
  CHECK(cells[5] == "3.200");
  CHECK(cells[6] == "1.700");
  CHECK(cells[7] == "80.0%");
  CHECK(cells[8] == "5");
  auto empty = stats_cells(make_row("attach", {}, 3));
  CHECK(empty[1] == "n/a");
  CHECK(empty[6] == "n/a");
  CHECK(empty[7] == "0.0%");
  CHECK(empty[8] == "3");
}

TEST_CASE("fault texts are grouped with ids and numbers masked") {
  CHECK(mask_fault("Volume 3f1c2b7a-1111-2222-3333-444455556666 did not finish being created even after we "
                   "waited 183 seconds or 61 attempts. And its status is downloading.") ==
        "Volume <id> did not finish being created even after we waited <n> seconds or <n> attempts. And its "
        "status is downloading.");
  CHECK(mask_fault("Exceeded maximum number of retries. Exhausted all hosts available for retrying build "
                   "failures for instance abc123.") ==
        "Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for "
        "instance <id>.");
  CHECK(mask_fault("took 12.5 s on cmp-r01-001") == "took <n> s on <id>");
}

TEST_CASE("fault masking keeps words with a digit and HTTP statuses (issue 18: '<id>.small', 'HTTP <n>')") {
  CHECK(mask_fault("Flavor m1.small could not be found.") == "Flavor m1.small could not be found.");
  CHECK(mask_fault("Unable to update the attachment. (HTTP 500) (Request-ID: req-9a8b7c6d5e4f)") ==
        "Unable to update the attachment. (HTTP 500) (Request-ID: <id>)");
  CHECK(mask_fault("Requested 20G, quota is 10G and 30G has been consumed.") ==
        "Requested <n>G, quota is <n>G and <n>G has been consumed.");
  CHECK(mask_fault("No valid backend lvm-1 for vm-3") == "No valid backend <id> for <id>");
  CHECK(mask_fault("Image cirros-0.6.2-x86_64-disk is not active.") == "Image cirros-0.6.2-x86_64-disk is not active.");
  CHECK(mask_fault("Image virtual size is 3GB and doesn't fit in a volume of size 1GB.") ==
        "Image virtual size is <n>GB and doesn't fit in a volume of size <n>GB.");
}

TEST_CASE("analysis of the synthetic run: statuses, phase order, total row, faults") {
  RunResult r = test::synthetic_run(100);
  Analysis a = analyse(r);
  // 100 requests: REJECTED are i%23==22 (22,45,68,91), ERROR i%17==16 (16,33,50,67,84).
  REQUIRE(a.status_counts.size() == 4);
  CHECK(a.status_counts[0] == std::pair<std::string, int>{"ACTIVE", 91});
  CHECK(a.status_counts[1] == std::pair<std::string, int>{"ERROR", 5});
  CHECK(a.status_counts[2] == std::pair<std::string, int>{"DELETED", 0});
  CHECK(a.status_counts[3] == std::pair<std::string, int>{"REJECTED", 4});
  CHECK(a.phase_order == std::vector<std::string>{"api", "schedule", "volume_wait", "attach", "spawn"});
  REQUIRE(a.rows.size() == 6);
  CHECK(a.rows[0].name == "api");
  CHECK(a.rows[0].count == 100);
  CHECK(a.rows[0].success == 96);  // the api Phase span is not ok for rejected requests
  CHECK(a.rows[2].name == "volume_wait");
  CHECK(a.rows[2].count == 96);
  CHECK(a.rows[2].success == 91);
  const StatsRow& total = a.rows.back();
  CHECK(total.name == "total");
  CHECK(total.count == 100);
  CHECK(total.success == 91);
  std::vector<double> boots;
  for (const auto& q : r.requests)
    if (q.t_active) boots.push_back(*q.t_active - q.t_submit);
  std::sort(boots.begin(), boots.end());
  CHECK(total.min == boots.front());
  CHECK(total.p95 == doctest::Approx(percentile(boots, 0.95)));
  REQUIRE(a.faults.size() == 2);
  CHECK(a.faults[0].count == 5);
  CHECK(a.faults[0].final_status == bfv::FinalStatus::Error);
  CHECK(a.faults[0].example == 16);
  CHECK(a.faults[0].reason.rfind("Volume <id> did not finish being created even after we waited <n> seconds", 0) == 0);
  CHECK(a.faults[1].count == 4);
  CHECK(a.faults[1].reason ==
        "HTTP 403: Quota exceeded for instances: Requested <n>, but already used <n> of <n> instances");
}

TEST_CASE("console summary carries totals, the Rally table and where the time went") {
  RunResult r = test::synthetic_run(100);
  std::string s = console_summary(r);
  CHECK(s.find("91 ACTIVE, 5 ERROR, 0 DELETED, 4 REJECTED") != std::string::npos);
  CHECK(s.find("Response Times (sec)") != std::string::npos);
  CHECK(s.find("| Action      | Min (sec) | Median (sec) | 90%ile (sec) | 95%ile (sec) | Max (sec) | Avg (sec) | "
               "Success | Count |") != std::string::npos);
  CHECK(s.find("| api         |     0.200 |        0.200 |        0.200 |        0.200 |     0.200 |     0.200 |   "
               "96.0% |   100 |") != std::string::npos);
  CHECK(s.find("| total       |") != std::string::npos);
  CHECK(s.find("Where the time went") != std::string::npos);
  CHECK(s.find("of p95 boot time is waiting for") != std::string::npos);
  CHECK(s.find("      5  ERROR    Volume <id> did not finish") != std::string::npos);
  CHECK(console_summary(r) == s);  // deterministic
}

TEST_CASE("empty run: n/a everywhere, no crash") {
  RunResult r;
  r.scenario = "empty";
  std::string s = console_summary(r);
  CHECK(s.find("| total  |       n/a |") != std::string::npos);
  CHECK(s.find("no request became ACTIVE") != std::string::npos);
}

TEST_CASE("downsampling a step series keeps at most the limit and the time-weighted mean") {
  std::vector<std::pair<double, double>> pts;
  for (int k = 0; k < 2000; ++k) pts.emplace_back(k * 0.5, k % 2 ? 1.0 : 0.0);
  auto d = downsample_step(pts, 1000, 500);
  REQUIRE(d.size() == 500);
  CHECK(d[0].first == 0);
  CHECK(d[10].second == doctest::Approx(0.5));
  auto same = downsample_step({{0, 1}, {5, 2}}, 10, 500);
  CHECK(same.size() == 2);
}

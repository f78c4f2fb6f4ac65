// Critical path of hand-built span DAGs, and the p95-tail attribution.
#include <doctest/doctest.h>

#include "reports/analysis.hpp"
#include "reports/critical_path.hpp"

using namespace bfv;
using namespace bfv::reports;

namespace {

// Request 0 over [0, 10]:
//   A  api          Phase [0, 1]
//   B  volume_create Phase [1, 8]: B1 Wait queue:workers [1, 3], B2 Io disk:lvm-1 [3, 7] after B1
//   C  volume_wait  Phase [1, 8.5]: C1 poll [1, 4], C2 poll [4, 7] after C1, C3 Rpc service:cinder-api [7, 7.2]
//   D  spawn        Phase [8.5, 10] after `d_after`
struct Dag {
  RunResult r;
  uint32_t A, B, B1, B2, C, C1, C2, C3, D;
};

Dag build(bool d_after_b, bool with_cinder = true) {
  Dag d;
  EventLog& log = d.r.log;
  auto nova = log.track("nova-compute@cmp-1"), cinder = log.track("cinder-volume@cv-1");
  auto poll = log.intern("poll:block_device_allocate_retries_interval");
  auto span = [&](uint32_t track, const char* name, SpanKind k, double a, double b, int32_t parent, int32_t after,
                  const char* res) {
    uint32_t id = log.begin_span(0, track, log.intern(name), k, a, parent, after, res ? log.intern(res) : 0);
    log.end_span(id, b);
    return id;
  };
  d.A = span(nova, "api", SpanKind::Phase, 0, 1, -1, -1, nullptr);
  if (with_cinder) {
    d.B = span(cinder, "volume_create", SpanKind::Phase, 1, 8, -1, -1, nullptr);
    d.B1 = span(cinder, "wait", SpanKind::Wait, 1, 3, d.B, -1, "queue:workers");
    d.B2 = span(cinder, "write", SpanKind::Activity, 3, 7, d.B, d.B1, "disk:lvm-1");
  }
  d.C = span(nova, "volume_wait", SpanKind::Phase, 1, 8.5, -1, d.A, nullptr);
  d.C1 = span(nova, "sleep", SpanKind::Wait, 1, 4, d.C, -1, "poll:block_device_allocate_retries_interval");
  d.C2 = span(nova, "sleep", SpanKind::Wait, 4, 7, d.C, d.C1, "poll:block_device_allocate_retries_interval");
  d.C3 = span(nova, "GET", SpanKind::Rpc, 7, 7.2, d.C, d.C2, "service:cinder-api");
  d.D = span(nova, "spawn", SpanKind::Phase, 8.5, 10, -1, d_after_b && with_cinder ? d.B : d.C, nullptr);
  (void)poll;
  RequestRecord q;
  q.t_submit = 0;
  q.t_active = 10;
  q.final_status = bfv::FinalStatus::Active;
  d.r.requests.push_back(q);
  return d;
}

std::vector<uint32_t> all_spans(const RunResult& r) {
  std::vector<uint32_t> v;
  for (const auto& s : r.log.spans()) v.push_back(s.id);
  return v;
}

}  // namespace

TEST_CASE("critical path follows `after` and containment, weighting exclusive time") {
  Dag d = build(false, false);  // nova only: the poll loop is all there is
  auto path = critical_path(d.r.log, all_spans(d.r), 0, 10);
  REQUIRE(path.size() == 6);
  CHECK(path[0].span == d.A);
  CHECK(path[0].category == "phase:api");
  CHECK(path[0].seconds == doctest::Approx(1.0));
  CHECK(path[1].span == d.C);
  CHECK(path[1].seconds == doctest::Approx(1.3));  // 8.5-1 minus children [1, 7.2]
  CHECK(path[1].label == "Phase");
  CHECK(path[2].span == d.C1);
  CHECK(path[2].category == "poll:block_device_allocate_retries_interval");
  CHECK(path[2].label == "Wait");
  CHECK(path[2].seconds == doctest::Approx(3.0));  // real seconds, whatever its selection weight
  CHECK(path[3].span == d.C2);
  CHECK(path[4].span == d.C3);
  CHECK(path[4].label == "Rpc");
  CHECK(path[4].seconds == doctest::Approx(0.2));
  CHECK(path[5].span == d.D);
  CHECK(path[5].category == "phase:spawn");
  double sum = 0;
  for (const auto& s : path) sum += s.seconds;
  CHECK(sum == doctest::Approx(10.0));
}

TEST_CASE("poll sleeps lose to the work they wait for, even when spawn names the poll loop") {
  Dag d = build(false);
  auto path = critical_path(d.r.log, all_spans(d.r), 0, 10);
  // spawn's `after` is volume_wait, but volume_create ended before spawn started too:
  // A -> B(1) -> B1(2) -> B2(4) -> D(1.5) beats A -> C(1.3) -> polls (~0) -> C3(0.2) -> D.
  REQUIRE(path.size() == 5);
  CHECK(path[1].span == d.B);
  CHECK(path[3].span == d.B2);
  CHECK(path[4].span == d.D);
}

TEST_CASE("critical path switches branch when spawn waits for the volume instead") {
  Dag d = build(true);
  auto path = critical_path(d.r.log, all_spans(d.r), 0, 10);
  // A(1) -> B(self 1) -> B1(2) -> B2(4) -> D(1.5) = 9.5 beats A -> C... (8.5, no way on to D).
  REQUIRE(path.size() == 5);
  CHECK(path[0].span == d.A);
  CHECK(path[1].span == d.B);
  CHECK(path[2].span == d.B1);
  CHECK(path[2].category == "queue:workers");
  CHECK(path[3].span == d.B2);
  CHECK(path[3].category == "disk:lvm-1");
  CHECK(path[3].label == "Io");
  CHECK(path[3].seconds == doctest::Approx(4.0));
  CHECK(path[4].span == d.D);
}

TEST_CASE("critical path clips to the window and handles empty input") {
  Dag d = build(false);
  auto path = critical_path(d.r.log, all_spans(d.r), 0, 5);
  double sum = 0;
  for (const auto& s : path) sum += s.seconds;
  CHECK(sum == doctest::Approx(5.0));  // A(1) + C1(3) + C2 clipped to [4,5]
  CHECK(critical_path(d.r.log, {}, 0, 10).empty());
}

TEST_CASE("where the time went attributes the p95 tail") {
  Dag d = build(true);
  Analysis a = analyse(d.r);
  const auto& w = a.where;
  CHECK(w.requests == 1);
  CHECK(w.p95 == doctest::Approx(10.0));
  CHECK(w.boot_seconds == doctest::Approx(10.0));
  REQUIRE(w.tail.size() == 6);  // disk, queue, spawn, api, volume_create, volume_wait (the gap it covers)
  CHECK(w.tail[0].category == "disk:lvm-1");
  CHECK(w.tail[0].share == doctest::Approx(0.4));
  auto lines = where_lines(w, 3);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "40.0% of p95 boot time is waiting for disk:lvm-* (Io)");  // by class now
  CHECK(lines[1] == "20.0% of p95 boot time is waiting for queue:workers (Wait)");
  CHECK(lines[2] == "15.0% of p95 boot time is spent in phase:spawn (Phase)");
  // [8, 8.5] is on no path step: it goes to the span covering it (volume_wait), nothing is untracked.
  for (const auto& x : w.tail) CHECK(x.category != "(untracked)");
  bool gap = false;
  for (const auto& x : w.tail)
    if (x.category == "phase:volume_wait") gap = x.seconds == doctest::Approx(0.5);
  CHECK(gap);
  CHECK(resource_class("disk:lvm-7-vg") == "disk:lvm-*-vg");
  CHECK(resource_class("service:libvirt@r-01-cmp003") == "service:libvirt@*");
  CHECK(resource_class("queue:nova-conductor") == "queue:nova-conductor");
  CHECK(resource_class("phase:spawn") == "phase:spawn");
}

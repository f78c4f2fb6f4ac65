// The protocol of models/*/protocol.hpp (issue 12): the names are the strings the event log has
// always recorded, and in whole runs every arrow ends on a span of the service its message names.
// The run cases each run one scenario (SimGrid's engine: one per process; each is its own ctest
// entry, tests/models/CMakeLists.txt).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "models/cinder/protocol.hpp"
#include "models/glance/protocol.hpp"
#include "models/infra/endpoint.hpp"
#include "models/nova/protocol.hpp"
#include "sim/runtime/run.hpp"

namespace {

using Receivers = std::map<std::string, std::set<std::string>>;  // arrow name -> track kinds it may end on

// Every value of a message set, from 0 to the first without a name.
template <class E, class F>
void each(F f) {
  for (unsigned i = 0; !name(static_cast<E>(i)).empty(); ++i) f(static_cast<E>(i));
}
template <class E>
void add(Receivers& r, const char* prefix) {
  each<E>([&](E m) { r[prefix + std::string(name(m))].insert(std::string(bfv::infra::receiver_t<E>::track_kind)); });
}
template <class E>
std::set<std::string> names() {
  std::set<std::string> s;
  each<E>([&](E m) { s.insert(std::string(name(m))); });
  return s;
}

// What the protocol says: each cast, call and route and the service it reaches.
Receivers protocol() {
  Receivers r;
  add<bfv::nova::ComputeCast>(r, "rpc:");
  add<bfv::nova::ComputeCall>(r, "rpc:");
  add<bfv::nova::ConductorCast>(r, "rpc:");
  add<bfv::nova::SchedulerCall>(r, "rpc:");
  add<bfv::nova::ApiRoute>(r, "http:");
  add<bfv::nova::PlacementRoute>(r, "http:");
  add<bfv::cinder::Route>(r, "http:");
  add<bfv::cinder::SchedulerCast>(r, "rpc:");
  add<bfv::cinder::VolumeCast>(r, "rpc:");
  add<bfv::glance::Route>(r, "http:");
  return r;
}
// Reply arrow name -> its call's arrow name (a reply goes back to whoever sent the call).
std::map<std::string, std::string> replies() {
  std::map<std::string, std::string> r;
  each<bfv::nova::ComputeCall>([&](auto m) { r["rpc:" + std::string(reply_name(m))] = "rpc:" + std::string(name(m)); });
  each<bfv::nova::SchedulerCall>(
      [&](auto m) { r["rpc:" + std::string(reply_name(m))] = "rpc:" + std::string(name(m)); });
  return r;
}

std::string kind(const std::string& track) { return track.substr(0, track.find('@')); }

// Every arrow of the run's event log: its name is a message of the protocol; it ends on a track of
// the service that message names (a reply: of its call's sender), never on its own track (placement's
// calls too: they land on placement-api, not on the scheduler that sends them); a span of its request on the sending track
// covers its start and one on the receiving track covers its end. Returns the number of arrows.
size_t check_arrows(const bfv::RunResult& r) {
  const auto& log = r.log;
  const auto proto = protocol();
  const auto reply_of = replies();
  // spans by (track, request), to find the one covering a time
  std::map<std::pair<uint32_t, int32_t>, std::vector<const bfv::Span*>> spans;
  for (const auto& s : log.spans()) spans[{s.track, s.request}].push_back(&s);
  auto covered = [&](uint32_t track, int32_t request, double t) {
    auto it = spans.find({track, request});
    if (it == spans.end()) return false;
    for (const auto* s : it->second)
      if (s->start <= t + 1e-9 && t - 1e-9 <= s->end) return true;
    return false;
  };
  std::map<std::pair<int32_t, std::string>, uint32_t> last_call_from;  // (request, call arrow) -> sender track
  size_t n = 0;
  for (const auto& a : log.arrows()) {
    ++n;
    const std::string name = log.name(a.name);
    const std::string from = log.tracks()[a.track_from], to = log.tracks()[a.track_to];
    INFO("arrow ", name, " of request ", a.request, " from ", from, " to ", to, " at ", a.t_from, " s");
    if (auto rep = reply_of.find(name); rep != reply_of.end()) {
      auto call = last_call_from.find({a.request, rep->second});
      REQUIRE(call != last_call_from.end());
      CHECK(a.track_to == call->second);
    } else {
      auto p = proto.find(name);
      REQUIRE_MESSAGE(p != proto.end(), "not a message of models/*/protocol.hpp");
      CHECK(p->second.count(kind(to)) == 1);
      last_call_from[{a.request, name}] = a.track_from;
    }
    CHECK(a.track_from != a.track_to);
    CHECK(covered(a.track_from, a.request, a.t_from));
    CHECK(covered(a.track_to, a.request, a.t_to));
  }
  return n;
}

bfv::RunResult run(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return bfv::run_scenario(bfv::load_scenario_text(ss.str(), path), {});
}

}  // namespace

TEST_CASE("names: the strings the event log records, one per message within each set") {
  using namespace bfv;
  CHECK(name(nova::ComputeCast::BuildAndRunInstance) == "build_and_run_instance");
  CHECK(name(nova::ConductorCast::ScheduleAndBuildInstances) == "schedule_and_build_instances");
  CHECK(reply_name(nova::SchedulerCall::SelectDestinations) == "select_destinations_reply");
  CHECK(reply_name(nova::ComputeCall::ReserveBlockDeviceName) == "reserve_block_device_name_reply");
  CHECK(name(nova::PlacementRoute::ClaimResources) == "placement.claim_resources");
  CHECK(name(cinder::SchedulerCast::CreateVolume) == "create_volume");
  CHECK(name(cinder::VolumeCast::DeleteVolume) == "delete_volume");
  CHECK(name(cinder::Route::BeginDetaching) == "cinder.begin_detaching");
  CHECK(work_name(cinder::VolumeCall::AttachmentDelete) == "remove_export");
  CHECK(name(glance::Route::ImageDownload) == "glance.image_data.download");
  CHECK(names<nova::ComputeCast>().size() == 4);
  CHECK(names<cinder::Route>().size() == 8);
  CHECK(names<cinder::VolumeCast>().size() == 2);
  CHECK(names<glance::Route>().size() == 2);
  // cinder-scheduler's and cinder-volume's create_volume share the name (two rpcapi methods, one
  // string): the arrows tell them apart by where they end.
  CHECK(protocol().at("rpc:create_volume") == std::set<std::string>{"cinder-scheduler", "cinder-volume"});
  CHECK(protocol().at("rpc:delete_volume") == std::set<std::string>{"cinder-volume"});
  CHECK(protocol().at("http:placement.allocation_candidates") == std::set<std::string>{"placement-api"});
  CHECK(protocol().at("http:placement.claim_resources") == std::set<std::string>{"placement-api"});
}

TEST_CASE("endpoints: a client outside the cloud has no track; a caller sends from inside its spans") {
  bfv::infra::Endpoint client{nullptr};
  CHECK_FALSE(client.traced());
  bfv::infra::Caller c{7, bfv::infra::Address<bfv::cinder::VolumeService>{nullptr, 3}, 11};
  CHECK(c.from.traced());
  auto d = c.under(12);
  CHECK(d.request == 7);
  CHECK(d.from.track == 3);
  CHECK(d.parent == 12);
}

// scenarios/regressions/trace-arrows-reach-cinder-volume.yaml: a BFV boot, its delete, and a client's
// volume created, attached, detached and deleted.
TEST_CASE("run regression: create and delete casts reach cinder-volume, client requests draw no arrow") {
  auto r = run("scenarios/regressions/trace-arrows-reach-cinder-volume.yaml");
  CHECK(check_arrows(r) == 32);  // trace.json shows 30: the volume_wait poll loop is one span there (--trace-polls)
  int create_to_volume = 0, delete_to_volume = 0, from_api_to_api = 0, to_placement = 0;
  for (const auto& a : r.log.arrows()) {
    const auto& name = r.log.name(a.name);
    const auto to = kind(r.log.tracks()[a.track_to]);
    if (name == "rpc:create_volume" && to == "cinder-volume") ++create_to_volume;
    if (name == "rpc:delete_volume" && to == "cinder-volume") ++delete_to_volume;
    if (a.track_from == a.track_to) ++from_api_to_api;
    if (name.rfind("http:placement.", 0) == 0) {  // sent by nova-scheduler, served by placement-api
      CHECK(kind(r.log.tracks()[a.track_from]) == "nova-scheduler");
      CHECK(to == "placement-api");
      ++to_placement;
    }
  }
  CHECK(create_to_volume == 2);  // the boot volume and the client's volume
  CHECK(delete_to_volume == 2);  // delete_on_termination on the server delete, the client's DELETE
  CHECK(from_api_to_api == 0);
  CHECK(to_placement == 2);  // GET /allocation_candidates, PUT /allocations/{consumer}
}
// 16,732 arrows: every GET of the volume_wait polls (trace.json folds each poll loop into one span: 1,404 there).
TEST_CASE("run storm: bfv-lvm-100") { CHECK(check_arrows(run("scenarios/storms/bfv-lvm-100.yaml")) == 16732); }
TEST_CASE("run volumes: attach-detach") { CHECK(check_arrows(run("scenarios/volumes/attach-detach.yaml")) > 0); }
TEST_CASE("run faults: compute-down-reschedule") {
  CHECK(check_arrows(run("scenarios/faults/compute-down-reschedule.yaml")) > 0);
}
TEST_CASE("run faults: abort-attach-failure") {
  CHECK(check_arrows(run("scenarios/faults/abort-attach-failure.yaml")) > 0);
}

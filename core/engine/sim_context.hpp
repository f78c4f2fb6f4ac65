// What every simulated service shares for one run: the topology (read-only), the platform, the
// seeded RNG, the event log and the run's records. Passed explicitly; there is no global.
#pragma once
#include <cstdint>
#include <random>
#include <string>

#include <simgrid/s4u.hpp>

#include "core/engine/caller.hpp"
#include "core/platform/simgrid_platform.hpp"
#include "core/run_result.hpp"
#include "core/platform/topology.hpp"

namespace bfv {

namespace sg4 = simgrid::s4u;

struct SimContext {
  const Topology& topology;  // services get their options in their constructors, not the Scenario
  platform::Platform& platform;
  RunResult& result;
  std::mt19937_64 rng;

  SimContext(const Topology& t, platform::Platform& p, RunResult& r, uint64_t seed)
      : topology(t), platform(p), result(r), rng(seed) {}

  double now() const { return simgrid::s4u::Engine::get_clock(); }
  EventLog& log() { return result.log; }
  RequestRecord& req(int id) { return result.requests[static_cast<size_t>(id)]; }
  double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
  // Every Comm::sendto_async calls this (run.cpp counts Exec/Io/actors/sleeps from SimGrid's signals).
  void comm_started(double bytes) {
    ++result.work.comms;
    result.work.comm_bytes += bytes;
  }
};

// A span open for the lifetime of a scope; closes at the simulated time of destruction.
// Filed for `at.request` on `at.from`'s track under `at.parent` (no loose ids: the endpoint comes from
// the service doing the work); caller() is the same caller inside this span, for the work it encloses.
class SpanScope {
 public:
  SpanScope(SimContext& ctx, const Caller& at, const std::string& name, SpanKind kind, const std::string& resource = "")
      : ctx_(ctx), at_(at) {
    auto& log = ctx.log();
    id_ = log.begin_span(at.request, at.from.track, log.intern(name), kind, ctx.now(), at.parent, -1,
                         resource.empty() ? 0 : log.intern(resource));
  }
  ~SpanScope() { ctx_.log().end_span(id_, ctx_.now(), ok_); }
  SpanScope(const SpanScope&) = delete;
  SpanScope& operator=(const SpanScope&) = delete;
  void fail() { ok_ = false; }
  int32_t id() const { return static_cast<int32_t>(id_); }
  Caller caller() const { return at_.under(id()); }

 private:
  SimContext& ctx_;
  Caller at_;
  uint32_t id_;
  bool ok_ = true;
};

}  // namespace bfv

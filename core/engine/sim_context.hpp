// What every simulated service shares for one run: the topology (read-only), the platform, the
// seeded RNG, the event log and the run's records. Passed explicitly; there is no global.
#pragma once
#include <cstdint>
#include <random>
#include <string>

#include <simgrid/s4u.hpp>

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
class SpanScope {
 public:
  SpanScope(SimContext& ctx, int request, uint32_t track, const std::string& name, SpanKind kind, int32_t parent = -1,
            const std::string& resource = "")
      : ctx_(ctx) {
    auto& log = ctx.log();
    id_ = log.begin_span(request, track, log.intern(name), kind, ctx.now(), parent, -1,
                         resource.empty() ? 0 : log.intern(resource));
  }
  ~SpanScope() { ctx_.log().end_span(id_, ctx_.now(), ok_); }
  SpanScope(const SpanScope&) = delete;
  SpanScope& operator=(const SpanScope&) = delete;
  void fail() { ok_ = false; }
  int32_t id() const { return static_cast<int32_t>(id_); }

 private:
  SimContext& ctx_;
  uint32_t id_;
  bool ok_ = true;
};

}  // namespace bfv

// A bounded pool of worker actors over a FIFO queue of jobs. Waiting work is data, not blocked
// actors (live actors drive memory; bounded in-flight work keeps the sharing solver
// fast). Models real caps: max_concurrent_builds per compute, cinder-volume's RPC executor, ...
// limit <= 0 means unlimited.
//
// Workers are spawned on demand and, when the queue is empty, park (suspended) for the next job
// instead of ending, up to `max_idle` per pool; the rest end. Why: in SimGrid 3.32 every actor costs
// a calloc'd stack (memset), a context, and at its end a C++ exception that unwinds its stack
// (SwappedContext::stop); per request that was 4–5 actors and ~15% of a 10k storm's wall time.
// Parking costs a suspend and a resume, and no simulated time: results are the same.
//
// Parked workers are daemons, so they never keep a finished simulation alive. A daemon still running
// a job must not be killed when the last ordinary actor ends, though: while any worker of any pool
// is busy, one non-daemon "keeper" actor stays alive (class Keeper in worker_pool.cpp).
#pragma once
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include <simgrid/s4u.hpp>

#include "core/engine/spawn.hpp"

namespace bfv {

// Parked workers kept by an unlimited service-wide pool (conductor, cinder-scheduler, request
// actors). Assumed: above the few dozen a 10k storm has in flight at once, small next to its memory.
constexpr size_t kIdleServiceWorkers = 64;

class WorkerPool {
 public:
  WorkerPool(std::string name, simgrid::s4u::Host* host, int limit, unsigned stack_bytes = kServiceStack,
             size_t max_idle = 1)
      : name_(std::move(name)), host_(host), limit_(limit), stack_(stack_bytes), max_idle_(max_idle) {}

  void submit(std::function<void()> job);
  size_t queued() const { return queue_.size(); }
  int active() const { return active_ - static_cast<int>(idle_.size()); }  // workers running a job
  int limit() const { return limit_; }
  simgrid::s4u::Host* host() const { return host_; }
  const std::string& name() const { return name_; }

 private:
  void work();
  std::string name_;
  simgrid::s4u::Host* host_;
  int limit_;
  unsigned stack_;
  size_t max_idle_;
  int active_ = 0;                            // workers alive: busy or parked
  std::vector<simgrid::s4u::ActorPtr> idle_;  // parked, most recently parked last
  std::deque<std::function<void()>> queue_;
};

}  // namespace bfv

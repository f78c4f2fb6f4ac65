#include "core/engine/worker_pool.hpp"

namespace bfv {

namespace {

namespace sg4 = simgrid::s4u;

// Keeps the simulation alive while a daemon worker runs a job. SimGrid kills every daemon when the
// last non-daemon actor ends; without the keeper, a build still running in a pooled worker would be
// cut when the request actors and the workload driver are done. One keeper at most, for all pools;
// it ends as soon as no worker is busy and is started again by the next busy one.
struct Keeper {
  int busy = 0;
  sg4::ActorPtr actor;

  void begin(sg4::Host* host) {
    if (busy++ == 0 && !actor)
      actor = spawn("worker-keeper", host, kServiceStack, [this] {
        while (busy > 0) sg4::this_actor::suspend();
        actor = nullptr;
      });
  }
  void end() {
    if (--busy == 0 && actor) actor->resume();  // a no-op if the keeper has not suspended yet
  }
};

// One simulation per process (the SimGrid engine is a singleton); the keeper leaves busy == 0 and
// no actor behind when a run ends normally.
Keeper& keeper() {
  static Keeper k;
  return k;
}

}  // namespace

void WorkerPool::submit(std::function<void()> job) {
  queue_.push_back(std::move(job));
  if (!idle_.empty()) {
    auto w = std::move(idle_.back());
    idle_.pop_back();
    keeper().begin(host_);
    w->resume();
  } else if (limit_ <= 0 || active_ < limit_) {
    ++active_;
    keeper().begin(host_);
    spawn(name_, host_, stack_, [this] {
      sg4::Actor::self()->daemonize();
      work();
    });
  }
}

void WorkerPool::work() {
  for (;;) {
    while (!queue_.empty()) {
      auto job = std::move(queue_.front());
      queue_.pop_front();
      job();
      stack_checkpoint();
    }
    if (idle_.size() >= max_idle_) break;
    idle_.push_back(sg4::Actor::self());
    keeper().end();
    sg4::this_actor::suspend();
    // resumed by submit(), which took us off idle_ and counted us busy again
  }
  --active_;
  keeper().end();
}

}  // namespace bfv

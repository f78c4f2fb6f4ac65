// A bounded pool of worker actors over a FIFO queue of jobs. Waiting work is data, not blocked
// actors (research §2.3: live actors drive memory; bounded in-flight work keeps the sharing solver
// fast). Models real caps: max_concurrent_builds per compute, cinder-volume's RPC executor, ...
// Workers are spawned on demand and exit when the queue is empty. limit <= 0 means unlimited.
#pragma once
#include <deque>
#include <functional>
#include <string>
#include <utility>

#include <simgrid/s4u.hpp>

#include "sim/runtime/spawn.hpp"

namespace bfv {

class WorkerPool {
public:
  WorkerPool(std::string name, simgrid::s4u::Host* host, int limit, unsigned stack_bytes = kServiceStack)
      : name_(std::move(name)), host_(host), limit_(limit), stack_(stack_bytes) {}

  void submit(std::function<void()> job) {
    queue_.push_back(std::move(job));
    if (limit_ <= 0 || active_ < limit_) {
      ++active_;
      spawn(name_, host_, stack_, [this] { work(); });
    }
  }
  size_t queued() const { return queue_.size(); }
  int active() const { return active_; }
  int limit() const { return limit_; }
  simgrid::s4u::Host* host() const { return host_; }
  const std::string& name() const { return name_; }

private:
  void work() {
    while (!queue_.empty()) {
      auto job = std::move(queue_.front());
      queue_.pop_front();
      job();
    }
    --active_;
  }
  std::string name_;
  simgrid::s4u::Host* host_;
  int limit_;
  unsigned stack_;
  int active_ = 0;
  std::deque<std::function<void()>> queue_;
};

}  // namespace bfv

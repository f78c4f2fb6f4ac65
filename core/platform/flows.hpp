// Flow aggregation: the transfers that share a route are one SimGrid flow per route, weighted by
// their number (issue 16).
//
// Why: every start or end of a SimGrid Comm re-solves the max-min sharing of every flow connected to
// it. When thousands of downloads cross glance-api (a storm past Glance's capacity), each event costs
// O(flows in flight) and the run is quadratic (docs/performance.md, "LVM storms that saturate Glance").
//
// What is exact about it: flows over the same route (same links, same latency, no per-flow rate cap
// in bfvsim's Comms) have the same constraints, the same sharing penalty and the same bound, so
// max-min gives each of them the same rate at every instant: they form a processor-sharing queue.
// N such flows are, to the solver, one variable of sharing penalty P/N and bound N*B (SimGrid's
// max-min divides each constraint by sum(1/penalty) and compares bound*penalty: both unchanged).
// Per class (route) we keep the virtual time V: bytes served to each member since the class last
// emptied. A member that joins with R bytes left ends when V reaches V + R. One SimGrid Comm per
// class (the "aggregate"), owned here, carries all N shares: its remaining amount is
// N * (V_first - V), V_first the earliest member finish, so SimGrid ends it exactly when that
// member's bytes are done; then the member is complete and the next aggregate Comm starts for
// the others. Each join re-rates the aggregate in place (remaining amount, penalty, bound).
//
// A member's life: start() sends its own Comm, as in the per-flow model, so its TCP latency phase is
// SimGrid's (its variable is disabled until the route latency is paid); after it the member shares as
// an individual flow (exactly as in the per-flow model) until the next event of its class, where it
// is folded into the aggregate with the bytes it has left and its own Comm is retired (remaining
// amount 0: it ends at that instant). Retiring matters as much as the solver: SimGrid 3.32 keeps
// every detached Comm in a list of the maestro that each Comm's end scans
// (src/kernel/activity/CommImpl.cpp::CommImpl::finish: maestro->activities_.remove), which cost a
// third of an 8,000-request storm while members kept theirs. The caller waits on an Exec of the
// member's own on a virtual host (Platform::flows_clock), started disabled (penalty 0) and completed
// (remaining 0, enabled) at the instant the member's bytes are done.
//
// Mechanism: SimGrid 3.32's s4u has no sharing weight for a Comm (Exec::set_priority is CPU only),
// so this uses the kernel Action of each activity, through the public header
// simgrid/kernel/resource/Action.hpp (set_sharing_penalty, set_bound, set_remains, get_remains).
// An Action is found in its model's started set by its activity. The end of a Comm is observed with
// kernel::activity::CommImpl::on_completion (fired in the engine, at that instant). Valid for CM02
// without cross-traffic (bfvsim's default): penalty = route latency (1 when zero), bandwidth factor
// 1. Other network models keep the per-flow model.
//
// The per-flow model stays available (`bfvsim run --flow-model per-flow`); ctest flows_match and
// bench/run-bench.sh compare the two (docs/performance.md).
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <simgrid/s4u.hpp>

namespace simgrid::kernel::resource {
class Action;
class Model;
}  // namespace simgrid::kernel::resource

namespace bfv::platform {

namespace sg4 = simgrid::s4u;

class Flows {
 public:
  // Fails (std::runtime_error) when the engine's network model is not CM02 without cross-traffic.
  Flows(sg4::Engine& e, sg4::Host* clock);
  // Why the aggregate model cannot run with this engine's configuration ("" when it can).
  static std::string unsupported_reason(sg4::Engine& e);

  // A transfer of `bytes` from src to dst (host-to-host route), as a member of its route's class.
  // The returned activity ends when its bytes are done. Call from an actor.
  sg4::ActivityPtr start(sg4::Host* src, sg4::Host* dst, uint64_t bytes);

  struct Stats {
    uint64_t members = 0;         // transfers started through start()
    uint64_t folded = 0;          // members folded into an aggregate (the others ended alone)
    uint64_t aggregates = 0;      // aggregate Comms started
    uint64_t max_population = 0;  // most members of one class at once
  };
  const Stats& stats() const { return stats_; }

 private:
  using Action = simgrid::kernel::resource::Action;
  using Model = simgrid::kernel::resource::Model;
  struct Class;
  struct Member {
    Class* cls = nullptr;
    Action* own = nullptr;      // its own Comm's Action while loose (null once folded or ended)
    sg4::ActivityPtr own_comm;  // keeps that Comm alive while loose
    Action* done = nullptr;     // the Exec its caller waits on
    sg4::ActivityPtr done_exec;
    double vf = 0;     // virtual finish: the value of V at which its bytes are done
    uint64_t seq = 0;  // start order: equal vf end in start order
  };
  struct FinishOrder {
    bool operator()(const Member* a, const Member* b) const { return a->vf != b->vf ? a->vf > b->vf : a->seq > b->seq; }
  };
  struct Class {
    sg4::Host* src = nullptr;
    sg4::Host* dst = nullptr;
    double penalty = 1;  // one member's sharing penalty after its latency (CM02: route latency, 1 when 0)
    double bound = -1;   // one member's rate bound (B/s; min link bandwidth and TCP window); <= 0: none
    double v = 0;        // virtual time: bytes served to each folded member
    std::priority_queue<Member*, std::vector<Member*>, FinishOrder> folded;
    std::deque<Member*> loose;  // started, not folded (latency phase, or sharing alone), in start order
    Action* agg = nullptr;      // the aggregate Comm's Action (null when no member is folded)
    sg4::ActivityPtr agg_comm;
  };
  struct PairHash {
    size_t operator()(const std::pair<sg4::Host*, sg4::Host*>& p) const {
      return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
    }
  };
  enum class Role { Own, Aggregate, Retired };
  struct Entry {
    Role role;
    Member* m;              // Own: the member
    Class* c;               // Own, Aggregate: the class
    sg4::ActivityPtr keep;  // Retired: keeps the Comm alive until it ends
  };

  Action* find_action(Model* model, const sg4::ActivityPtr& a) const;
  void on_comm_end(const void* impl);
  void update(Class& c, bool changed);
  void rerate(Class& c);
  void complete(Member* m);
  bool running(const Action* a) const;

  sg4::Host* clock_;
  Model* net_ = nullptr;
  Model* cpu_ = nullptr;
  std::unordered_map<std::pair<sg4::Host*, sg4::Host*>, std::unique_ptr<Class>, PairHash> classes_;
  std::unordered_map<const void*, Entry> comms_;  // by CommImpl; looked up, never iterated
  std::vector<sg4::ActivityPtr> graveyard_;       // ended; released at the next start(), in an actor
  uint64_t seq_ = 0;
  Stats stats_;
};

}  // namespace bfv::platform

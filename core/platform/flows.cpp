#include "core/platform/flows.hpp"

#include <stdexcept>

#include <simgrid/kernel/resource/Action.hpp>
#include <simgrid/kernel/resource/Model.hpp>
#include <simgrid/kernel/routing/NetZoneImpl.hpp>
#include <simgrid/simix.hpp>
#include <xbt/config.hpp>
#include <xbt/signal.hpp>

// SimGrid 3.32 fires kernel::activity::CommImpl::on_completion in CommImpl::post(), in the engine,
// at the simulated instant the Comm ends and before its Action is released
// (src/kernel/activity/CommImpl.cpp::CommImpl::post). Debian's libsimgrid exports the signal but
// not its header (src/kernel/activity/CommImpl.hpp), so it is named by its symbol here. s4u's
// Activity::on_completion would not do: it fires in the waiting actor, and nobody waits on an
// aggregate Comm.
namespace simgrid::kernel::activity {
class CommImpl;
}
extern simgrid::xbt::signal<void(simgrid::kernel::activity::CommImpl const&)> bfv_comm_impl_on_completion __asm__(
    "_ZN7simgrid6kernel8activity8CommImpl13on_completionE");

namespace bfv::platform {

using simgrid::kernel::resource::Action;
using simgrid::kernel::resource::ActionHeap;

std::string Flows::unsupported_reason(sg4::Engine&) {
  auto model = simgrid::config::get_value<std::string>("network/model");
  if (model != "CM02") return "network model " + model + " (flow aggregation needs CM02)";
  if (simgrid::config::get_value<bool>("network/crosstraffic")) return "network/crosstraffic is on";
  if (simgrid::config::get_value<double>("network/weight-S") != 0.0) return "network/weight-S is not 0";
  return "";
}

Flows::Flows(sg4::Engine& e, sg4::Host* clock) : clock_(clock) {
  if (auto why = unsupported_reason(e); !why.empty()) throw std::runtime_error("flow aggregation: " + why);
  // NetworkModel and CpuModel derive from Model first (src/kernel/resource/NetworkModel.hpp,
  // CpuImpl.hpp), so their addresses are the Model's; find_action checks it on the first transfer.
  net_ = reinterpret_cast<Model*>(e.get_netzone_root()->get_impl()->get_network_model().get());
  cpu_ = reinterpret_cast<Model*>(clock->get_englobing_zone()->get_impl()->get_cpu_pm_model().get());
  bfv_comm_impl_on_completion.connect(
      [this](simgrid::kernel::activity::CommImpl const& impl) { on_comm_end(static_cast<const void*>(&impl)); });
}

Action* Flows::find_action(Model* model, const sg4::ActivityPtr& a) const {
  const void* impl = a->get_impl();
  auto* set = model->get_started_action_set();
  for (auto it = set->rbegin(); it != set->rend(); ++it)
    if (static_cast<const void*>(it->get_activity()) == impl) return &*it;
  throw std::runtime_error(
      "flow aggregation: an activity's Action is not in its SimGrid model (libsimgrid is not 3.32?); "
      "run with --flow-model per-flow");
}

bool Flows::running(const Action* a) const { return a->get_state() == Action::State::STARTED; }

sg4::ActivityPtr Flows::start(sg4::Host* src, sg4::Host* dst, uint64_t bytes) {
  graveyard_.clear();  // Comms and Execs that ended (released here, in an actor, not in the engine's signal)
  if (bytes == 0) return sg4::Comm::sendto_async(src, dst, bytes);
  auto& slot = classes_[{src, dst}];
  auto comm = sg4::Comm::sendto_async(src, dst, bytes);
  Action* own = find_action(net_, comm);
  if (!slot) {
    slot = std::make_unique<Class>();
    slot->src = src;
    slot->dst = dst;
    std::vector<sg4::Link*> links;
    double lat = 0;
    src->route_to(dst, links, &lat);
    // CM02 (src/surf/network_cm02.cpp::communicate, comm_action_set_variable): a flow shares with
    // penalty = route latency once its latency is paid, or 1 on a zero-latency route; its bound is
    // min(link bandwidths, TCP-gamma / (2 * latency)), the variable's bound at creation.
    slot->penalty = lat > 0 ? lat : 1.0;
    slot->bound = own->get_bound();
  }
  Class& c = *slot;
  // What the caller waits on: an Exec on the clock host, out of the solver until completed.
  auto exec = sg4::this_actor::exec_init(1.0);
  exec->set_host(clock_);
  exec->start();
  Action* done = find_action(cpu_, exec);
  done->set_sharing_penalty(0.0);
  auto* m = new Member{&c, own, comm, done, exec, 0, seq_++};
  comms_.emplace(comm->get_impl(), Entry{Role::Own, m, &c, nullptr});
  ++stats_.members;
  // The bookkeeping runs in the engine, in one piece: from an actor, a simcall (starting the
  // aggregate's Comm) would let other actors run in the middle of it, on the same class.
  simgrid::kernel::actor::simcall_answered([this, &c, m] {
    c.loose.push_back(m);
    update(c, false);
  });
  return exec;
}

void Flows::complete(Member* m) {
  // Remaining 0 and back in the solver: the engine ends the Exec at this instant.
  Action* a = m->done;
  a->set_remains(0.0);
  a->set_last_update();
  a->set_sharing_penalty(1.0);
  m->done = nullptr;
  graveyard_.push_back(std::move(m->done_exec));
}

void Flows::on_comm_end(const void* impl) {
  auto it = comms_.find(impl);
  if (it == comms_.end()) return;
  Entry e = it->second;
  comms_.erase(it);
  if (e.role == Role::Retired) {  // a folded member's own Comm, ended with nothing left
    graveyard_.push_back(std::move(e.keep));
    return;
  }
  Class& c = *e.c;
  if (e.role == Role::Own) {  // a member that shared alone until its bytes were done
    Member* m = e.m;
    m->own = nullptr;
    graveyard_.push_back(std::move(m->own_comm));
    complete(m);
    while (!c.loose.empty() && !c.loose.front()->own) {
      delete c.loose.front();
      c.loose.pop_front();
    }
    return;
  }
  // The aggregate ended: the first folded member's bytes are done, V is at its finish.
  c.agg = nullptr;
  graveyard_.push_back(std::move(c.agg_comm));
  c.v = c.folded.top()->vf;
  while (!c.folded.empty() && c.folded.top()->vf <= c.v) {
    Member* m = c.folded.top();
    c.folded.pop();
    complete(m);
    delete m;
  }
  update(c, true);
}

void Flows::update(Class& c, bool changed) {
  // V now, from the aggregate's progress (its remaining amount is n * (V_first - V)).
  if (c.agg && running(c.agg)) {
    double rem = c.agg->get_remains();
    c.v = c.folded.top()->vf - rem / static_cast<double>(c.folded.size());
  }
  // Fold the members past their latency phase. All members of a class have the same latency, so
  // they leave it in start order: the first one still in it ends the scan.
  while (!c.loose.empty()) {
    Member* m = c.loose.front();
    if (!m->own) {  // ended alone
      delete m;
      c.loose.pop_front();
      continue;
    }
    if (!running(m->own) || m->own->get_type() == ActionHeap::Type::latency) break;
    double rem = m->own->get_remains();
    if (!running(m->own)) break;
    m->vf = c.v + rem;
    // Retire its own Comm: nothing left, so the engine ends it at this instant; set_bound marks its
    // constraints modified, so the next solve re-dates it.
    m->own->set_remains(0.0);
    m->own->set_bound(m->own->get_bound());
    auto& entry = comms_.at(m->own_comm->get_impl());
    entry.role = Role::Retired;
    entry.keep = std::move(m->own_comm);
    m->own = nullptr;
    c.folded.push(m);
    ++stats_.folded;
    changed = true;
    c.loose.pop_front();
  }
  if (c.folded.size() > stats_.max_population) stats_.max_population = c.folded.size();
  if (changed) rerate(c);
}

void Flows::rerate(Class& c) {
  if (c.folded.empty()) {
    c.v = 0;
    return;
  }
  double n = static_cast<double>(c.folded.size());
  double rem = n * (c.folded.top()->vf - c.v);
  if (rem < 0) rem = 0;
  if (!c.agg) {
    c.agg_comm = sg4::Comm::sendto_async(c.src, c.dst, 1);
    c.agg = find_action(net_, c.agg_comm);
    comms_.emplace(c.agg_comm->get_impl(), Entry{Role::Aggregate, nullptr, &c, nullptr});
    ++stats_.aggregates;
  }
  Action* a = c.agg;
  a->set_remains(rem);
  a->set_last_update();
  a->set_last_value(0.0);
  // The members paid their latency; for a fresh aggregate this also ends SimGrid's latency phase
  // (set_sharing_penalty takes the Action out of the heap and enables its variable).
  a->set_sharing_penalty(c.penalty / n);
  // set_bound marks its constraints modified even when the penalty did not change, so the next
  // solve re-dates its end (set_sharing_penalty took it out of the heap).
  a->set_bound(c.bound > 0 ? c.bound * n : -1.0);
}

}  // namespace bfv::platform

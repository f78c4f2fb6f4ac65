#include "core/engine/spawn.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "core/sanitizer.hpp"

namespace bfv {

namespace {

bool checking() {
  // Off under ASan (core/sanitizer.hpp): its redzones change every frame's size.
  static const bool on = !kAddressSanitizer && std::getenv("BFVSIM_STACK_CHECK") != nullptr;
  return on;
}

struct Mark {
  size_t high = 0;
  unsigned size = 0;
};
// Debug instrument only (BFVSIM_STACK_CHECK); never read by the simulation or its reports.
std::map<std::string, Mark>& marks() {
  static std::map<std::string, Mark> m;
  return m;
}

// Frames between the stack top and our lambda (smx_ctx_wrapper, Context::operator(), std::function).
// Assumed 2 KiB: if they were larger the scan would start below the stack and report it full — a
// false alarm, never a silent miss.
constexpr size_t kTopFrames = 2048;

size_t high_water(const unsigned char* probe, unsigned stack_bytes) {
  const unsigned char* bottom = probe - stack_bytes + kTopFrames;
  const unsigned char* p = bottom;
  while (p < probe && *p == 0) ++p;
  return static_cast<size_t>(probe - p) + kTopFrames;
}

// The top of each live actor's stack (its wrapper's probe), by actor id, for stack_checkpoint().
struct Probe {
  const unsigned char* top;
  unsigned size;
  std::string cls;
};
std::map<long, Probe>& probes() {
  static std::map<long, Probe> m;
  return m;
}

void record(const Probe& p) {
  size_t used = high_water(p.top, p.size);
  auto& m = marks()[p.cls];
  if (used > m.high) m.high = used;
  m.size = p.size;
}

}  // namespace

void stack_checkpoint() {
  if (!checking()) return;
  auto it = probes().find(simgrid::s4u::this_actor::get_pid());
  if (it != probes().end()) record(it->second);
}

simgrid::s4u::ActorPtr spawn(const std::string& name, simgrid::s4u::Host* host, unsigned stack_bytes,
                             std::function<void()> code) {
  auto a = simgrid::s4u::Actor::init(name, host);
  a->set_stacksize(stack_bytes / 1024 *
                   kSanitizerStackFactor);  // KiB: s4u_Actor.cpp multiplies by 1024 (3.32, undocumented)
  if (!checking()) return a->start(std::move(code));
  return a->start([name, stack_bytes, code = std::move(code)] {
    volatile unsigned char probe = 0;
    // With guard pages SimGrid allocates stacks with posix_memalign, not calloc: zero what lies
    // below this frame (less a margin for memset's own frame) so the high-water scan reads only
    // this actor's writes.
    {
      auto* top = const_cast<unsigned char*>(&probe);
      constexpr size_t kMargin = 4096;
      std::memset(top - stack_bytes + kTopFrames, 0, stack_bytes - kTopFrames - kMargin);
    }
    const long pid = simgrid::s4u::this_actor::get_pid();
    probes()[pid] = Probe{const_cast<const unsigned char*>(&probe), stack_bytes, name.substr(0, name.find('@'))};
    // A parked worker is killed (its stack unwound by an exception) when the simulation ends: the
    // guard still forgets its probe.
    struct Forget {
      long pid;
      ~Forget() { probes().erase(pid); }
    } forget{pid};
    code();
    record(probes()[pid]);
  });
}

std::map<std::string, size_t> stack_high_water() {
  std::map<std::string, size_t> out;
  for (const auto& [cls, m] : marks()) out[cls] = m.high;
  return out;
}

bool stack_check_report() {
  if (!checking()) return true;
  bool ok = true;
  for (const auto& [cls, m] : marks()) {
    bool fine = m.high * 2 <= m.size;
    ok = ok && fine;
    std::fprintf(stderr, "stack %s %zu of %u%s\n", cls.c_str(), m.high, m.size, fine ? "" : "  OVER HALF");
  }
  return ok;
}

}  // namespace bfv

// Shared by the core tests that run actors: a quiet one-host SimGrid engine configured as bfvsim
// configures its own (raw contexts, no guard pages; under ASan thread contexts on 8x stacks, as
// core/sanitizer.hpp explains), and a function that uses a known amount of stack.
#pragma once
#include <cstddef>
#include <string>

#include <simgrid/s4u.hpp>
#include "core/platform/simgrid_platform.hpp"
#include "core/sanitizer.hpp"

namespace bfv::test {

// One engine per process (SimGrid's engine is a singleton): one OneHostEngine per test binary.
struct OneHostEngine {
  simgrid::s4u::Engine& engine = platform::make_engine("t");
  simgrid::s4u::Host* host = nullptr;

  OneHostEngine() {
    if (kAddressSanitizer) {
      engine.set_config("contexts/factory:thread");
      engine.set_config("contexts/stack-size:" + std::to_string(128 * kSanitizerStackFactor));
    } else {
      engine.set_config("contexts/factory:raw");
      engine.set_config("contexts/guard-size:0");
    }
    auto* zone = simgrid::s4u::create_full_zone("z");
    host = zone->create_host("h", 1e9);
    zone->seal();
  }
};

// Touches `n` bytes of stack below its own frame; noinline so the buffer really is on the stack.
[[gnu::noinline]] inline void touch_stack(std::size_t n) {
  auto* buf = static_cast<volatile unsigned char*>(__builtin_alloca(n));
  for (std::size_t i = 0; i < n; i += 64) buf[i] = 1;
  buf[0] = 1;
}

}  // namespace bfv::test

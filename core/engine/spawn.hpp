// Every actor bfvsim starts goes through spawn(), with a stack size chosen for what it runs.
//
// Why: live actors are the memory of a storm. SimGrid 3.32 allocates a stack with calloc when
// contexts/guard-size is 0 (ContextSwapped.cpp), so every byte of every live stack is resident.
// At 128 KiB, 2,800 concurrent builds cost 360 MB; the 100k storm has ~11,000 in flight.
//
// Stack classes (bytes):
//   kDeepStack  128 KiB — actors that run the API semantics (std::regex recursion on user strings:
//                         server names up to 255 characters) or load files: request, rally, workload.
//   kApiStack    64 KiB — request actors whose body is JSON (server schema + BDM rules, no CLI parsing).
//   kServiceStack 32 KiB — service legs and workers (conductor, compute builds, cinder scheduler and
//                         volume executor, deletes). Measured high-water mark: see docs/performance.md;
//                         `BFVSIM_STACK_CHECK=1` re-measures it on any scenario (ctest cli.stack_check).
//
// Runs of up to platform::kGuardedRequests requests put a guard page below every stack, so an
// overflow stops the run at once (SIGSEGV, reported by SimGrid as a probable stack overflow);
// larger runs go without (vm.max_map_count: core/platform/simgrid_platform.cpp). In both, the margin
// is checked too: with BFVSIM_STACK_CHECK=1 every actor zeroes its stack below its first frame when
// it starts, scans it for the deepest byte written when it ends, and the run prints the high-water
// mark per actor class and fails (exit 3) when any class used more than half its stack.
// Recursion on user input is bounded before any actor runs: YAML nesting at most 64
// (sim/scenario/limits.hpp) and no std::regex on user text (it recursed once per character).
#pragma once
#include <functional>
#include <map>
#include <string>

#include <simgrid/s4u.hpp>

namespace bfv {

constexpr unsigned kDeepStack = 128 * 1024;
constexpr unsigned kApiStack = 64 * 1024;
constexpr unsigned kServiceStack = 32 * 1024;

simgrid::s4u::ActorPtr spawn(const std::string& name, simgrid::s4u::Host* host, unsigned stack_bytes,
                             std::function<void()> code);

// With BFVSIM_STACK_CHECK=1: records the calling actor's stack high-water mark now (an actor that
// never ends, such as a parked pool worker, calls it after each job). Without it: nothing.
void stack_checkpoint();

// With BFVSIM_STACK_CHECK=1: prints "stack <class> <high-water bytes> of <stack bytes>" lines to
// stderr and returns false if a class used more than half its stack. Without it: returns true.
bool stack_check_report();

// With BFVSIM_STACK_CHECK=1: deepest stack use so far, in bytes, per actor class (name before '@').
std::map<std::string, size_t> stack_high_water();

}  // namespace bfv

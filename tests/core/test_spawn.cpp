// The stack high-water check that stands in for guard pages (sim/runtime/spawn.hpp): it must see
// how deep an actor really went, or the 32 KiB service stacks would be unguarded guesses.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cstdlib>
#include <cstring>

#include <doctest/doctest.h>
#include <simgrid/s4u.hpp>
#include <xbt/log.h>

#include "sim/runtime/spawn.hpp"

namespace sg4 = simgrid::s4u;

namespace {
// Touches `n` bytes of stack below its own frame; noinline so the buffer really is on the stack.
[[gnu::noinline]] void touch(size_t n) {
  auto* buf = static_cast<volatile unsigned char*>(__builtin_alloca(n));
  for (size_t i = 0; i < n; i += 64) buf[i] = 1;
  buf[0] = 1;
}
}  // namespace

TEST_CASE("stack_check: the high-water mark tracks the deepest byte an actor wrote") {
  setenv("BFVSIM_STACK_CHECK", "1", 1);
  int argc = 1;
  char a0[] = "t";
  char* argv[] = {a0, nullptr};
  xbt_log_control_set("root.thresh:critical");
  sg4::Engine e(&argc, argv);
  e.set_config("contexts/factory:raw");
  e.set_config("contexts/guard-size:0");
  auto* zone = sg4::create_full_zone("z");
  auto* h = zone->create_host("h", 1e9);
  zone->seal();
  bfv::spawn("shallow", h, bfv::kServiceStack, [] { touch(2 * 1024); });
  bfv::spawn("deep", h, bfv::kServiceStack, [] { touch(20 * 1024); });
  bfv::spawn("deep", h, bfv::kServiceStack, [] { touch(1024); });  // the class keeps its maximum
  e.run();
  auto hw = bfv::stack_high_water();
  REQUIRE(hw.count("shallow") == 1);
  REQUIRE(hw.count("deep") == 1);
  CHECK(hw["shallow"] >= 2 * 1024);
  CHECK(hw["shallow"] < 8 * 1024);
  CHECK(hw["deep"] >= 20 * 1024);
  CHECK(hw["deep"] < 28 * 1024);
  CHECK_FALSE(bfv::stack_check_report());  // 20 KiB of 32 KiB is over half: the run would exit 3
}

// The stack high-water check that stands in for guard pages (core/engine/spawn.hpp): it must see
// how deep an actor really went, or the 32 KiB service stacks would be unguarded guesses.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <cstdlib>
#include <cstring>

#include <doctest/doctest.h>

#include "core/engine/spawn.hpp"
#include "core/sanitizer.hpp"
#include "tests/core/engine/sim_test_env.hpp"

namespace sg4 = simgrid::s4u;

using bfv::test::touch_stack;

// Skipped under ASan (core/sanitizer.hpp): its redzones change every frame's size, so the check is
// off there and the next case asserts that instead.
TEST_CASE("stack_check: the high-water mark tracks the deepest byte an actor wrote" *
          doctest::skip(bfv::kAddressSanitizer)) {
  setenv("BFVSIM_STACK_CHECK", "1", 1);
  bfv::test::OneHostEngine env;
  auto* h = env.host;
  bfv::spawn("shallow", h, bfv::kServiceStack, [] { touch_stack(2 * 1024); });
  bfv::spawn("deep", h, bfv::kServiceStack, [] { touch_stack(20 * 1024); });
  bfv::spawn("deep", h, bfv::kServiceStack, [] { touch_stack(1024); });  // the class keeps its maximum
  env.engine.run();
  auto hw = bfv::stack_high_water();
  REQUIRE(hw.count("shallow") == 1);
  REQUIRE(hw.count("deep") == 1);
  CHECK(hw["shallow"] >= 2 * 1024);
  CHECK(hw["shallow"] < 8 * 1024);
  CHECK(hw["deep"] >= 20 * 1024);
  CHECK(hw["deep"] < 28 * 1024);
  CHECK_FALSE(bfv::stack_check_report());  // 20 KiB of 32 KiB is over half: the run would exit 3
}

TEST_CASE("stack_check: off under ASan, so a deep actor neither records a mark nor fails the run" *
          doctest::skip(!bfv::kAddressSanitizer)) {
  setenv("BFVSIM_STACK_CHECK", "1", 1);
  bfv::test::OneHostEngine env;
  bfv::spawn("deep", env.host, bfv::kServiceStack, [] { touch_stack(20 * 1024); });
  env.engine.run();
  CHECK(bfv::stack_high_water().empty());
  CHECK(bfv::stack_check_report());
}

// One poll loop for the services (issue 12): check; while the check does not end the wait, run
// `before_sleep` (a span for the sleep, say), sleep `interval` simulated seconds and check again, at
// most `max_checks` checks. The shape of nova/compute/manager.py::_await_block_device_map_created
// (a GET, then a sleep, up to retries + 1 GETs) and of rally/task/utils.py::wait_for_status.
// `done(n)` is given the check's number (1, 2, ...) and returns true to stop. Returns the number of
// checks made: the one that stopped the loop, or max_checks when none did.
#pragma once
#include <simgrid/s4u/Actor.hpp>

namespace bfv::infra {

template <class Done, class BeforeSleep>
int poll_until(double interval, int max_checks, Done&& done, BeforeSleep&& before_sleep) {
  int checks = 0;
  while (checks < max_checks) {
    ++checks;
    if (done(checks)) return checks;
    before_sleep();
    simgrid::s4u::this_actor::sleep_for(interval);
  }
  return checks;
}

}  // namespace bfv::infra

// Synthetic RunResults for the report tests: shaped like what the engine records for a
// boot-from-volume storm (api, schedule, volume_create on cinder in parallel with nova's
// volume_wait poll loop, attach, spawn), with faults and API rejections mixed in.
#pragma once
#include "core/run_result.hpp"

namespace bfv::test {

// n requests; request i is submitted at i * 0.1 s. Every 17th ends ERROR (volume timeout
// fault), every 23rd is REJECTED (403 quota). About 30 spans per request.
RunResult synthetic_run(int n);

}  // namespace bfv::test

#!/usr/bin/env bash
# The suite under AddressSanitizer + UndefinedBehaviorSanitizer (issue 17 item 10), in the clang
# tree scripts/fuzz.sh builds (build-fuzz: every library compiled with
# -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined), so CI compiles the
# shared libraries once for fuzzing and for this.
#   scripts/sanitize.sh          the SimGrid-free core: Nova/Cinder/Glance API semantics, CLI parsing,
#                                units, the scenario loader, limits, validation, Rally tasks, ini
#                                files, the report writers, and every saved fuzz input replayed.
#                                This is what .ci/run runs (CI's 20-minute budget: docs/limits.md).
#   SANITIZE_FULL=1 scripts/sanitize.sh   every target and the whole ctest suite, with SimGrid's
#                                thread contexts (core/sanitizer.hpp: raw contexts switch stacks
#                                behind ASan's back); far slower, for a release check.
# A sanitizer report fails the test that produced it (halt_on_error / abort_on_error).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-fuzz
CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBFVSIM_FUZZ=ON >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if [[ -n ${SANITIZE_FULL:-} ]]; then
  cmake --build "$dir" -j"$(nproc)" >/dev/null
  exec ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" -E '^fuzz_smoke$'
fi
tests=(test_semantics test_volume_attach test_semantics_cli test_units test_loader test_limits test_validation test_rally_task test_oslo_ini
       test_reports)
cmake --build "$dir" -j"$(nproc)" --target "${tests[@]}" fuzz_replay >/dev/null
regex="^($(IFS='|'; echo "${tests[*]}")|fuzz_regressions)$"
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" -R "$regex"

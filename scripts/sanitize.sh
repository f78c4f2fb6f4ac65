#!/usr/bin/env bash
# The whole ctest suite under AddressSanitizer + UndefinedBehaviorSanitizer (issue 17 item 10), in
# the clang tree scripts/fuzz.sh builds (build-fuzz: every library and test compiled with
# -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined), so the libraries are
# compiled once for fuzzing and for this. Under ASan bfvsim runs every actor on SimGrid's thread
# contexts with 8x stacks (core/sanitizer.hpp: raw contexts switch stacks behind ASan's back).
#   scripts/sanitize.sh [build|test|all]   build every target, run the suite, or both (default).
#     .ci/run runs `build` before the README's test command (so its fuzz_smoke only runs the fuzz
#     targets) and `test` after it.
#     Not run sanitized here, because the release pass already runs them and what they compare is
#     text, not memory: the docs.* checks (console output and generated tables in the docs) and
#     `layers` (include graph, python). fuzz_smoke is not registered in this tree: the release
#     pass runs it, and it runs the libFuzzer targets built here, sanitized.
#   SANITIZE_FULL=1 scripts/sanitize.sh   the same with nothing left out (a release check).
# A sanitizer report fails the test that produced it (halt_on_error / abort_on_error).
# scripts/fuzz.sh builds in the same tree: both hold build-fuzz/.build.lock while configuring and
# building, so a fuzz_smoke started while this build runs waits for it instead of racing it.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build-fuzz
what=${1:-all}
case $what in build | test | all) ;; *) echo "usage: scripts/sanitize.sh [build|test|all]" >&2; exit 2 ;; esac
# ASan's one-time "ignoring requested __asan_handle_no_return" warning is not a report (it does not
# fail a test); scripts/doc-examples.sh drops it from the console text it compares.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if [[ $what != test ]]; then
  mkdir -p "$dir"
  (
    flock 9
    CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBFVSIM_FUZZ=ON >/dev/null
    cmake --build "$dir" -j"$(nproc)" >"$dir/build.log" 2>&1 || { tail -60 "$dir/build.log" >&2; exit 1; }
  ) 9>"$dir/.build.lock"
fi
[[ $what == build ]] && exit 0
exclude=()
[[ -n ${SANITIZE_FULL:-} ]] || exclude=(-E '^(docs\..*|layers)$')
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" "${exclude[@]}"

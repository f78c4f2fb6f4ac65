#!/usr/bin/env bash
# Fuzzes bfvsim's input paths with clang's libFuzzer under ASan + UBSan (tests/fuzz/).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]    default: 20 s for each of the five targets
#   FUZZ_TIMEOUT=S (default 10): the seconds one input may take before it counts as a hang; long
#   background runs under `nice -n 19` on a busy machine use 60 (a starved process is not a hang)
#   FUZZ_RUNS=N scripts/fuzz.sh ...   N executions per target with a fixed seed instead of a time
#                                     budget: the same result on any machine (ctest fuzz_smoke)
#   FUZZ_RUNS_RALLY=N                 the rally target's count when FUZZ_RUNS is set (default
#                                     FUZZ_RUNS): each of its inputs renders Jinja in a python3
#                                     process, ~13 executions/s against thousands for the others
# Seeds: the repository's scenarios, Rally tasks and request bodies, plus every saved input under
# tests/fuzz/regressions/<target>/. A crash, leak, sanitizer report or timeout is saved there as
# crash-*/leak-*/timeout-* (commit it: ctest's fuzz_regressions replays it forever) and the script
# exits 1. Prints each target's executions and the total.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(scenario units request cli rally)
# scripts/sanitize.sh builds the same tree (.ci/run builds it before the release tests that run
# this): whoever holds build-fuzz/.build.lock configures and builds, the other waits.
mkdir -p build-fuzz
(
  flock 9
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBFVSIM_FUZZ=ON >/dev/null
  cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null
) 9>build-fuzz/.build.lock
total=0
status=0
for t in "${targets[@]}"; do
  if [[ -n ${FUZZ_RUNS:-} ]]; then
    runs=$FUZZ_RUNS
    [[ $t == rally ]] && runs=${FUZZ_RUNS_RALLY:-$FUZZ_RUNS}
    budget=(-runs="$runs" -seed=1)
  else
    budget=(-max_total_time="$secs")
  fi
  corpus=build-fuzz/corpus/$t
  [[ -n ${FUZZ_RUNS:-} ]] && rm -rf "$corpus"  # a fixed run starts from the committed seeds only
  mkdir -p "$corpus" "tests/fuzz/regressions/$t"
  seeds=("tests/fuzz/regressions/$t")
  case $t in
    scenario) seeds+=(scenarios) ;;
    rally) seeds+=(scenarios/rally) ;;
    request|cli) seeds+=(tests/fuzz/seeds/$t) ;;
  esac
  log=build-fuzz/fuzz-$t.log
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      "build-fuzz/tests/fuzz/fuzz_$t" "${budget[@]}" -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 \
      -max_len=65536 -artifact_prefix="tests/fuzz/regressions/$t/" "$corpus" "${seeds[@]}" >"$log" 2>&1; then
    echo "fuzz $t: FAILED (input saved under tests/fuzz/regressions/$t/; log $log)" >&2
    tail -40 "$log" >&2
    status=1
  fi
  n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  echo "fuzz $t: $n executions"
  total=$((total + n))
done
echo "fuzz total: $total executions"
exit $status

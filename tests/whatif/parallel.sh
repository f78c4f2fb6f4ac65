#!/bin/bash
# --engine parallel: GNU parallel (Debian's `parallel`) runs the sweep's commands, here on the local
# host given in an --sshloginfile (":" is this machine, "2/" two job slots); the merged tables must
# be byte-identical to a local run's.
. "$(dirname "$0")/lib.sh"
command -v parallel > /dev/null || { echo "SKIP: GNU parallel is not installed (scripts/install-deps.sh installs it)"; exit 77; }
rc 0 "$BFVSIM" sweep tests/whatif/tiny.sweep.yaml --out "$WORK/local" -j 2
printf '2/:\n' > "$WORK/hosts"
rc 0 "$BFVSIM" sweep tests/whatif/tiny.sweep.yaml --out "$WORK/par" --sshloginfile "$WORK/hosts"
[ -s "$WORK/par/grid.joblog" ] || fail "GNU parallel wrote no joblog"
[ "$(tail -n +2 "$WORK/par/grid.joblog" | wc -l)" -eq 4 ] || fail "4 jobs in the joblog"
[ "$(tail -n +2 "$WORK/par/grid.joblog" | awk '$7 != 0' | wc -l)" -eq 0 ] || fail "a job failed"
cmp "$WORK/local/sweep.csv" "$WORK/par/sweep.csv" || fail "parallel and local sweep.csv differ"
cmp "$WORK/local/runs.csv" "$WORK/par/runs.csv" || fail "parallel and local runs.csv differ"
# the same with plain -j (no sshloginfile)
rc 0 "$BFVSIM" sweep tests/whatif/tiny.sweep.yaml --out "$WORK/par2" --engine parallel -j 2
cmp "$WORK/local/sweep.csv" "$WORK/par2/sweep.csv" || fail "parallel -j and local sweep.csv differ"
echo ok

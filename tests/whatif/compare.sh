#!/bin/bash
# bfvsim compare A B C: side-by-side table with differences against A, and compare.html.
. "$(dirname "$0")/lib.sh"
S=tests/whatif/small.yaml
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/a" --set workload[0].count=6
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/b" --set workload[0].count=9
# C: a 12 GB backend takes 6 of the 2 GB volumes: 3 of 9 boots go to ERROR
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/c" --set workload[0].count=9 --set topology.cinder_backends[0].capacity_gb=12
rc 0 "$BFVSIM" compare "$WORK/a" "$WORK/b" "$WORK/c" --html "$WORK/compare.html"
O="$WORK/out.txt"
has "$O" "| requests "
# row NAME: the row's cells without padding, joined by ';'
row() { grep -F "| $1 " "$O" | head -1 | awk -F'|' '{out=""; for (i=3; i<NF; i++) {c=$i; gsub(/^ +| +$/, "", c); out=out (i>3?";":"") c}; print out}'; }
want() { [ "$(row "$1")" = "$2" ] || { cat "$O" >&2; fail "row '$1': got '$(row "$1")', wanted '$2'"; }; }
want "requests" "6;9;+3 (+50.0%);9;+3 (+50.0%)"
want "status ACTIVE" "6;9;+3 (+50.0%);6;0"
want "status ERROR" "0;0;0;3;+3"
has "$O" "| fault: "
has "$O" "boot p95 (s)"
has "$O" "top bottleneck (p95 tail)"
# the boot p95 difference is B's p95 minus A's, each from its report.json (Rally percentile)
A=$(row "boot p95 (s)" | cut -d';' -f1); B=$(row "boot p95 (s)" | cut -d';' -f2); D=$(row "boot p95 (s)" | cut -d';' -f3)
want=$(awk -v a="$A" -v b="$B" 'BEGIN{printf "%+.3f", b-a}')
case "$D" in "$want"*) ;; *) fail "boot p95 delta $D, wanted $want (A=$A B=$B)";; esac
has "$WORK/compare.html" '<svg id="cdf"'
has "$WORK/compare.html" '<svg id="phases_median"'
has "$WORK/compare.html" '<svg id="phases_p95"'
rc 2 "$BFVSIM" compare "$WORK/a"
rc 2 "$BFVSIM" compare "$WORK/a" "$WORK/nothere"
has "$WORK/out.txt" "nothere/report.json: cannot open"
echo ok

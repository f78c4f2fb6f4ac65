#!/bin/bash
# Knee search by bisection on a scenario whose knee is known analytically: a 100 GB backend and
# 10 GB volumes take exactly 10 boots without ERROR (tests/whatif/knee-capacity.yaml).
. "$(dirname "$0")/lib.sh"
rc 0 "$BFVSIM" sweep tests/whatif/knee-capacity.sweep.yaml --out "$WORK/k" -j 2
cat "$WORK/out.txt"
grep -E '^\| 10 +\| 11 +\| [0-9]+ +\| +\|$' "$WORK/out.txt" > /dev/null || fail "knee should be 10 (fails at 11)"
has "$WORK/k/search.csv" "0,0,1,true,2,"
has "$WORK/k/search.csv" "0,1,40,false,0,seed 3: 30 ERROR"
has "$WORK/k/search.csv" ",10,true,2,"
has "$WORK/k/search.csv" ",11,false,0,seed 3: 1 ERROR"
echo ok

#!/bin/bash
# Knee search by bisection on a scenario whose knee is known analytically: a 100 GB backend and
# 10 GB volumes take exactly 10 boots without ERROR (tests/whatif/knee-capacity.yaml).
. "$(dirname "$0")/lib.sh"
rc 0 "$BFVSIM" sweep tests/whatif/knee-capacity.sweep.yaml --out "$WORK/k" -j 2
cat "$WORK/out.txt"
grep -E '^\| 10 +\| +11 \| +[0-9]+ \| +\|$' "$WORK/out.txt" > /dev/null || fail "knee should be 10 (fails at 11)"
has "$WORK/k/search.csv" "0,0,1,true,2,"
has "$WORK/k/search.csv" "0,1,40,false,0,seed 3: 30 ERROR"
has "$WORK/k/search.csv" ",10,true,2,"
has "$WORK/k/search.csv" ",11,false,0,seed 3: 1 ERROR"
# With a resolution of 100 MB: 8 boots of a flavor with `ram` MB fit one compute while
# 8 * ram <= (65536 - 512) * 1.0, so the analytic knee is 8128 MB; bisection must bracket it within
# one step: knee <= 8128 < fails_at and fails_at - knee <= 100 (tests/whatif/knee-ram.yaml).
rc 0 "$BFVSIM" sweep tests/whatif/knee-ram.sweep.yaml --out "$WORK/r" -j 2
cat "$WORK/out.txt"
line=$(grep -E '^\| [0-9]+ +\| +[0-9]+ \|' "$WORK/out.txt")
knee=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$2); print $2}'); fails=$(echo "$line" | awk -F'|' '{gsub(/ /,"",$3); print $3}')
[ "$knee" -le 8128 ] && [ "$fails" -gt 8128 ] && [ $((fails - knee)) -le 100 ] || fail "knee $knee / fails at $fails should bracket 8128 within 100"
echo ok

#!/usr/bin/env bash
# spill_same: a run whose event log is spilled to temporary files (core/spill_log.hpp, BFVSIM_SPILL=1;
# automatic from 50,000 requests) writes the same report files, byte for byte, as the same run with the
# log in memory (BFVSIM_SPILL=0), leaves no spill file behind, and did spill (--timings "event log:").
# Two storms: 2,000 RBD requests (~80,000 spans: the spans cross a 65,536-element chunk boundary) and
# 300 LVM requests past Glance's capacity (flows, volume polls, utilization samples).
# usage: spill_same.sh BFVSIM SRCDIR
set -euo pipefail
bin=$1; src=$2
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
python3 "$src/bench/gen_storm.py" rbd 2000 200 40 1 > "$d/rbd.yaml"
python3 "$src/bench/gen_storm.py" lvm 300 30 16 3 > "$d/lvm.yaml"
sed -i 's/^topology:/topology:\n  glance: {nic: {bandwidth: "100Gbps", latency: "50us"}, disk: {read: "10GBps", write: "800MBps", size: "20TB"}}/' "$d/lvm.yaml"
for s in rbd lvm; do
  BFVSIM_SPILL=0 "$bin" run "$d/$s.yaml" --quiet --timings --out "$d/$s-mem" > "$d/$s-mem.out" 2> "$d/$s-mem.err"
  BFVSIM_SPILL=1 "$bin" run "$d/$s.yaml" --quiet --timings --out "$d/$s-spill" > "$d/$s-spill.out" 2> "$d/$s-spill.err"
  grep -q "^event log: .* in memory$" "$d/$s-mem.err" || { echo "$s: not in memory: $(cat "$d/$s-mem.err")"; exit 1; }
  grep -q "^event log: .* spilled to temporary files" "$d/$s-spill.err" || { echo "$s: not spilled: $(cat "$d/$s-spill.err")"; exit 1; }
  spans=$(sed -n 's/^event log: \([0-9]*\) spans.*/\1/p' "$d/$s-spill.err")
  for f in report.json requests.csv phases.csv report.html trace.json; do
    cmp "$d/$s-mem/$f" "$d/$s-spill/$f"
  done
  sed "s|$d/$s-spill|DIR|" "$d/$s-spill.out" | cmp - <(sed "s|$d/$s-mem|DIR|" "$d/$s-mem.out")
  left=$(find "$d/$s-spill" -name '.bfvsim-spill-*' | wc -l)
  [ "$left" = 0 ] || { echo "$s: spill files left behind"; exit 1; }
  echo "$s: $spans spans spilled, 5 report files and the console output identical"
done
# the RBD storm's spans fill more than one chunk (65,536), so reading across chunks is covered
[ "$(sed -n 's/^event log: \([0-9]*\) spans.*/\1/p' "$d/rbd-spill.err")" -gt 65536 ]

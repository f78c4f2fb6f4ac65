#!/usr/bin/env bash
# flows_match: the aggregate flow model (core/platform/flows.hpp) against the per-flow model on two
# small LVM storms, one past Glance's capacity (16 arrivals/s; its store serves 10 downloads/s of the
# 1 GB image) and one below it (4/s): every request ends with the same status and its boot time
# within 1 % (measured: identical to the microsecond, requests.csv byte-identical), and the
# aggregate model did fold transfers (--timings "flows:" line).
# usage: flows_match.sh BFVSIM SRCDIR
set -euo pipefail
bin=$1; src=$2
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
for c in "300 30 16 3" "300 30 4 3"; do
  set -- $c
  y=$d/lvm-$1-$3.yaml
  python3 "$src/bench/gen_storm.py" lvm "$@" > "$y"
  sed -i 's/^topology:/topology:\n  glance: {nic: {bandwidth: "100Gbps", latency: "50us"}, disk: {read: "10GBps", write: "800MBps", size: "20TB"}}/' "$y"
  "$bin" run "$y" --quiet --timings --flow-model per-flow --out "$d/pf" > /dev/null 2> "$d/pf.err"
  "$bin" run "$y" --quiet --timings --flow-model aggregate --out "$d/ag" > /dev/null 2> "$d/ag.err"
  grep -q "flows: per-flow model" "$d/pf.err"
  folded=$(sed -n 's/.*transfers, \([0-9]*\) folded.*/\1/p' "$d/ag.err")
  [ "${folded:-0}" -gt 0 ] || { echo "no transfer folded at $3/s: $(cat "$d/ag.err")"; exit 1; }
  python3 - "$d/pf/requests.csv" "$d/ag/requests.csv" "$3" <<'PY'
import csv, sys
a = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
b = {r["id"]: r for r in csv.DictReader(open(sys.argv[2]))}
assert a.keys() == b.keys(), "different requests"
worst = 0.0
for k, r in a.items():
    assert r["final_status"] == b[k]["final_status"], (k, r["final_status"], b[k]["final_status"])
    if r["boot_s"]:
        x, y = float(r["boot_s"]), float(b[k]["boot_s"])
        worst = max(worst, abs(x - y) / x)
assert worst <= 0.01, "boot time off by %.3g" % worst
print("%s/s: %d requests, worst boot-time difference %.3g" % (sys.argv[3], len(a), worst))
PY
done

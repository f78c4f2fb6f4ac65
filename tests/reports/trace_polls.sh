#!/usr/bin/env bash
# trace_polls: a wait made of polls is one trace span carrying its poll count; --trace-polls writes
# each poll (GET, server span, arrow, sleep). Scenario storms/bfv-lvm-100: every build polls its
# volume every 3 s (nova/compute/manager.py::_await_block_device_map_created) while it downloads.
# Checks: without the option no poll_sleep / cinder.get_volume events and every volume_wait has
# args.polls >= 1; with it, one poll_sleep per poll but the last of each wait (the GET that saw
# `available` ends it), as many get_volume slices as polls; report.json, requests.csv and
# phases.csv identical both ways. --trace-detail 10 (of 100 requests): every phase slice still, the
# other slices and the arrows of requests 0, 10, 20, ... only; the other files identical again.
# usage: trace_polls.sh BFVSIM SRCDIR
set -euo pipefail
bin=$1; src=$2
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
"$bin" run "$src/scenarios/storms/bfv-lvm-100.yaml" --quiet --out "$d/a" > /dev/null
"$bin" run "$src/scenarios/storms/bfv-lvm-100.yaml" --quiet --trace-polls --out "$d/b" > /dev/null
"$bin" run "$src/scenarios/storms/bfv-lvm-100.yaml" --quiet --trace-detail 10 --out "$d/c" > /dev/null
for f in report.json requests.csv phases.csv; do cmp "$d/a/$f" "$d/b/$f"; cmp "$d/a/$f" "$d/c/$f"; done
python3 - "$d/a/trace.json" "$d/b/trace.json" "$d/c/trace.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["traceEvents"]
b = json.load(open(sys.argv[2]))["traceEvents"]
c = json.load(open(sys.argv[3]))["traceEvents"]
# (lanes, hence tids, may differ: fewer slices share the tracks)
phase = lambda ev: sorted((e["name"], e["ts"], e["dur"], e["args"]["request"]) for e in ev if e["ph"] == "X" and e["cat"] == "phase")
assert phase(c) == phase(a) and len(phase(a)) >= 400, "every request's phases stay"
detail = [e for e in c if e["ph"] == "X" and e["cat"] != "phase" and "request" in e.get("args", {})]
assert detail and {e["args"]["request"] % 10 for e in detail} == {0}, "detail of requests 0, 10, ... only"
assert {e["args"]["request"] for e in detail} == set(range(0, 100, 10))
assert len([e for e in c if e["ph"] == "s"]) * 8 < len([e for e in a if e["ph"] == "s"])
def count(ev, name, ph="X"):
    return sum(1 for e in ev if e["name"] == name and e["ph"] == ph)
waits = [e for e in a if e["name"] == "volume_wait" and e["ph"] == "X"]
assert len(waits) == 100, len(waits)
polls = sum(e["args"]["polls"] for e in waits)
assert all(e["args"]["polls"] >= 1 for e in waits)
assert count(a, "poll_sleep") == 0 and count(a, "cinder.get_volume") == 0 and count(a, "http:cinder.get_volume", "s") == 0
assert not any("polls" in e.get("args", {}) for e in b), "--trace-polls writes the polls, not the count"
assert count(b, "poll_sleep") == polls - len(waits), (count(b, "poll_sleep"), polls)
assert count(b, "http:cinder.get_volume", "s") == polls
assert len(a) < len(b) / 3, (len(a), len(b))
print("%d waits, %d polls: %d trace events instead of %d" % (len(waits), polls, len(a), len(b)))
PY

#!/usr/bin/env bash
# trace_polls: a wait made of polls is one trace span carrying its poll count; --trace-polls writes
# each poll (GET, server span, arrow, sleep). Scenario storms/bfv-lvm-100: every build polls its
# volume every 3 s (nova/compute/manager.py::_await_block_device_map_created) while it downloads.
# Checks: without the option no poll_sleep / cinder.get_volume events and every volume_wait has
# args.polls >= 1; with it, one poll_sleep per poll but the last of each wait (the GET that saw
# `available` ends it), as many get_volume slices as polls; report.json, requests.csv and
# phases.csv identical both ways.
# usage: trace_polls.sh BFVSIM SRCDIR
set -euo pipefail
bin=$1; src=$2
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
"$bin" run "$src/scenarios/storms/bfv-lvm-100.yaml" --quiet --out "$d/a" > /dev/null
"$bin" run "$src/scenarios/storms/bfv-lvm-100.yaml" --quiet --trace-polls --out "$d/b" > /dev/null
for f in report.json requests.csv phases.csv; do cmp "$d/a/$f" "$d/b/$f"; done
python3 - "$d/a/trace.json" "$d/b/trace.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["traceEvents"]
b = json.load(open(sys.argv[2]))["traceEvents"]
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

#!/usr/bin/env python3
"""Validates a bfvsim trace.json as Chrome Trace Event format and checks every flow arrow's endpoints.

Usage: trace_arrows.py TRACE.json [REQUIRED_PROCESS ...] [--lands NAME=PROCESS ...] [--no-self-arrows]
- every event has name/ph/ts/pid/tid of the right types; ph in M, X, s, f; X has dur >= 0;
- every (pid, tid) used is named by process_name/thread_name metadata;
- every flow id has exactly one "s" and one "f" (bp "e"), f not before s;
- each "s" lies inside an X slice on its thread, each "f" inside an X slice on its thread (inclusive):
  the arrow starts and ends on a span of the service that sent / received it;
- process names are sorted (process_sort_index) in flow order: nova-api before nova-conductor before
  nova-scheduler before placement-api before nova-compute before cinder-* before glance-api;
- REQUIRED_PROCESS names must be present as processes (e.g. glance-api);
- --lands NAME=PROCESS: there is an arrow NAME, and every arrow NAME ends in process PROCESS;
- --no-self-arrows: no arrow starts and ends in the same process (a message goes to another
  service; placement's calls from nova-scheduler land on placement-api).
"""
import bisect
import json
import sys
from collections import defaultdict

def main():
    path, required, lands, no_self = sys.argv[1], [], [], False
    args = iter(sys.argv[2:])
    for a in args:
        if a == "--lands": lands.append(tuple(next(args).split("=", 1)))
        elif a == "--no-self-arrows": no_self = True
        elif a: required.append(a)
    j = json.load(open(path))
    ev = j["traceEvents"]
    errors = []
    pname, tname, psort = {}, {}, {}
    slices = defaultdict(list)
    flows = defaultdict(dict)
    for e in ev:
        for k, t in (("name", str), ("ph", str), ("pid", int), ("tid", int)):
            if not isinstance(e.get(k), t):
                errors.append(f"event without a valid {k}: {e}")
        if not isinstance(e.get("ts"), (int, float)):
            errors.append(f"event without a numeric ts: {e}")
        ph = e["ph"]
        key = (e["pid"], e["tid"])
        if ph == "M":
            if e["name"] == "process_name": pname[e["pid"]] = e["args"]["name"]
            elif e["name"] == "thread_name": tname[key] = e["args"]["name"]
            elif e["name"] == "process_sort_index": psort[e["pid"]] = e["args"]["sort_index"]
        elif ph == "X":
            if not isinstance(e.get("dur"), (int, float)) or e["dur"] < 0:
                errors.append(f"X without dur >= 0: {e}")
            slices[key].append((e["ts"], e["ts"] + e["dur"]))
        elif ph in ("s", "f"):
            if ph == "f" and e.get("bp") != "e":
                errors.append(f"flow end without bp=e: {e}")
            if ph in flows[e["id"]]:
                errors.append(f"flow id {e['id']} has two '{ph}' events")
            flows[e["id"]][ph] = e
        else:
            errors.append(f"unexpected ph {ph}")
    for key in list(slices) + [(f[p]["pid"], f[p]["tid"]) for f in flows.values() for p in f]:
        if key[0] not in pname: errors.append(f"pid {key[0]} has no process_name")
        if key not in tname: errors.append(f"thread {key} has no thread_name")
    starts = {}
    for key, v in slices.items():
        v.sort()
        starts[key] = [a for a, _ in v]
    def on_span(e):
        key = (e["pid"], e["tid"])
        v = slices.get(key, [])
        i = bisect.bisect_right(starts.get(key, []), e["ts"] + 1e-3)
        return any(a <= e["ts"] + 1e-3 and e["ts"] - 1e-3 <= b for a, b in v[:i])
    landed = 0
    for fid, f in flows.items():
        if set(f) != {"s", "f"}:
            errors.append(f"flow {fid} is not one s + one f: {sorted(f)}"); continue
        if f["f"]["ts"] < f["s"]["ts"]:
            errors.append(f"flow {fid} ends before it starts")
        for p in ("s", "f"):
            if not on_span(f[p]):
                errors.append(f"flow {fid} {f[p]['name']} {'leaves' if p == 's' else 'lands on'} "
                              f"{tname.get((f[p]['pid'], f[p]['tid']))} at {f[p]['ts']} us outside any span")
        landed += 1
    order = ["nova-api", "nova-conductor", "nova-scheduler", "placement-api", "nova-compute", "cinder-api",
             "cinder-scheduler", "cinder-volume", "glance-api"]
    present = [n for n in order if n in pname.values()]
    by_sort = [pname[p] for p in sorted(pname, key=lambda p: psort.get(p, 1 << 30))]
    seen = [n for n in by_sort if n in order]
    if seen != present:
        errors.append(f"processes not in flow order: {by_sort}")
    for name, proc in lands:
        ends = [pname.get(f["f"]["pid"]) for f in flows.values() if set(f) == {"s", "f"} and f["s"]["name"] == name]
        if not ends:
            errors.append(f"no arrow {name}")
        for p in sorted(set(ends) - {proc}):
            errors.append(f"{ends.count(p)} arrow(s) {name} end on {p}, not {proc}")
    if no_self:
        for fid, f in flows.items():
            if set(f) == {"s", "f"} and f["s"]["pid"] == f["f"]["pid"]:
                errors.append(f"flow {fid} {f['s']['name']} goes from {pname.get(f['s']['pid'])} to itself")
    for r in required:
        if r not in pname.values():
            errors.append(f"process {r} missing (have {sorted(pname.values())})")
    for e in errors[:30]:
        print("FAIL:", e)
    if errors:
        print(f"{len(errors)} problems in {path}")
        return 1
    print(f"ok: {path}: {sum(len(v) for v in slices.values())} slices, {landed} arrows, every arrow between two spans; "
          f"processes {by_sort}")
    return 0

sys.exit(main())

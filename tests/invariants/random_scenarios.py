#!/usr/bin/env python3
"""Randomized end-of-run invariant test (issue 17 item 9).

Generates N small scenarios from one fixed seed — requests (boot from image, image -> volume BFV
with delete_on_termination true/false, boot from a pre-existing volume, min/max_count), stand-alone
volume streams attached to servers, faults (compute down/up, spawn failures, backend down/up),
deletes (then: delete_when_all_up / delete_after), tight quotas, max_attempts, end_after, seeds —
runs `bfvsim run` on each and fails when a run ends in anything but 0 or 1 (exit 4 is an
invariant violation: sim/runtime/invariants.hpp; 2 would be a generator bug, anything else a
crash). Each failing scenario is written under DIR for replay.

usage: random_scenarios.py BFVSIM [--count N] [--seed S] [--keep DIR]
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

IMAGE = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"


def scenario(rng, index):
    computes = rng.randint(1, 4)
    thin = rng.choice(["thin", "thick"])
    lines = [f"name: random-{index}", f"seed: {rng.randint(1, 10**6)}"]
    config = []
    if rng.random() < 0.3:
        config.append(f"nova: {{scheduler: {{max_attempts: {rng.choice([1, 2, 3])}}}}}")
    if config:
        lines.append("config:")
        lines += ["  " + c for c in config]
    backends = ["{name: lvm-1, lvm_type: %s, capacity_gb: %d}" % (thin, rng.choice([5, 20, 1000]))]
    if rng.random() < 0.3:
        backends.append("{name: lvm-2, lvm_type: thin}")
    lines += [
        "topology:",
        f"  cinder_backends: [{', '.join(backends)}]",
        f"  racks: [{{name: r1, computes: {{count: {computes}, vcpus: {rng.choice([1, 2, 8])}, ram_mb: 4096}}}}]",
        "cloud:",
        '  flavors: [{id: "1", name: m1.tiny, vcpus: 1, ram: 512, disk: 1}, {id: "2", name: m1.small, vcpus: 2, ram: 2048, disk: 2}]',
        f'  images: [{{id: {IMAGE}, name: cirros, size: "20MB", virtual_size: "112MiB", disk_format: qcow2}}]',
        '  volumes: [{id: "11111111-2222-3333-4444-555555555555", size: 1, bootable: true, image_id: ' + IMAGE + "}]",
    ]
    q = []
    if rng.random() < 0.3:
        q.append(f"nova: {{instances: {rng.randint(1, 6)}}}")
    if rng.random() < 0.3:
        q.append(f"cinder: {{volumes: {rng.randint(1, 6)}, gigabytes: {rng.randint(2, 20)}}}")
    lines.append("projects:")
    lines.append("  - {id: demo" + (", quotas: {" + ", ".join(q) + "}" if q else "") + "}")
    lines.append("workload:")
    server_streams = []
    for s in range(rng.randint(1, 3)):
        name = f"s{s}"
        flavor = rng.choice(["1", "2"])
        kind = rng.choice(["image", "bfv", "bfv", "volume", "bfv-keep"])
        if kind == "image":
            body = f'{{server: {{name: {name}, flavorRef: "{flavor}", imageRef: {IMAGE}, networks: none'
        elif kind == "volume":
            body = (f'{{server: {{name: {name}, flavorRef: "{flavor}", networks: none, block_device_mapping_v2: '
                    '[{uuid: "11111111-2222-3333-4444-555555555555", source_type: volume, destination_type: volume, boot_index: 0}]')
        else:
            dot = "false" if kind == "bfv-keep" else rng.choice(["true", "false"])
            body = (f'{{server: {{name: {name}, flavorRef: "{flavor}", networks: none, block_device_mapping_v2: '
                    f'[{{uuid: {IMAGE}, source_type: image, destination_type: volume, boot_index: 0, '
                    f'volume_size: {rng.randint(1, 3)}, delete_on_termination: {dot}}}]')
        if kind != "volume" and rng.random() < 0.2:
            body += f", min_count: 1, max_count: {rng.randint(2, 3)}"
        body += "}}"
        count = 1 if kind == "volume" else rng.randint(1, 5)
        lines += [f"  - name: {name}", '    microversion: "2.37"', f"    count: {count}", f"    request: {body}"]
        arrival = rng.choice(["burst", "constant"])
        if arrival == "constant":
            lines.append(f"    arrival: {{type: constant, rate: {rng.choice([0.1, 0.5, 2])}}}")
        then = rng.choice(["keep", "keep", "delete_when_all_up", "after"])
        if then == "after":
            lines.append(f'    then: {{delete_after: "{rng.randint(1, 120)}s"}}')
        elif then != "keep":
            lines.append(f"    then: {then}")
        server_streams.append(name)
    if rng.random() < 0.5:
        target = rng.choice(server_streams)
        hold = rng.randint(0, 30)
        lines += ["  - name: vols",
                  f"    volume: {{size: {rng.randint(1, 2)}, attach_to: {target}, hold: {hold}s, delete: {rng.choice(['true', 'false'])}, poll: 1s}}",
                  f"    count: {rng.randint(1, 3)}",
                  f"    arrival: {{type: constant, rate: 1, start: {rng.randint(0, 60)}s}}"]
    faults = []
    hosts = [f"r1-cmp{i:03d}" for i in range(1, computes + 1)]
    for _ in range(rng.randint(0, 3)):
        at = rng.randint(0, 90)
        k = rng.choice(["compute_down", "compute_up", "spawn_fail", "spawn_ok", "backend_down", "backend_up"])
        target = "lvm-1" if k.startswith("backend") else rng.choice(hosts)
        faults.append(f"  - {{at: {at}s, kind: {k}, target: {target}}}")
    if faults:
        lines.append("faults:")
        lines += faults
    if rng.random() < 0.2:
        lines.append(f'end_after: "{rng.randint(20, 200)}s"')
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bfvsim")
    ap.add_argument("--count", type=int, default=150)
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--keep", default=None)
    ap.add_argument("--timeout", type=float, default=60, help="wall seconds one run may take")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    bad = []
    codes = {}
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as d:
        for i in range(a.count):
            text = scenario(rng, i)
            path = os.path.join(d, f"random-{i}.yaml")
            with open(path, "w") as f:
                f.write(text)
            try:
                p = subprocess.run([a.bfvsim, "run", path, "--quiet"], capture_output=True, text=True, errors="replace",
                                   timeout=a.timeout)
                rc, err = p.returncode, p.stderr[-2000:]
            except subprocess.TimeoutExpired:  # a run that never ends is a bug too (a hang)
                rc, err = "timeout", f"still running after {a.timeout} s of wall time"
            codes[rc] = codes.get(rc, 0) + 1
            if rc not in (0, 1):
                bad.append((i, rc, text, err))
                if a.keep:
                    os.makedirs(a.keep, exist_ok=True)
                    with open(os.path.join(a.keep, f"random-{i}.yaml"), "w") as f:
                        f.write(text)
    print(f"{a.count} random scenarios (seed {a.seed}) in {time.monotonic() - t0:.1f} s; exit codes {dict(sorted(codes.items(), key=str))}")
    for i, rc, text, err in bad:
        print(f"--- scenario {i}: exit {rc}\n{err}")
    if bad:
        print(f"{len(bad)} of {a.count} scenarios broke an invariant or failed to run", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

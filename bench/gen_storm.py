#!/usr/bin/env python3
"""Generate a boot-from-volume storm scenario for bench/run-bench.sh.
usage: gen_storm.py BACKEND(lvm|rbd) REQUESTS COMPUTES RATE NBACKENDS [RETRIES] > file.yaml
Derived from scenarios/storms/bfv-{lvm,rbd}-100.yaml; only sizes/arrivals/backend count change.
RETRIES (LVM): nova.conf block_device_allocate_retries, 600 unless given; "default" leaves Nova's (60)."""
import sys
backend, n, computes, rate, nb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
retries = sys.argv[6] if len(sys.argv) > 6 else "600"
per_rack = 20 if computes % 20 == 0 else computes
racks = computes // per_rack
if backend == "lvm":
    nova = "" if retries == "default" else f"  nova:\n    DEFAULT: {{block_device_allocate_retries: {retries}}}\n"
    img = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    head = f"""name: bench-lvm-{n}
seed: 7
config:
{nova}  cinder:
    DEFAULT: {{quota_volumes: -1, quota_gigabytes: -1}}
topology:
  cinder_backends:
"""
    for i in range(nb):
        head += f"""    - {{name: lvm-{i+1}, driver: lvm, lvm_type: thick, capacity_gb: 1000000,
       conversion_disk: {{read: "2GBps", write: "1.5GBps", size: "4TB"}},
       volume_disk: {{read: "2GBps", write: "1GBps", size: "100TB"}}}}
"""
    images = f'    - {{id: {img}, name: ubuntu, size: "1GB", virtual_size: "5GiB", disk_format: qcow2, min_disk: 5}}'
else:
    img = "6a1c9e2b-3f4d-4e5a-9b8c-7d6e5f4a3b2c"
    head = f"""name: bench-rbd-{n}
seed: 7
config:
  glance:
    DEFAULT: {{show_image_direct_url: true}}
topology:
  glance: {{store: rbd}}
  ceph: {{nic: {{bandwidth: "40Gbps", latency: "100us"}}, disk: {{read: "4GBps", write: "2GBps", size: "500TB"}}}}
  cinder_backends:
"""
    for i in range(nb):
        head += f"    - {{name: ceph-{i+1}, driver: rbd, capacity_gb: 1000000}}\n"
    images = f'    - {{id: {img}, name: ubuntu-raw, size: "5GiB", virtual_size: "5GiB", disk_format: raw, store: rbd}}'
# The control plane is sized for the arrival rate, as a cloud that takes it would be: about 0.3 s of
# controller CPU per boot (nova-api, conductor, scheduler, placement, cinder-api, DB; docs/configuration.md
# "Control plane"), kept near 25 % busy so that the control plane is not what the storm measures (a
# busier controller runs its steps as SimGrid Execs, ~40 us each; docs/performance.md); above 20 boots/s
# on three controllers behind a load balancer. Each controller runs one cinder-scheduler process (one
# core: 10 ms of CPU per create, at most 100 creates/s; no option adds processes, docs/configuration.md
# "Control plane"), 67 % busy in the 10k row (200/s on 3). Above 200 boots/s: nine controllers (the
# most a scenario takes) and cinder [timing] scheduler_time scaled down so that each cinder-scheduler is
# as busy as in the 10k row, so every size puts the 10k row's load on every service, not just the backends.
# The database and the broker run on the first controller only (docs/configuration.md "Control
# plane"), so their load grows with the arrival rate, not with rate / count: above 200 boots/s every
# controller gets the 10k row's 81 cores per 200 boots/s (controllers are identical), which keeps the
# first one at most as busy as in the 10k row. With rate * 1.2 / count cores, the first controller of
# the 1M row ran its DB and broker on 267 cores at ten times the 10k row's rate: more than half its
# cores busy, so every control-plane step there became a SimGrid Exec (311,545 Execs for 20k
# requests at 400/s, against 7,063 in the 10k row), hundreds at once on one host, and SimGrid's
# sharing solve took 82 % of the run (docs/performance.md, "A million requests").
sched = ""
if rate > 20:
    count = 3 if rate <= 200 else 9
    cores = max(16, int(rate * 1.2 / count) + 1)
    if rate > 200:
        cores = max(cores, int(81 * rate / 200))
    head += f"  controller: {{count: {count}, cores: {cores}}}\n"
    if rate > 200:
        sched = f"  cinder:\n    timing: {{scheduler_time: \"{10 * (200 / 3) / (rate / count):.3f}ms\"}}\n"
        head = head.replace("topology:\n", sched + "topology:\n", 1)
# A compute holds 63 m1.small instances with the default ram_mb (131,072 MB less 512 MB reserved, 2,048 MB
# each). Storms of more than 60 boots per compute (the 1M row: 100 on each of 10,000 computes) get
# 256 GiB computes, so every request can boot, as in the 10k row; the other rows are unchanged.
ram = ", ram_mb: 262144" if n > 60 * computes else ""
print(head + f"""  racks:
    - {{name: r, count: {racks}, computes: {{count: {per_rack}{ram}}}}}
cloud:
  flavors: [{{id: "2", name: m1.small, vcpus: 1, ram: 2048, disk: 20}}]
  images:
{images}
projects:
  - {{id: demo, quotas: {{nova: {{instances: -1, cores: -1, ram: -1}}, cinder: {{volumes: -1, gigabytes: -1}}}}}}
workload:
  - name: storm
    count: {n}
    arrival: {{type: poisson, rate: {rate}}}
    request: {{server: {{name: vm, flavorRef: "2", networks: auto,
              block_device_mapping_v2: [{{uuid: {img}, source_type: image, destination_type: volume,
                                         boot_index: 0, volume_size: 10, delete_on_termination: true}}]}}}}
    microversion: "2.37"
""")

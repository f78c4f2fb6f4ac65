#!/usr/bin/python3
"""`bfvsim schema` against the scenario files, with Debian 12's python3-jsonschema (Draft7Validator).

  check_schema.py BFVSIM SRC

1. The schema is a valid draft-07 schema (Draft7Validator.check_schema).
2. Every scenario file under SRC/scenarios, SRC/tests/whatif and SRC/tests/calibrate validates: a
   file is a scenario when it has a `topology` (Rally task files, their --task-args and sweep files
   have none; scenarios/rally/cloud.yaml and scenarios/calibration/cloud-small-controller.yaml are).
3. Mutations of scenarios/quickstart.yaml that the loader refuses (a misspelt key at each level, a
   value outside a closed set, a config option outside its choices, a quantity without its unit, a missing required key, a misspelt
   config option) are refused by the schema too, and by `bfvsim check` (exit 2): the two agree.
Exit 0 when all hold; every failure is printed.
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema  # python3-jsonschema (Debian 12: 4.10)
import yaml        # python3-yaml

bfvsim, src = sys.argv[1], sys.argv[2]
schema = json.loads(subprocess.run([bfvsim, "schema"], check=True, capture_output=True, text=True).stdout)
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
failures = []


def errors(doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


files = sorted(glob.glob(os.path.join(src, "scenarios", "**", "*.yaml"), recursive=True))
for d in ("whatif", "calibrate"):
    files += sorted(glob.glob(os.path.join(src, "tests", d, "*.yaml")))
checked = 0
for path in files:
    try:
        doc = yaml.safe_load(open(path, encoding="utf-8"))
    except yaml.YAMLError as e:
        text = open(path, encoding="utf-8").read()
        if "{%" in text or "{{" in text:
            continue  # a Jinja2 Rally task template is YAML only once rendered
        failures.append(f"{os.path.relpath(path, src)}: python3-yaml cannot read it: {e}")
        continue
    if not isinstance(doc, dict) or "topology" not in doc:
        continue  # a sweep file or a fragment, not a scenario
    checked += 1
    for e in errors(doc):
        failures.append(f"{os.path.relpath(path, src)}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
print(f"check_schema: {checked} scenario files validated against `bfvsim schema`")
if checked < 40:
    failures.append(f"only {checked} scenario files found under {src}/scenarios")

base = yaml.safe_load(open(os.path.join(src, "scenarios", "quickstart.yaml"), encoding="utf-8"))


def rename(d, path, new):
    """Renames the last key of `path` to `new` inside a copy of d."""
    out = copy.deepcopy(d)
    node = out
    for k in path[:-1]:
        node = node[k]
    node[new] = node.pop(path[-1])
    return out


def setv(d, path, value):
    out = copy.deepcopy(d)
    node = out
    for k in path[:-1]:
        node = node[k]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


cfg = copy.deepcopy(base)
cfg.setdefault("config", {}).setdefault("nova", {}).setdefault("DEFAULT", {})["max_concurent_builds"] = 20


def images_type(value):
    out = copy.deepcopy(base)
    out.setdefault("config", {}).setdefault("nova", {})["libvirt"] = {"images_type": value}
    return out


mutations = {
    "misspelt root key (sede)": rename(base, ["seed"], "sede"),
    "misspelt topology key (rack)": rename(base, ["topology", "racks"], "rack"),
    "misspelt compute key (coress)": setv(base, ["topology", "racks", 0, "computes", "coress"], 8),
    "misspelt flavor key (vcpu)": rename(base, ["cloud", "flavors", 0, "vcpus"], "vcpu"),
    "misspelt stream key (arival)": setv(base, ["workload", 0, "arival"], {"type": "burst"}),
    "misspelt config option (max_concurent_builds)": cfg,
    "arrival type outside the closed set (poison)": setv(base, ["workload", 0, "arrival"], {"type": "poison", "rate": 1}),
    "backend driver outside the closed set (nfs)": setv(base, ["topology", "cinder_backends", 0, "driver"], "nfs"),
    "a config option outside its closed set (images_type: rdb)": images_type("rdb"),
    "a real choice bfvsim does not model (images_type: lvm)": images_type("lvm"),
    "a time without its unit (sample_interval: 1)": setv(base, ["sample_interval"], 1),
    "an unknown time unit (30sec)": setv(base, ["sample_interval"], "30sec"),
    "a missing required key (topology.racks)": setv(base, ["topology", "racks"], None),
    "two request forms in one stream": setv(base, ["workload", 0, "cli"], "nova boot vm"),
}
with tempfile.TemporaryDirectory() as tmp:
    for what, doc in mutations.items():
        errs = errors(doc)
        if not errs:
            failures.append(f"schema accepts {what}")
        path = os.path.join(tmp, "mutant.yaml")
        with open(path, "w", encoding="utf-8") as f:
            yaml.safe_dump(doc, f, sort_keys=False)
        rc = subprocess.run([bfvsim, "check", path], capture_output=True, text=True).returncode
        if rc != 2:
            failures.append(f"bfvsim check exits {rc} (not 2) on {what}")
        if errs:
            print(f"check_schema: refused {what}: {'/'.join(map(str, errs[0].absolute_path))}: {errs[0].message[:100]}")
    # the quickstart itself, re-serialised the same way, passes both
    path = os.path.join(tmp, "same.yaml")
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(base, f, sort_keys=False)
    if subprocess.run([bfvsim, "check", path], capture_output=True).returncode != 0:
        failures.append("bfvsim check refuses the re-serialised quickstart (the mutation test proves nothing)")
    if errors(base):
        failures.append("the schema refuses scenarios/quickstart.yaml")

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)

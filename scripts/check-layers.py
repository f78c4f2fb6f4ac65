#!/usr/bin/env python3
"""scripts/check-layers.py — no include runs from a lower layer to a higher one (issue 12).

The layers, bottom up (docs/architecture.md, "Layers"); each folder may include only what its row
names (its own folder always). CMake's libraries follow the same folders (bfv_core, bfv_platform,
bfv_engine, bfv_semantics, bfv_models, bfv_scenario, bfv_sim, bfv_reports, bfv_whatif), so a
function call across the wrong wall does not link either; this check catches header-only ones.
Exit 1 and one line per violation (file:line: include), 0 when clean.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# folder -> include prefixes it may use. A prefix ending in ".hpp" names one header; "core/*" is any
# header of core/ itself (not of core/platform/ or core/engine/, which use SimGrid).
PARAMS = ["models/nova/params.hpp", "models/cinder/params.hpp", "models/glance/params.hpp",
          "models/infra/params.hpp"]
ALLOWED = {
    "core": ["core/"],                                   # only itself: checked exactly below
    "core/platform": ["core/"],
    "core/engine": ["core/"],
    # the semantics take the services' option structs (nova::ApiOptions, ...), plain data in params.hpp
    "models/semantics": ["models/semantics/", "core/*"] + PARAMS,
    "models": ["core/", "models/"],                      # services: the core, semantics, each other
    "sim/scenario": ["core/*", "core/platform/topology.hpp", "models/semantics/", "sim/scenario/"] + PARAMS,
    "sim/runtime": ["core/", "models/", "sim/scenario/", "sim/runtime/", "reports/"],
    "reports": ["core/*", "reports/"],
    "sim/whatif": ["core/", "sim/scenario/", "sim/runtime/", "reports/", "sim/whatif/"],
    "sim/cli": ["core/", "models/", "sim/", "reports/"],
    "bench": ["core/", "sim/scenario/", "bench/"],
}
# Narrower rules inside a folder: core/ itself must not reach core/platform or core/engine, and
# core/platform must not reach core/engine; a service's params.hpp stays plain data (no SimGrid).
EXTRA_FORBIDDEN = {
    "core": ["core/platform/", "core/engine/"],
    "core/platform": ["core/engine/"],
}
SIMGRID_FREE = ["core", "models/semantics", "sim/scenario", "reports"] + [p for p in PARAMS]

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def folder_rule(path):
    """The most specific ALLOWED key that contains path."""
    best = None
    for key in ALLOWED:
        if path.startswith(key + "/") and (best is None or len(key) > len(best)):
            best = key
    return best


def main():
    violations = []
    for top in ["core", "models", "sim", "reports", "bench"]:
        for dirpath, _, files in os.walk(os.path.join(ROOT, top)):
            for f in sorted(files):
                if not f.endswith((".hpp", ".cpp", ".hpp.in")):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, f), ROOT)
                rule = folder_rule(rel)
                if rule is None:
                    continue
                simgrid_free = any(rel == s or rel.startswith(s + "/") for s in SIMGRID_FREE if s != "core")
                simgrid_free |= os.path.dirname(rel) == "core"  # core/ itself; core/platform and core/engine use SimGrid
                with open(os.path.join(ROOT, rel), encoding="utf-8") as fh:
                    for n, line in enumerate(fh, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        inc = m.group(1)
                        if simgrid_free and (inc.startswith("simgrid/") or inc.startswith("xbt/")):
                            violations.append(f"{rel}:{n}: {inc} (this layer is free of SimGrid)")
                            continue
                        if "/" not in inc or not re.match(r"(core|models|sim|reports|bench)/", inc):
                            continue  # system and third-party headers
                        ok = any(inc == a or (a.endswith("/") and inc.startswith(a)) or
                                 (a == "core/*" and os.path.dirname(inc) == "core") for a in ALLOWED[rule])
                        ok = ok and not any(inc.startswith(x) for x in EXTRA_FORBIDDEN.get(rule, []))
                        if not ok:
                            violations.append(f"{rel}:{n}: {inc} (layer {rule} may include: {', '.join(ALLOWED[rule])})")
    for v in violations:
        print(v)
    if violations:
        print(f"{len(violations)} include(s) run against the layers (docs/architecture.md, \"Layers\")")
        return 1
    print("layers: every include runs downwards")
    return 0


if __name__ == "__main__":
    sys.exit(main())

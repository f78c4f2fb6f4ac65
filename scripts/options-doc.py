#!/usr/bin/env python3
"""Writes docs/configuration.md's option tables from the option declarations, so they cannot drift.

Every block between
  <!-- options: SERVICE -->   and   <!-- end options -->
is replaced by `bfvsim options --markdown SERVICE`: the describe() declarations of
models/<service>/params.hpp (group, option, unit, default = the field's initializer, range,
source, what it changes). The prose around the blocks is hand-written and left alone.
  scripts/options-doc.py BFVSIM          rewrite docs/configuration.md in place
  scripts/options-doc.py BFVSIM --check  exit 1 (with a diff) when the file is not what it would
                                         write, or a section with options has no block
                                         (ctest docs.configuration)
"""
import difflib
import os
import re
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
doc_path = os.path.join(root, "docs", "configuration.md")
SERVICES = ["nova", "cinder", "glance", "placement", "infra"]
BEGIN = re.compile(r"^<!-- options: (\w+) -->$")
END = "<!-- end options -->"

args = [a for a in sys.argv[1:] if not a.startswith("--")]
if len(args) != 1:
    sys.exit(__doc__)
bfvsim = args[0]

old = open(doc_path, encoding="utf-8").read().splitlines(keepends=True)
new, seen, i = [], [], 0
while i < len(old):
    line = old[i]
    new.append(line)
    m = BEGIN.match(line.rstrip("\n"))
    i += 1
    if not m:
        continue
    svc = m.group(1)
    if svc not in SERVICES:
        sys.exit(f"options-doc: {doc_path}: unknown section '{svc}' in {line.strip()}")
    seen.append(svc)
    while i < len(old) and old[i].rstrip("\n") != END:
        i += 1
    if i == len(old):
        sys.exit(f"options-doc: {doc_path}: '{line.strip()}' without '{END}'")
    table = subprocess.run([bfvsim, "options", "--markdown", svc], check=True, capture_output=True, text=True).stdout
    new.extend(table.splitlines(keepends=True))
    new.append(END + "\n")
    i += 1

missing = [s for s in SERVICES if s not in seen]
if "--check" in sys.argv:
    status = 0
    if missing:
        print(f"options-doc: docs/configuration.md has no '<!-- options: X -->' block for: {', '.join(missing)}")
        status = 1
    if new != old:
        sys.stdout.writelines(difflib.unified_diff(old, new, "docs/configuration.md", "generated"))
        print("options-doc: docs/configuration.md is stale: run scripts/options-doc.py build/bfvsim")
        status = 1
    sys.exit(status)
if missing:
    print(f"options-doc: warning: no block for {', '.join(missing)}", file=sys.stderr)
open(doc_path, "w", encoding="utf-8").writelines(new)

#!/usr/bin/env python3
"""Fills the "Checked by" column of docs/bdm-rules.md from the sources, so it cannot go stale.

For rule Rn it lists every doctest TEST_CASE under tests/ whose title or body cites Rn (as a word:
"R41", "R12/R31"; a range "R11-R34" in a title cites only its ends), by test binary, and every
scenario whose header has a "# Rules: ..." line naming Rn (a ctest scenario.<dir>.<name>).
  scripts/bdm-rules-doc.py          rewrite docs/bdm-rules.md in place
  scripts/bdm-rules-doc.py --check  exit 1 (with a diff) when the file is not what it would write,
                                    or a rule R1..R64 has no row (ctest docs.bdm_rules)
"""
import difflib
import glob
import os
import re
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
doc_path = os.path.join(root, "docs", "bdm-rules.md")
RULE = re.compile(r"(?<![A-Za-z0-9_])R(\d{1,2})(?![0-9])")

cites = {}  # rule number -> list of "where" strings, in a stable order


def add(n, where):
    lst = cites.setdefault(n, [])
    if where not in lst:
        lst.append(where)


for path in sorted(glob.glob(os.path.join(root, "tests", "**", "*.cpp"), recursive=True)):
    text = open(path, encoding="utf-8").read()
    binary = os.path.splitext(os.path.basename(path))[0]
    parts = re.split(r'^TEST_CASE\("((?:[^"\\]|\\.)*)"', text, flags=re.M)
    for i in range(1, len(parts), 2):
        title, body = parts[i], parts[i + 1]
        short = title if len(title) <= 60 else title[:57].rstrip() + "…"
        for n in sorted({int(m) for m in RULE.findall(title + body)}):
            add(n, f'`{binary}` "{short}"')

for path in sorted(glob.glob(os.path.join(root, "scenarios", "**", "*.yaml"), recursive=True)):
    rel = os.path.relpath(path, root)
    for line in open(path, encoding="utf-8"):
        if not line.startswith("#"):
            break
        if line.startswith("# Rules:"):
            for n in sorted({int(m) for m in RULE.findall(line)}):
                add(n, f"`{rel}`")

old = open(doc_path, encoding="utf-8").read()
out, seen = [], set()
for line in old.split("\n"):
    m = re.match(r"^\| R(\d+) \|", line)
    if m:
        n = int(m.group(1))
        seen.add(n)
        cells = line.split(" | ")
        checked = "; ".join(c.replace("|", "\\|") for c in cites.get(n, [])) or "**not checked**"
        line = " | ".join(cells[:3]) + " | " + checked + " |"
    out.append(line)
new = "\n".join(out)
missing = [n for n in range(1, 65) if n not in seen]
if "--check" in sys.argv:
    bad = False
    if missing:
        print("docs/bdm-rules.md has no row for " + ", ".join(f"R{n}" for n in missing))
        bad = True
    if new != old:
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), "docs/bdm-rules.md", "regenerated"))
        print("\ndocs/bdm-rules.md is stale: run scripts/bdm-rules-doc.py")
        bad = True
    sys.exit(1 if bad else 0)
open(doc_path, "w", encoding="utf-8").write(new)
if missing:
    print("no row for " + ", ".join(f"R{n}" for n in missing), file=sys.stderr)

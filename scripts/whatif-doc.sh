#!/usr/bin/env bash
# Regenerates the real output shown in docs/whatif.md: every block between
#   <!-- run: COMMAND -->   and   <!-- end -->
# is replaced by COMMAND's output (stdout and stderr, exit status noted when not 0), run from the
# repository root with `bfvsim` meaning build/bfvsim (or $BFVSIM). Usage: scripts/whatif-doc.sh
set -uo pipefail
cd "$(dirname "$0")/.."
BFVSIM=${BFVSIM:-$PWD/build/bfvsim}
[ -x "$BFVSIM" ] || { echo "whatif-doc: build bfvsim first ($BFVSIM)" >&2; exit 2; }
doc=docs/whatif.md
tmp=$(mktemp)
skipping=0
while IFS= read -r line; do
  if [[ $line =~ ^\<!--\ run:\ (.*)\ --\>$ ]]; then
    cmd=${BASH_REMATCH[1]}
    printf '%s\n```text\n$ %s\n' "$line" "$cmd" >> "$tmp"
    echo "whatif-doc: $cmd" >&2
    out=$(bfvsim() { "$BFVSIM" "$@"; }; eval "$cmd" 2>&1); rc=$?
    printf '%s\n' "$out" | sed -e "s|$PWD/||g" >> "$tmp"
    [ $rc -eq 0 ] || printf '(exit status %d)\n' $rc >> "$tmp"
    printf '```\n' >> "$tmp"
    skipping=1
    continue
  fi
  if [[ $skipping == 1 ]]; then
    [[ $line == '<!-- end -->' ]] && { echo "$line" >> "$tmp"; skipping=0; }
    continue
  fi
  echo "$line" >> "$tmp"
done < "$doc"
mv "$tmp" "$doc"

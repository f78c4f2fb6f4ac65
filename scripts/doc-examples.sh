#!/usr/bin/env bash
# Regenerates the real output shown in the docs: in each file, every block between
#   <!-- run: COMMAND -->   and   <!-- end -->
# is replaced by COMMAND's output (stdout and stderr, exit status noted when not 0), run from the
# repository root with `bfvsim` meaning build/bfvsim (or $BFVSIM); the repository path is removed
# from the output. Usage:
#   scripts/doc-examples.sh [--check] [--skip FILE.md] [FILE.md ...]   (default: README.md docs/*.md)
# --check rewrites nothing: it prints a diff and exits 1 when a block differs from a real run
# (ctest docs.examples; docs.examples_whatif for docs/whatif.md, whose sweeps take longer).
set -uo pipefail
cd "$(dirname "$0")/.."
BFVSIM=${BFVSIM:-$PWD/build/bfvsim}
[ -x "$BFVSIM" ] || { echo "doc-examples: build bfvsim first ($BFVSIM)" >&2; exit 2; }
check=0 skip=""
while [[ ${1:-} == --* ]]; do
  case $1 in
    --check) check=1; shift ;;
    --skip) skip=${2:?--skip needs a file}; shift 2 ;;
    *) echo "doc-examples: unknown option $1" >&2; exit 2 ;;
  esac
done
files=("$@")
((${#files[@]})) || files=(README.md docs/*.md)
# A bfvsim built with ASan (scripts/sanitize.sh) prints this warning once on stderr when an actor
# thread unwinds (core/sanitizer.hpp); it is not a sanitizer report and not bfvsim's output, so the
# check drops exactly its three lines. Any real report aborts bfvsim (abort_on_error) and still shows.
asan_warning='/^==[0-9]*==WARNING: ASan is ignoring requested __asan_handle_no_return: /d
/^False positive error reports may follow$/d
/^For details see https:\/\/github.com\/google\/sanitizers\/issues\/189$/d'
status=0
for doc in "${files[@]}"; do
  [[ $doc == "$skip" ]] && continue
  grep -q '^<!-- run: ' "$doc" || continue
  tmp=$(mktemp)
  skipping=0
  while IFS= read -r line; do
    if [[ $line =~ ^\<!--\ run:\ (.*)\ --\>$ ]]; then
      cmd=${BASH_REMATCH[1]}
      printf '%s\n```text\n$ %s\n' "$line" "$cmd" >> "$tmp"
      echo "doc-examples: $doc: $cmd" >&2
      out=$(bfvsim() { "$BFVSIM" "$@"; }; eval "$cmd" 2>&1); rc=$?
      printf '%s\n' "$out" | sed -e "s|$PWD/||g" -e "$asan_warning" >> "$tmp"
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
  if ((check)); then
    if ! diff -u "$doc" "$tmp" --label "$doc" --label "$doc (a real run now)"; then
      echo "doc-examples: $doc shows output that is not what bfvsim prints now; run scripts/doc-examples.sh $doc" >&2
      status=1
    fi
    rm -f "$tmp"
  else
    mv "$tmp" "$doc"
  fi
done
exit $status

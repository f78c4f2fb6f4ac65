#!/usr/bin/env bash
# Renders a synthetic run's report.html in headless Chromium and checks that it loads without
# JavaScript errors and that every chart <svg> is in the DOM with drawn content.
# Usage: html_in_chromium.sh PATH/TO/test_reports
# Exit 77 (ctest SKIP) only when /usr/bin/chromium is missing: `BFVSIM_WITH_BROWSER=1 scripts/install-deps.sh`.
set -euo pipefail
test_reports=${1:?usage: html_in_chromium.sh PATH/TO/test_reports}
chromium=/usr/bin/chromium
if [[ ! -x $chromium ]]; then
  echo "SKIP: $chromium not installed (BFVSIM_WITH_BROWSER=1 scripts/install-deps.sh installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$test_reports" --write-sample "$work/out" 1200 >/dev/null
html="$work/out/report.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=1280,2400
       --enable-logging=stderr --v=0)
# A page error shows in Chromium's console log as "Uncaught ..." (JS) or a failed load.
timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$html" >"$work/dom.html" 2>"$work/console.log" || {
  echo "FAIL: chromium --dump-dom failed"; cat "$work/console.log"; exit 1; }
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/shot.png" "file://$html" >/dev/null 2>>"$work/console.log" || {
  echo "FAIL: chromium --screenshot failed"; cat "$work/console.log"; exit 1; }
fail=0
if grep -E "Uncaught|SyntaxError|ReferenceError|TypeError|CONSOLE\(.*\)\] \"[^\"]*[Ee]rror" "$work/console.log"; then
  echo "FAIL: JavaScript errors while loading report.html"; fail=1
fi
for id in chart-cdf chart-inflight chart-phases chart-gantt chart-util; do
  # The chart's markup up to its closing tag must contain drawn shapes.
  body=$(awk -v id="$id" 'index($0, "<svg id=\"" id "\"") {on=1} on {print} on && /<\/svg>/ {exit}' "$work/dom.html")
  if [[ -z $body ]]; then echo "FAIL: <svg id=\"$id\"> missing from the rendered DOM"; fail=1; continue; fi
  shapes=$(grep -oE "<(polyline|rect|path|line|circle)[ >]" <<<"$body" | wc -l)
  if ! grep -qE "<(polyline|path) |fill=\"#" <<<"$body" || ((shapes < 5)); then
    echo "FAIL: <svg id=\"$id\"> has no drawn content ($shapes shapes)"; fail=1
  else
    echo "ok: $id ($shapes shapes)"
  fi
done
size=$(stat -c %s "$work/shot.png")
if ((size < 20000)); then echo "FAIL: screenshot is only $size bytes (blank page?)"; fail=1; fi
grep -q "Response Times (sec)" "$work/dom.html" || { echo "FAIL: table missing"; fail=1; }
((fail == 0)) && echo "PASS: report.html renders in Chromium ($size-byte screenshot)"
exit $fail

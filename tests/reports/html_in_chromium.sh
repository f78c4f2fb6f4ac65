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
# A copy with a measuring script at the end of <body> (report.html itself has no JavaScript): the
# layout width of every chart against the viewport, and the page's own scroll width.
measured="$work/out/measured.html"
sed 's|</body>|<script>(function(){var w=document.documentElement.clientWidth,o=[];document.querySelectorAll("svg.chart").forEach(function(s){var r=s.getBoundingClientRect();if(r.right>w+1\|\|r.width<200)o.push(s.id+":"+Math.round(r.left)+"-"+Math.round(r.right));});var p=document.createElement("pre");p.id="measure";p.textContent="viewport="+w+" scroll="+document.documentElement.scrollWidth+" charts="+document.querySelectorAll("svg.chart").length+" clipped="+o.join(",")+";";document.body.appendChild(p);})();</script></body>|' "$html" >"$measured"
fail=0
for width in 1400 800; do
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile" --window-size=$width,2400
       --enable-logging=stderr --v=0)
# A page error shows in Chromium's console log as "Uncaught ..." (JS) or a failed load.
timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$html" >"$work/dom.html" 2>"$work/console.log" || {
  echo "FAIL: chromium --dump-dom failed"; cat "$work/console.log"; exit 1; }
timeout 120 "$chromium" "${flags[@]}" --screenshot="$work/shot-$width.png" "file://$html" >/dev/null 2>>"$work/console.log" || {
  echo "FAIL: chromium --screenshot failed"; cat "$work/console.log"; exit 1; }
[[ -n ${BFVSIM_KEEP_SHOTS:-} ]] && cp "$work/shot-$width.png" "$BFVSIM_KEEP_SHOTS/report-$width.png"
if grep -E "Uncaught|SyntaxError|ReferenceError|TypeError|CONSOLE\(.*\)\] \"[^\"]*[Ee]rror" "$work/console.log"; then
  echo "FAIL: JavaScript errors while loading report.html"; fail=1
fi
for id in chart-cdf chart-inflight chart-phases chart-gantt chart-util chart-sequence; do
  # The chart's markup up to its closing tag must contain drawn shapes.
  body=$(awk -v id="$id" 'index($0, "<svg id=\"" id "\"") {on=1} on {print} on && /<\/svg>/ {exit}' "$work/dom.html")
  if [[ -z $body ]]; then echo "FAIL: <svg id=\"$id\"> missing from the rendered DOM ($width px)"; fail=1; continue; fi
  shapes=$(grep -oE "<(polyline|rect|path|line|circle)[ >]" <<<"$body" | wc -l)
  if ! grep -qE "<(polyline|path) |fill=\"#" <<<"$body" || ((shapes < 5)); then
    echo "FAIL: <svg id=\"$id\"> has no drawn content ($shapes shapes)"; fail=1
  else
    echo "ok: $id ($shapes shapes, $width px)"
  fi
done
# Labelled axes with units: the utilization chart's time axis and y axis, the sequence diagram's time axis.
for pair in "chart-util:simulated time (s)" "chart-util:utilization (%)" "chart-sequence:simulated time (s)"; do
  id=${pair%%:*} label=${pair#*:}
  body=$(awk -v id="$id" 'index($0, "<svg id=\"" id "\"") {on=1} on {print} on && /<\/svg>/ {exit}' "$work/dom.html")
  grep -qF "class=\"axis\"" <<<"$body" && grep -qF ">$label<" <<<"$body" || { echo "FAIL: $id has no axis labelled '$label'"; fail=1; }
done
# The sequence diagram has lanes for the services a boot crosses and arrows with times.
seq=$(awk 'index($0, "<svg id=\"chart-sequence\"") {on=1} on {print} on && /<\/svg>/ {exit}' "$work/dom.html")
for lane in nova-api nova-conductor nova-scheduler nova-compute cinder-volume; do
  grep -qF ">$lane<" <<<"$seq" || { echo "FAIL: chart-sequence has no lane $lane"; fail=1; }
done
grep -qE ">[a-z_.:]+ \([0-9.]+ ms\)<" <<<"$seq" || { echo "FAIL: chart-sequence has no timed arrow label"; fail=1; }
# Charts scale to the window: none is clipped or wider than the viewport, and the page does not
# scroll sideways (issue 18: charts were clipped under ~1000 px).
timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$measured" >"$work/measured-dom.html" 2>>"$work/console.log" || {
  echo "FAIL: chromium --dump-dom of the measured copy failed"; exit 1; }
m=$(grep -oE 'viewport=[0-9]+ scroll=[0-9]+ charts=[0-9]+ clipped=[^;]*;' "$work/measured-dom.html" || true)
if [[ -z $m ]]; then echo "FAIL: no layout measurement at $width px"; fail=1
else
  vp=$(sed -E 's/viewport=([0-9]+).*/\1/' <<<"$m"); sw=$(sed -E 's/.*scroll=([0-9]+).*/\1/' <<<"$m")
  nc=$(sed -E 's/.*charts=([0-9]+).*/\1/' <<<"$m"); cl=$(sed -E 's/.*clipped=([^;]*);/\1/' <<<"$m")
  if ((nc < 6)); then echo "FAIL: only $nc svg.chart elements laid out at $width px"; fail=1; fi
  if [[ -n $cl ]]; then echo "FAIL: charts wider than the $vp px viewport or squashed: $cl"; fail=1; fi
  if ((sw > vp)); then echo "FAIL: the page scrolls sideways at $width px (scroll width $sw > $vp)"; fail=1; fi
  [[ -z $cl ]] && ((sw <= vp)) && echo "ok: $nc charts fit the $vp px viewport (scroll width $sw)"
fi
done
size=$(stat -c %s "$work/shot-1400.png")
if ((size < 20000)); then echo "FAIL: screenshot is only $size bytes (blank page?)"; fail=1; fi
grep -q "Response Times (sec)" "$work/dom.html" || { echo "FAIL: table missing"; fail=1; }
((fail == 0)) && echo "PASS: report.html renders in Chromium ($size-byte screenshot)"
exit $fail

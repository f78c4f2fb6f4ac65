#!/usr/bin/env bash
# Screenshot of a report.html as a person sees it at 1280 px wide (full page, headless Chromium).
# Usage: scripts/screenshot-report.sh REPORT.html OUT.png [HEIGHT_PX]
# Needs /usr/bin/chromium: `BFVSIM_WITH_BROWSER=1 scripts/install-deps.sh` (as root).
set -euo pipefail
html=${1:?usage: screenshot-report.sh REPORT.html OUT.png [HEIGHT_PX]}
png=${2:?usage: screenshot-report.sh REPORT.html OUT.png [HEIGHT_PX]}
height=${3:-4200}
[[ -f $html ]] || { echo "screenshot-report: no such file: $html" >&2; exit 2; }
[[ -x /usr/bin/chromium ]] || { echo "screenshot-report: /usr/bin/chromium missing; run BFVSIM_WITH_BROWSER=1 scripts/install-deps.sh" >&2; exit 2; }
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
  --user-data-dir="$profile" --window-size="1280,$height" --screenshot="$(realpath -m "$png")" \
  "file://$(realpath "$html")" 2>/dev/null
echo "wrote $png (1280x$height)"

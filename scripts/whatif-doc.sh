#!/usr/bin/env bash
# Regenerates the real output shown in docs/whatif.md (see scripts/doc-examples.sh).
exec "$(dirname "$0")/doc-examples.sh" "$@" docs/whatif.md

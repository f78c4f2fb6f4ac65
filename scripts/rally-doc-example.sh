#!/usr/bin/env bash
# Prints the example shown in docs/rally.md: the first workload of
# scenarios/rally/create-and-attach-volume-task.yaml run against scenarios/rally/cloud.yaml, as
# `bfvsim run --rally` prints it. Usage (from the repo root): scripts/rally-doc-example.sh [BFVSIM]
set -euo pipefail
bfvsim=${1:-build/bfvsim}
"$bfvsim" run --rally scenarios/rally/create-and-attach-volume-task.yaml scenarios/rally/cloud.yaml --quiet |
  awk '/^test scenario/ {n++} /^-{80}$/ && n >= 1 {exit} n == 1 && !/^\(bfvsim stream/'

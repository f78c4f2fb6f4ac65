#!/usr/bin/env bash
# Installs whatever bfvsim needs that is missing, from Debian 12's archive (run as root).
# Called by both README set-up commands and by .ci/run.
set -euo pipefail
pkgs=(build-essential cmake ninja-build pkg-config
      libsimgrid-dev libyaml-cpp-dev libboost-graph-dev doctest-dev
      nlohmann-json3-dev libcli11-dev libfmt-dev
      python3-jinja2  # Rally task templates are rendered by the real Jinja2 (sim/scenario/rally_render.py)
      python3-jsonschema python3-yaml  # ctest schema.scenarios validates every scenario against `bfvsim schema`
      clang libclang-rt-dev   # clang + libFuzzer and the sanitizer runtimes: scripts/fuzz.sh (ctest fuzz_smoke)
      clang-format            # .clang-format, kept by ctest `format` (issue 12)
      # bfvsim sweep engines (docs/whatif.md): GNU parallel fans runs out over ssh hosts; Slurm job
      # arrays on a cluster (slurm-wlm: sbatch/squeue, and slurmctld/slurmd for the single-node test
      # cluster tests/whatif/slurm.sh starts); munge authenticates Slurm's daemons and clients.
      parallel slurm-wlm munge
      libnlopt-cxx-dev)  # bfvsim calibrate: derivative-free optimisers (BOBYQA, Nelder-Mead, Sbplx)
if [[ "${BFVSIM_WITH_BROWSER:-0}" == 1 ]]; then pkgs+=(chromium); fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# scripts/outputs-snapshot.sh DIR — every output of every scenario, Rally task and the 10k RBD benchmark
# storm, written under DIR, so a refactor can be checked byte for byte (issue 12's safety net):
#   scripts/outputs-snapshot.sh /tmp/before   (on the old tree)
#   scripts/outputs-snapshot.sh /tmp/after    (on the new one)
#   diff -r /tmp/before /tmp/after
# Console output (stdout and stderr) and the exit status of each run are kept too. Wall-clock figures
# never reach a report (report.json's wall_seconds is excluded), so two runs of one tree are identical.
# Env: BFVSIM (default ./build/bfvsim); SNAPSHOT_BENCH=0 skips the 10k storm (not the small bench rows).
set -u
cd "$(dirname "$0")/.."
BIN=${BFVSIM:-./build/bfvsim}
OUT=${1:?usage: scripts/outputs-snapshot.sh DIR}
OUT=${OUT%/}
mkdir -p "$OUT"
run() {  # name, args...
  local name=$1; shift
  local d="$OUT/$name"; mkdir -p "$d"
  "$BIN" "$@" --quiet --out "$d" > "$d/stdout.txt" 2> "$d/stderr.txt"
  echo $? > "$d/status"
}
for f in $(find scenarios -name '*.yaml' -not -path 'scenarios/rally/*' -not -path 'scenarios/calibration/*' | sort); do
  n=${f#scenarios/}; n=${n%.yaml}; n=${n//\//.}
  run "$n" run "$f"
done
for t in scenarios/rally/*-task.yaml scenarios/rally/several-workloads-v1.json; do
  n=rally.$(basename "${t%.*}")
  run "$n" run --rally "$t" scenarios/rally/cloud.yaml --rally-json "$OUT/$n.rally.json"
done
for t in scenarios/calibration/cinder{30,60,120}.yaml; do
  n=calibration.$(basename "${t%.yaml}")
  run "$n" run --rally "$t" scenarios/calibration/k8s-cinder-ceph.yaml
done
for c in boot-c10 boot-c20 boot-c40; do
  run "calibration.$c" run --rally scenarios/calibration/$c.yaml scenarios/calibration/cloud-small-controller.yaml
done
if [ "${SNAPSHOT_BENCH:-1}" != 0 ]; then
  python3 bench/gen_storm.py rbd 10000 1000 200 1 600 > "$OUT/bench-rbd-10000.yaml"
  run bench.rbd-10000 run "$OUT/bench-rbd-10000.yaml"
fi
# The benchmark's small rows (bench/run-bench.sh), and trace.json's options on them: every poll
# (--trace-polls), every request's detail (--trace-detail 0) or a few (--trace-detail 7); and a run
# whose event log spills to files (BFVSIM_SPILL=1: the reports read it back, the same bytes).
python3 bench/gen_storm.py rbd 1000 100 20 1 600 > "$OUT/bench-rbd-1000.yaml"
python3 bench/gen_storm.py lvm 1000 100 2 10 600 > "$OUT/bench-lvm-1000.yaml"
python3 bench/gen_storm.py lvm 200 20 200 1 default > "$OUT/bench-lvm-200.yaml"
sed -i 's/^topology:/topology:\n  glance: {nic: {bandwidth: "100Gbps", latency: "50us"}, disk: {read: "10GBps", write: "800MBps", size: "20TB"}}/' \
  "$OUT/bench-lvm-1000.yaml" "$OUT/bench-lvm-200.yaml"
run bench.rbd-1000 run "$OUT/bench-rbd-1000.yaml"
run bench.rbd-1000.trace-detail-7 run "$OUT/bench-rbd-1000.yaml" --trace-detail 7
run bench.lvm-1000 run "$OUT/bench-lvm-1000.yaml"
run bench.lvm-200 run "$OUT/bench-lvm-200.yaml"
run bench.lvm-200.trace-polls run "$OUT/bench-lvm-200.yaml" --trace-polls
run bench.lvm-200.trace-detail-0 run "$OUT/bench-lvm-200.yaml" --trace-detail 0 --trace-polls
BFVSIM_SPILL=1 run bench.lvm-200.spilled run "$OUT/bench-lvm-200.yaml"
run storms.bfv-lvm-100.trace-polls run scenarios/storms/bfv-lvm-100.yaml --trace-polls
run storms.bfv-lvm-100.trace-detail-10 run scenarios/storms/bfv-lvm-100.yaml --trace-detail 10
# explain on every saved request body
for f in scenarios/requests/*.json; do
  n=explain.$(basename "${f%.json}"); mkdir -p "$OUT/$n"
  "$BIN" explain "$f" > "$OUT/$n/stdout.txt" 2> "$OUT/$n/stderr.txt"; echo $? > "$OUT/$n/status"
done
# the snapshot directory itself is named in some outputs: make it a placeholder, so two snapshots compare
grep -rlF "$OUT" "$OUT" | xargs -r sed -i "s|$OUT|@OUT@|g"
echo "snapshot in $OUT: $(find "$OUT" -type f | wc -l) files"

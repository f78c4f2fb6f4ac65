#!/bin/bash
# bfvsim sweep: a 2 x 2 grid (range x zipped pair) with 2 replicas, locally with -j 2.
. "$(dirname "$0")/lib.sh"
rc 0 "$BFVSIM" sweep tests/whatif/small.sweep.yaml --out "$WORK/s" -j 2
O="$WORK/s"
has "$WORK/out.txt" "sweep small: 4 point(s) x 2 replica(s)"
has "$O/sweep.csv" "run,point,replica,seed,workload[0].arrival.rate,cache,config.cinder.DEFAULT.image_volume_cache_enabled,config.cinder.DEFAULT.image_volume_cache_max_count,metric,value"
[ "$(grep -c ',requests,12$' "$O/sweep.csv")" -eq 8 ] || fail "8 runs x metric 'requests' = 12"
has "$O/sweep.csv" "p0000-r00,0,0,5,1,off,false,0,count_ACTIVE,12"
has "$O/sweep.csv" "p0003-r01,3,1,6,3,on,true,10,count_ACTIVE,12"
[ "$(wc -l < "$O/runs.csv")" -eq 9 ] || fail "runs.csv: header + 8 runs"
# replicas run with different seeds (5, 6) and so different Poisson arrivals: different boot times
has "$O/runs/p0000-r00/report.json" '"seed": 5,'
has "$O/runs/p0000-r01/report.json" '"seed": 6,'
a=$(grep '^p0000-r00,' "$O/runs.csv" | cut -d, -f12); b=$(grep '^p0000-r01,' "$O/runs.csv" | cut -d, -f12)
[ -n "$a" ] && [ "$a" != "$b" ] || fail "replicas' boot p50 should differ ($a vs $b)"
# every run carries the sweep's overrides
has "$O/runs/p0002-r00/report.json" '{"path":"config.nova.DEFAULT.max_concurrent_builds","value":"4","source":"--set"},{"path":"workload[0].arrival.rate","value":"3","source":"--set"},{"path":"config.cinder.DEFAULT.image_volume_cache_enabled","value":"false","source":"--set"}'
# the image-volume cache turns 12 downloads into 1 fill + 11 clones
has "$O/runs/p0001-r00/report.json" '"cinder_path":"cache_clone"'
lacks "$O/runs/p0000-r00/report.json" '"cinder_path":"cache_clone"'
has "$O/sweep.html" '<svg id="m_boot_p95"'
has "$O/sweep.html" '<polygon class="band"'
# --collect merges what is there without running: same tables
cp "$O/sweep.csv" "$WORK/first.csv"
rc 0 "$BFVSIM" sweep tests/whatif/small.sweep.yaml --out "$WORK/s" --collect
cmp "$WORK/first.csv" "$O/sweep.csv" || fail "--collect changed sweep.csv"
# a bad parameter path stops the sweep before any run, naming the point and the key
printf 'base: small.yaml\nparameters:\n  - {path: "workload[0].arival.rate", values: [1]}\n' > tests/whatif/.bad.sweep.yaml
rc 2 "$BFVSIM" sweep tests/whatif/.bad.sweep.yaml --out "$WORK/bad"
rm -f tests/whatif/.bad.sweep.yaml
has "$WORK/out.txt" "point 0 of the sweep"
has "$WORK/out.txt" "workload[0].arival: unknown key 'arival'; did you mean 'arrival'? (from --set workload[0].arival.rate=1)"
[ ! -d "$WORK/bad/runs" ] || [ -z "$(ls "$WORK/bad/runs")" ] || fail "no run should start"
echo ok

#!/bin/bash
# --set PATH=VALUE on run, check and explain: applied before the strict loader, recorded in report.json.
. "$(dirname "$0")/lib.sh"
S=tests/whatif/small.yaml
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/a" --set workload[0].count=3 --set 'config.nova.DEFAULT.max_concurrent_builds=2'
has "$WORK/a/report.json" '"counts": {"ACTIVE":3,"ERROR":0,"DELETED":0,"REJECTED":0}'
has "$WORK/a/report.json" '"overrides": [{"path":"workload[0].count","value":"3","source":"--set"},{"path":"config.nova.DEFAULT.max_concurrent_builds","value":"2","source":"--set"}]'
# by name: workload[boots] is the stream named "boots"
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/b" --set 'workload[boots].count=5'
has "$WORK/b/report.json" '"ACTIVE":5'
# no --set: an empty list
rc 0 "$BFVSIM" run $S --quiet --out "$WORK/c" --set workload[0].count=1
rc 0 "$BFVSIM" check $S --set workload[0].count=7 --set topology.racks[0].computes.count=9
has "$WORK/out.txt" "workload[0].count = 7    (--set)"
# bad values and paths: exit 2 naming the --set
rc 2 "$BFVSIM" check $S --set workload[0].arrival.rate=fast
has "$WORK/out.txt" "workload[0].arrival.rate: expected a number, found 'fast' (from --set workload[0].arrival.rate=fast)"
rc 2 "$BFVSIM" check $S --set config.nova.DEFAULT.max_concurent_builds=20
has "$WORK/out.txt" "unknown key 'max_concurent_builds'; did you mean 'max_concurrent_builds'? (from --set config.nova.DEFAULT.max_concurent_builds=20)"
rc 2 "$BFVSIM" run $S --quiet --set workload[3].count=1
has "$WORK/out.txt" "--set workload[3].count: workload has 1 entries; index 3 is out of range"
rc 2 "$BFVSIM" check $S --set workload[storm].count=1
has "$WORK/out.txt" "no entry of workload has name 'storm'"
rc 2 "$BFVSIM" check $S --set name.x=1
has "$WORK/out.txt" "cannot set 'x' inside 'whatif-small'"
rc 2 "$BFVSIM" check $S --set novalue
has "$WORK/out.txt" "expected PATH=VALUE"
rc 2 "$BFVSIM" check $S --set workload[0].count=0
has "$WORK/out.txt" "workload[0].count: must be between 1 and 2000000, found 0 (from --set workload[0].count=0)"
# explain: the scenario's cloud with an override (nova.conf [DEFAULT] max_local_block_devices = 0
# refuses a local image disk: nova/compute/api.py::API._validate_bdm)
rc 0 "$BFVSIM" explain --scenario $S --set config.nova.DEFAULT.max_local_block_devices=0 --json \
  "openstack server create --flavor m1.tiny --image cirros --nic none vm"
has "$WORK/out.txt" '"api_status": 400'
has "$WORK/out.txt" "You specified more local devices than the limit allows"
rc 0 "$BFVSIM" explain --scenario $S --json "openstack server create --flavor m1.tiny --image cirros --nic none vm"
has "$WORK/out.txt" '"api_status": 202'
rc 2 "$BFVSIM" explain --set workload[0].count=1 "openstack server create --flavor m1.tiny --image cirros --nic none vm"
has "$WORK/out.txt" "need --scenario"
echo ok

#!/bin/bash
# --engine slurm: the sweep as a Slurm job array (sbatch --array), against a single-node Slurm this
# test starts on localhost only (munged + slurmctld + slurmd, state in the scratch dir, ports from
# the test's PID). Skipped (77) with the reason when that cluster cannot start here. The merged
# tables must be byte-identical to a local run's.
. "$(dirname "$0")/lib.sh"
skip() { echo "SKIP: $*"; exit 77; }
for b in munged mungekey slurmctld slurmd sbatch squeue sinfo; do
  command -v $b > /dev/null || [ -x /usr/sbin/$b ] || skip "$b is not installed (Debian packages slurm-wlm and munge; scripts/install-deps.sh)"
done
export PATH=$PATH:/usr/sbin
[ "$(id -u)" -eq 0 ] || skip "a throw-away slurmd must run as root to launch jobs (uid $(id -u))"
D=$WORK/cluster
mkdir -p $D/state $D/spool && chmod 700 $D
cleanup() {
  for p in slurmd slurmctld munged; do
    [ -s $D/$p.pid ] && kill "$(cat $D/$p.pid)" 2>/dev/null
  done
  sleep 1
}
trap cleanup EXIT
mungekey --create --keyfile=$D/munge.key > $D/mungekey.log 2>&1 || skip "mungekey failed: $(cat $D/mungekey.log)"
munged --key-file=$D/munge.key --socket=$D/munge.sock --pid-file=$D/munged.pid --log-file=$D/munged.log \
  --seed-file=$D/munge.seed --force > $D/munged.out 2>&1 || skip "munged did not start: $(cat $D/munged.out $D/munged.log 2>/dev/null | tail -3)"
host=$(hostname -s)
port=$(( 20000 + ($$ % 20000) ))
cat > $D/slurm.conf <<CONF
ClusterName=bfvsimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$D/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/slurmctld.log
SlurmdLogFile=$D/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=bfvsim Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf
slurmctld -i > $D/slurmctld.out 2>&1 || skip "slurmctld did not start: $(tail -3 $D/slurmctld.log 2>/dev/null) $(cat $D/slurmctld.out)"
slurmd > $D/slurmd.out 2>&1 || skip "slurmd did not start: $(tail -3 $D/slurmd.log 2>/dev/null) $(cat $D/slurmd.out)"
for i in $(seq 60); do
  state=$(sinfo -h -o %t 2>/dev/null | head -1)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || skip "the local Slurm node did not become idle (state '$state'): $(tail -3 $D/slurmd.log 2>/dev/null)"
echo "single-node Slurm up on $host:$port"
rc 0 "$BFVSIM" sweep tests/whatif/tiny.sweep.yaml --out "$WORK/local" -j 2
rc 0 "$BFVSIM" sweep tests/whatif/tiny.sweep.yaml --out "$WORK/slurm" --engine slurm -j 2
cat "$WORK/out.txt"
ls "$WORK/slurm/slurm/"*.out > /dev/null 2>&1 || fail "no Slurm array task output in $WORK/slurm/slurm/"
[ "$(ls "$WORK/slurm/slurm/" | wc -l)" -eq 4 ] || fail "4 array tasks"
cmp "$WORK/local/sweep.csv" "$WORK/slurm/sweep.csv" || fail "slurm and local sweep.csv differ"
cmp "$WORK/local/runs.csv" "$WORK/slurm/runs.csv" || fail "slurm and local runs.csv differ"
echo ok

#!/usr/bin/env bash
# Agent footprint: one `flotilla agent` process against the real kube-apiserver
# (tools/real-apiserver.sh) and a `flotilla hub` serving a Git repository of 20 bundles. Prints:
#   * time from start to the first apply of all 20 bundles (enrolment, pull, blobs, apply),
#   * steady RSS (sampled from /proc every 5 s over the idle window) and idle CPU,
#   * time from start to the first apply from the local store, with the hub stopped and every
#     bundle's ConfigMap deleted beforehand (so that the apply has something to do), over several
#     restarts (the machine may be shared: medians).
#
# Usage (from anywhere):  bench/agent-footprint.sh
#   IDLE_SECONDS=60          length of the idle window
#   RESTARTS=5               restarts from the local store to time
#   AGENT_JAVA_OPTS="..."    JVM options for the agent instead of the launcher's (./flotilla agent)
#   KEEP=1                   keep the work directory (logs, data dirs)
# The launcher's agent options use a class-data archive (AppCDS) that the first agent start writes
# next to the jar: run twice after a rebuild to see the warm figures.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
idle=${IDLE_SECONDS:-60}
restarts=${RESTARTS:-5}
work=$(mktemp -d /tmp/flotilla-footprint.XXXXXX)
hub_pid=""
agent_pid=""

cleanup() {
  for p in $agent_pid $hub_pid; do
    kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

say() { printf '%s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
kctl() { kubectl --kubeconfig "$kubeconfig" "$@"; }

# --- prerequisites: the executable, a real API server ---------------------------------------
say "building the executable if needed..."
"$here/flotilla" version >/dev/null
export FLOTILLA_NO_BUILD=1
kubeconfig=$("$here/tools/real-apiserver.sh" start | sed -n 's/^KUBECONFIG=//p' | tail -1)
[ -n "$kubeconfig" ] || { say "no real kube-apiserver (tools/real-apiserver.sh start failed)"; exit 1; }

# --- a fleet repository of 20 bundles ---------------------------------------------------------
repo="$work/repo"
mkdir -p "$repo"
for i in $(seq -w 1 20); do
  b="app-$i"
  mkdir -p "$repo/fleet/$b"
  cat >"$repo/fleet/$b/bundle.yaml" <<EOF
namespace: bench-$b
targets:
  - selector: {matchLabels: {tier: edge}}
EOF
  cat >"$repo/fleet/$b/manifests.yaml" <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: bench-$b
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: $b
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: $b-config
data:
  interval: 30s
  endpoint: https://ingest.example.com/$b
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $b
spec:
  replicas: 0
  selector:
    matchLabels: {app: $b}
  template:
    metadata:
      labels: {app: $b}
    spec:
      serviceAccountName: $b
      containers:
        - name: main
          image: ghcr.io/flotilla-bench/$b:1.0.0
          envFrom:
            - configMapRef: {name: $b-config}
---
apiVersion: v1
kind: Service
metadata:
  name: $b
spec:
  selector: {app: $b}
  ports:
    - port: 80
      targetPort: 8080
      protocol: TCP
EOF
done
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" -c user.name=bench -c user.email=bench@flotilla.invalid commit -qm "20 bundles"

# leftovers of an earlier run would make the first apply a no-op
for i in $(seq -w 1 20); do kctl delete namespace "bench-app-$i" --ignore-not-found --wait=false >/dev/null; done
while [ -n "$(kctl get namespaces -o name | grep '^namespace/bench-app-' || true)" ]; do sleep 1; done

# --- the hub ----------------------------------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$here/flotilla" hub --data-dir "$work/hub" --listen "127.0.0.1:$port" --source "$repo" \
  --path fleet --source-interval 5s >"$work/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 1 120); do [ -f "$work/hub/admin.conf" ] && break; sleep 0.5; done
[ -f "$work/hub/admin.conf" ] || { say "the hub did not start; see $work/hub.log"; tail -20 "$work/hub.log" >&2; exit 1; }
export FLOTILLA_CONFIG="$work/hub/admin.conf"
token=$("$here/flotilla" token create --labels tier=edge --uses 1 --ttl 1h)

# --- the agent --------------------------------------------------------------------------------
cds="${FLOTILLA_CDS_ARCHIVE:-$here/cli/target/flotilla-agent.jsa}"
if [ -n "${AGENT_JAVA_OPTS:-}" ]; then cds_state="as AGENT_JAVA_OPTS say"
elif [ -f "$cds" ]; then cds_state="class-data archive present at start"
else cds_state="no class-data archive yet: the first start writes it (the restarts use it)"; fi
start_agent() {
  local log=$1
  if [ -n "${AGENT_JAVA_OPTS:-}" ]; then export FLOTILLA_JAVA_OPTS="$AGENT_JAVA_OPTS"; fi
  "$here/flotilla" agent --hub "https://127.0.0.1:$port" --token "$token" --name bench-edge \
    --data-dir "$work/agent" --kubeconfig "$kubeconfig" >"$log" 2>&1 &
  agent_pid=$!
  unset FLOTILLA_JAVA_OPTS
}

configmaps() { kctl get configmaps -A -l flotilla.dev/bundle -o name 2>/dev/null | grep -c -- '-config$' || true; }

t0=$(now_ms)
start_agent "$work/agent-1.log"
until [ "$(configmaps)" -ge 20 ]; do
  kill -0 "$agent_pid" 2>/dev/null || { say "the agent died; see $work/agent-1.log"; tail -20 "$work/agent-1.log" >&2; exit 1; }
  sleep 0.2
done
first_apply=$(( $(now_ms) - t0 ))

# --- steady state: RSS and CPU while idle -------------------------------------------------------
sleep 20  # let the first reports, JIT and GC settle
clk=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$agent_pid/stat"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$agent_pid/status"; }
c0=$(ticks); w0=$(now_ms); samples=()
for _ in $(seq 1 $((idle / 5))); do samples+=("$(rss_kb)"); sleep 5; done
c1=$(ticks); w1=$(now_ms)
rss_sorted=$(printf '%s\n' "${samples[@]}" | sort -n)
rss_median=$(echo "$rss_sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
rss_max=$(echo "$rss_sorted" | tail -1)
hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$agent_pid/status")
cpu_pct=$(awk -v t=$((c1 - c0)) -v hz="$clk" -v ms=$((w1 - w0)) 'BEGIN {printf "%.2f", 100 * t / hz / (ms / 1000)}')
threads=$(awk '/^Threads:/ {print $2}' "/proc/$agent_pid/status")
opts=$(tr '\0' ' ' <"/proc/$agent_pid/cmdline" | sed 's/ -jar .*//; s/^[^ ]*java //')

# --- restart from the local store, hub stopped (RESTARTS times) -----------------------------------
kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true
kill "$hub_pid"; wait "$hub_pid" 2>/dev/null || true
hub_pid=""
times=(); loops=()
for r in $(seq 1 "$restarts"); do
  for i in $(seq -w 1 20); do kctl -n "bench-app-$i" delete configmap "app-$i-config" --ignore-not-found >/dev/null; done
  log="$work/agent-restart-$r.log"
  t0=$(now_ms)
  start_agent "$log"
  until grep -qs "applied from the local store" "$log"; do
    kill -0 "$agent_pid" 2>/dev/null || { say "the agent died; see $log"; tail -20 "$log" >&2; exit 1; }
    sleep 0.05
  done
  times+=($(( $(now_ms) - t0 )))
  loops+=("$(sed -n 's/.*applied from the local store in \([0-9]*\) ms.*/\1/p' "$log" | tail -1)")
  restored=$(configmaps)
  [ "$restored" -eq 20 ] || { say "only $restored of 20 ConfigMaps came back; see $log"; exit 1; }
  kill "$agent_pid"; wait "$agent_pid" 2>/dev/null || true
  agent_pid=""
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
minimum() { printf '%s\n' "$@" | sort -n | head -1; }

cat <<EOF
agent footprint (20 bundles, 100 objects, real kube-apiserver $(kctl version -o json 2>/dev/null | jq -r .serverVersion.gitVersion))
  JVM options                    ${opts}
  AppCDS                         ${cds_state}
  first apply, online            ${first_apply} ms from process start (enrol, pull, 20 blobs, apply)
  steady RSS                     median $((rss_median / 1024)) MiB, max $((rss_max / 1024)) MiB over ${idle}s (peak VmHWM $((hwm / 1024)) MiB)
  idle CPU                       ${cpu_pct}% of one core over $(( (w1 - w0) / 1000 ))s, ${threads} threads
  first apply from local store   median $(median "${times[@]}") ms, min $(minimum "${times[@]}") ms from process start over ${restarts} restarts, hub down
                                 (of which the apply: median $(median "${loops[@]}") ms; 20/20 ConfigMaps back each time)
  load average                   $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores
EOF

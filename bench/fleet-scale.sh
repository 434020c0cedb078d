#!/usr/bin/env bash
# The fleet simulator at scale: a hub on a temporary data dir (SQLite) with a small fleet repo,
# N minted identities (offline, from the hub's CA), `flotilla sim` against it, one commit in the
# middle of the run, optionally a reconnect storm; prints the figures (docs/performance.md,
# "Fleet simulator"). Results go to bench/results/fleet-scale-N-TIMESTAMP/.
#
# Usage: bench/fleet-scale.sh N [extra `flotilla sim` flags]      (from the repository root)
#   bench/fleet-scale.sh 10000     check-in 60s, 1,000 connections, 3 min (figures after 1 min)
#   bench/fleet-scale.sh 100000    check-in 5m, 500 connections, 8 min (figures after 5 min)
#   bench/fleet-scale.sh 1000000   check-in 5m, 500 connections, 10 min (figures after 5 min)
# The commit lands at COMMIT_AT seconds into the run, after the warm-up (the first interval, in
# which every cluster fetches its first document). Environment: CHECK_IN, DURATION, WARM_UP,
# CONNECTIONS, COMMIT_AT, HUB_HEAP, SIM_HEAP override the defaults for N; HUB_JAVA_OPTS adds JVM
# options to the hub; KEEP=1 keeps the temporary directory.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
n=${1:?usage: bench/fleet-scale.sh N [flotilla sim flags]}
shift
if [ "$n" -le 20000 ]; then
  check_in=${CHECK_IN:-60s}; duration=${DURATION:-180s}; warm_up=${WARM_UP:-60s}
  connections=${CONNECTIONS:-1000}; commit_at=${COMMIT_AT:-120}; hub_heap=${HUB_HEAP:-1g}
  sim_heap=${SIM_HEAP:-1g}
elif [ "$n" -le 200000 ]; then
  check_in=${CHECK_IN:-5m}; duration=${DURATION:-480s}; warm_up=${WARM_UP:-300s}
  connections=${CONNECTIONS:-500}; commit_at=${COMMIT_AT:-360}; hub_heap=${HUB_HEAP:-2g}
  sim_heap=${SIM_HEAP:-2g}
else
  check_in=${CHECK_IN:-5m}; duration=${DURATION:-600s}; warm_up=${WARM_UP:-300s}
  connections=${CONNECTIONS:-500}; commit_at=${COMMIT_AT:-420}; hub_heap=${HUB_HEAP:-4g}
  sim_heap=${SIM_HEAP:-6g}
fi

./flotilla version >/dev/null   # builds the executable if sources changed
work=$(mktemp -d /tmp/fleet-scale.XXXXXX)
results="$here/bench/results/fleet-scale-$n-$(date -u +%Y%m%dT%H%M%S)"
mkdir -p "$results"
hub_pid=
cleanup() {
  [ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null && wait "$hub_pid" 2>/dev/null || true
  [ "${KEEP:-}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

# the fleet: one bundle of plain manifests for every edge cluster
repo="$work/fleet-repo"
mkdir -p "$repo/fleet/sim"
git -C "$repo" init -q -b main
cat >"$repo/fleet/sim/bundle.yaml" <<'YAML'
name: sim
namespace: sim
targets:
  - selector: {matchLabels: {tier: edge}}
YAML
config() {
  cat >"$repo/fleet/sim/config.yaml" <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: sim-config
  namespace: sim
data:
  interval: "$1"
YAML
  git -C "$repo" add -A
  git -C "$repo" -c user.name=bench -c user.email=bench@flotilla.invalid commit -q -m "interval $1"
}
config 30s

port=$((20000 + RANDOM % 20000))
start_hub() {
  FLOTILLA_JAVA_OPTS="-Xmx$hub_heap -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Dorg.slf4j.simpleLogger.defaultLogLevel=info ${HUB_JAVA_OPTS:-}" \
    FLOTILLA_NO_BUILD=1 ./flotilla hub --data-dir "$work/hub" --listen "127.0.0.1:$port" \
    --source "$repo" --path fleet --source-interval 2s --poll-interval "$check_in" \
    --offline-after 15m --max-long-polls 19000 >>"$work/hub.log" 2>&1 &
  hub_pid=$!
  local started=$(date +%s%N)
  until curl -ksf "https://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    kill -0 "$hub_pid" 2>/dev/null || { tail -20 "$work/hub.log"; exit 1; }
    sleep 0.2
  done
  echo "hub serving on :$port after $(( ($(date +%s%N) - started) / 1000000 )) ms (pid $hub_pid)"
}
stop_hub() {
  kill "$hub_pid"; wait "$hub_pid" 2>/dev/null || true; hub_pid=
}

echo "== hub first start (creates its CA and database)"
start_hub
stop_hub
echo "== minting $n identities (hub stopped)"
/usr/bin/time -f "mint: %e s, %M KiB peak RSS" env FLOTILLA_JAVA_OPTS="-Xmx$sim_heap" FLOTILLA_NO_BUILD=1 \
  ./flotilla sim mint --data-dir "$work/hub" --clusters "$n" --out "$work/identities" 2>&1 | tail -2
du -h "$work/identities/identities.bin"
echo "== hub cold start with $n registered clusters"
# the log holds the first start's lines too: wait for a line this start writes
updated="cluster document(s) changed"
before=$(grep -c "$updated" "$work/hub.log" || true)
start_hub
# the hub prepares every cluster's document at start: wait until its log says so
until [ "$(grep -c "$updated" "$work/hub.log" || true)" -gt "$before" ]; do sleep 1; done
echo "documents ready $(grep "$updated" "$work/hub.log" | sed -n "$((before + 1))p" | sed 's/.*desired state/desired state/')"

(sleep "$commit_at"; config 15s; echo "== committed a change at t=${commit_at}s") &
committer=$!
echo "== flotilla sim: $n clusters, check-in $check_in, $connections connections, $duration (warm-up $warm_up)"
FLOTILLA_JAVA_OPTS="-Xmx$sim_heap -XX:+UseParallelGC" FLOTILLA_NO_BUILD=1 ./flotilla sim \
  --hub "https://127.0.0.1:$port" --identities "$work/identities" --check-in "$check_in" \
  --connections "$connections" --duration "$duration" --warm-up "$warm_up" --progress 15s --hub-pid "$hub_pid" \
  --results "$results" "$@"
kill "$committer" 2>/dev/null || true   # the run ended before COMMIT_AT: no commit
wait "$committer" 2>/dev/null || true
cp "$work/hub.log" "$results/hub.log"
echo "results in $results"

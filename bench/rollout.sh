#!/usr/bin/env bash
# Rollout planner benchmark: one planning round of one bundle's rollout, by fleet size.
# Usage: bench/rollout.sh [SIZE...]   (from the repository root; builds the hub module first)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
. tools/find-jdk.sh
flotilla_find_jdk
JAVA_HOME="$FLOTILLA_JAVA_HOME" ./mvnw -q -pl hub -am install -DskipTests -DskipITs -Dspotless.check.skip=true
cp_file=$(mktemp)
JAVA_HOME="$FLOTILLA_JAVA_HOME" ./mvnw -q -pl hub dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="hub/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$FLOTILLA_JAVA_HOME/bin/java" -Xmx1g -cp "$cp" bench/RolloutBench.java "$@"

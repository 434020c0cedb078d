#!/usr/bin/env bash
# Render benchmark: in-process engine vs `kubectl kustomize` per render, and a fleet-sized run
# (10,000 clusters x 20 bundles, 200 distinct overlay combinations) through the render cache.
# Usage: bench/render.sh        (from the repository root; builds the render module first)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
. tools/find-jdk.sh
flotilla_find_jdk
JAVA_HOME="$FLOTILLA_JAVA_HOME" ./mvnw -q -pl render -am install -DskipTests -Dspotless.check.skip=true
cp_file=$(mktemp)
JAVA_HOME="$FLOTILLA_JAVA_HOME" ./mvnw -q -pl render dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime >/dev/null
cp="render/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$FLOTILLA_JAVA_HOME/bin/java" -Xmx1g -cp "$cp" bench/RenderBench.java "$@"

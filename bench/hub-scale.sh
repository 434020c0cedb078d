#!/usr/bin/env bash
# The hub at 100,000 and 1,000,000 registered clusters: start to serving, planning a commit for all,
# RSS, unchanged check-ins per second, restart. Seeds clusters straight into a fresh SQLite database
# and runs `flotilla hub` as its own process. See docs/performance.md ("Hub at a million clusters").
# Usage: bench/hub-scale.sh [--clusters 100000,1000000] [--agents 200] [--threads 4] [--seconds 15]
#                           [--xmx 2g] [--hub-jar JAR]     (from the repository root; builds first)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
. tools/find-jdk.sh
flotilla_find_jdk
if [ -z "${HUB_SCALE_NO_BUILD:-}" ]; then
  JAVA_HOME="$FLOTILLA_JAVA_HOME" ./mvnw -q -pl cli -am install -DskipTests -DskipITs -Dspotless.check.skip=true
fi
opts=(--enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
[ "$(flotilla_jdk_major "$FLOTILLA_JAVA_HOME")" -ge 24 ] && opts+=(--sun-misc-unsafe-memory-access=allow)
# the bench is several source files (HubScale*.java): compiled together, as `java File.java` takes one
classes=$(mktemp -d -t flotilla-hub-scale-classes.XXXXXX)
trap 'rm -rf "$classes"' EXIT
"$FLOTILLA_JAVA_HOME/bin/javac" -nowarn -d "$classes" -cp cli/target/flotilla-all.jar bench/HubScale*.java
"$FLOTILLA_JAVA_HOME/bin/java" "${opts[@]}" -cp "cli/target/flotilla-all.jar:$classes" HubScaleBench "$@"

#!/usr/bin/env bash
# Bytes on the wire for one cluster: an unchanged check-in (goal <= 600 B request + response) and
# a one-line change (goal <= 2 KB), beside what `git fetch` of the same change transfers.
# One persistent TLS connection through a counting TCP proxy; the handshake is excluded, TLS record
# overhead included. See docs/performance.md.
# Usage: bench/wire.sh [ROUNDS]        (from the repository root; builds the executable first)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
. tools/find-jdk.sh
flotilla_find_jdk
JAVA_HOME="$FLOTILLA_JAVA_HOME" ./mvnw -q -pl cli -am install -DskipTests -DskipITs -Dspotless.check.skip=true
opts=(--enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
[ "$(flotilla_jdk_major "$FLOTILLA_JAVA_HOME")" -ge 24 ] && opts+=(--sun-misc-unsafe-memory-access=allow)
exec "$FLOTILLA_JAVA_HOME/bin/java" "${opts[@]}" -cp cli/target/flotilla-all.jar bench/WireBench.java "$@"

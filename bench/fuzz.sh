#!/usr/bin/env bash
# Longer coverage-guided fuzzing of the parsers that take hostile input (Jazzer via JUnit).
#
#   bench/fuzz.sh [MINUTES_PER_TARGET]     # default 10
#
# Every build already fuzzes each target for 10 s (the `fuzz` surefire execution in render/ and
# protocol/). This script runs each target in rounds of that length until MINUTES_PER_TARGET have
# passed; each round starts from the corpus the previous rounds grew in <module>/.cifuzz-corpus/, so
# the rounds add up to one long coverage-guided run. A finding fails the round, prints the input and
# saves the input in the module's test resources (Jazzer prints where; a regression test from then on).
# Each round also pays ~30 s of Maven and JVM start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
ROUND_SECONDS=10
ROUNDS=${ROUNDS:-$(( MINUTES * 60 / ROUND_SECONDS ))}   # ROUNDS=1 for a quick check
TARGETS=(
  "render:YamlDocumentsFuzzTest"
  "render:BundleYamlFuzzTest"
  "render:KustomizationFuzzTest"
  "protocol:ProtocolJsonFuzzTest"
  "protocol:BlobFuzzTest"
)
./mvnw -q -pl render,protocol -am install -DskipTests -DskipITs
for t in "${TARGETS[@]}"; do
  module=${t%%:*}; class=${t##*:}
  start=$(date +%s)
  for r in $(seq 1 "$ROUNDS"); do
    JAZZER_FUZZ=1 ./mvnw -q -o -pl "$module" surefire:test@fuzz -Dtest="$class" \
        -Dsurefire.failIfNoSpecifiedTests=false > "/tmp/fuzz-$class.log" 2>&1 \
      || { echo "$class: FINDING in round $r; see /tmp/fuzz-$class.log"; grep -A20 "== Java Exception" "/tmp/fuzz-$class.log" | head -40; exit 1; }
  done
  runs=$(grep -ho 'Done [0-9]* runs' "/tmp/fuzz-$class.log" | tail -1)
  corpus=$(find "$module/.cifuzz-corpus" -path "*$class*" -type f 2>/dev/null | wc -l)
  echo "$class: $ROUNDS round(s) of ${ROUND_SECONDS}s in $(( $(date +%s) - start ))s, no finding; last round: $runs; corpus: $corpus inputs"
done

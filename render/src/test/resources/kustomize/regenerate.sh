#!/usr/bin/env bash
# Rewrites every case's expected.yaml with the output of `kubectl kustomize` (the oracle, v5.5).
# A case builds its own directory, or the directory named in its BUILD_DIR file.
# Usage: render/src/test/resources/kustomize/regenerate.sh [CASE...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v kubectl >/dev/null || { echo "kubectl is not on PATH" >&2; exit 1; }
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=($(cd "$here" && ls -d */ | tr -d /))
failed=0
for c in "${cases[@]}"; do
  dir="$here/$c"
  build="$dir"
  [ -f "$dir/BUILD_DIR" ] && build="$dir/$(cat "$dir/BUILD_DIR")"
  if kubectl kustomize "$build" >"$dir/expected.yaml.tmp" 2>/dev/null; then
    mv "$dir/expected.yaml.tmp" "$dir/expected.yaml"
  else
    rm -f "$dir/expected.yaml.tmp"
    echo "kubectl kustomize failed for $c:" >&2
    kubectl kustomize "$build" 2>&1 >/dev/null | tail -2 >&2
    failed=1
  fi
done
exit $failed

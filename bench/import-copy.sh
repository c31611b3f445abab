#!/usr/bin/env bash
# A library copied through Alma's API: an almasim holding USERS synthetic patrons stands in for production, and
# `almasim import --from-alma ... --rate 10000 --out` copies it into a snapshot as fast as the source answers. Prints
# the users a second, and the time the same copy would take at Alma's 25 calls a second.
# Usage: bench/import-copy.sh [USERS]   (default 100000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/lib.sh"
users="${1:-100000}"
port=18099
work=$(mktemp -d)
trap 'kill ${ALMASIM_PID:-} 2>/dev/null; wait ${ALMASIM_PID:-} 2>/dev/null || true; rm -rf "$work"' EXIT
start_almasim "$port" "$work/serve.log" --population "synthetic:$users" --today 2024-08-01
echo l8xxalmasimdevelopmentkey >"$work/key"
started=$(date +%s.%N)
ALMASIM_JAVA_OPTS="${ALMASIM_JAVA_OPTS:--Xmx2g}" "$here/almasim" import --from-alma "http://localhost:$port" \
    --api-key-file "$work/key" --out "$work/library.zip" --salt-file "$work/salt" --rate 10000 2>"$work/import.log" \
    | tee "$work/out.txt"
finished=$(date +%s.%N)
calls=$(sed -nE 's/.*\(([0-9,]+) calls\).*/\1/p' "$work/out.txt" | tr -d ,)
seconds=$(echo "$finished - $started" | bc)
printf 'copied %s users in %.1f s: %.0f users a second, %.0f calls a second; at 25 calls a second: %.1f hours\n' \
    "$users" "$seconds" "$(echo "$users / $seconds" | bc -l)" "$(echo "$calls / $seconds" | bc -l)" \
    "$(echo "$calls / 25 / 3600" | bc -l)"
ls -l "$work/library.zip" | awk '{printf "snapshot: %d KB\n", $5 / 1024}'

#!/usr/bin/env bash
# Purge User Records (M26700, no parameters) over a synthetic population on a file database: loads the population,
# starts the job through Alma's API, follows the instance to its end and prints its counters and the time it took.
# Usage: bench/purge-job.sh [USERS]   (default 1000000; needs about 2 GB of heap and a few GB of disk under /tmp)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/lib.sh"
users="${1:-1000000}"
port=18098
db=$(mktemp -d)
key=l8xxalmasimdevelopmentkey
api="http://localhost:$port/almaws/v1"
started=$(date +%s.%N)
trap 'kill ${ALMASIM_PID:-} 2>/dev/null; wait ${ALMASIM_PID:-} 2>/dev/null || true; rm -rf "$db"' EXIT
start_almasim "$port" "$db/serve.log" --db "$db" --population "synthetic:$users" --today 2024-08-01
loaded=$(date +%s.%N)
printf 'loaded %s synthetic patrons in %.1f s\n' "$users" "$(echo "$loaded - $started" | bc)"
instance=$(curl -sf -X POST -H "Authorization: apikey $key" -H 'Accept: application/json' -H 'Content-Type: application/json' \
    "$api/conf/jobs/M26700?op=run" -d '{"parameter":[]}' | sed -E 's/.*"additional_info":\{"value":"[^"]*","link":"[^"]*(\/conf\/jobs\/[^"]*)".*/\1/')
while :; do
    answer=$(curl -sf -H "Authorization: apikey $key" -H 'Accept: application/json' "$api$instance")
    case "$answer" in *'"value":"COMPLETED_'*) break ;; esac
    sleep 0.5
done
finished=$(date +%s.%N)
echo "$answer" | grep -oE '"status":\{"value":"[A-Z_]+"|"desc":"(Records processed|Records with exceptions|Users purged)"\},"value":"[0-9]+"'
printf 'purge job over %s patrons: %.1f s\n' "$users" "$(echo "$finished - $loaded" | bc)"

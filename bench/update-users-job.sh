#!/usr/bin/env bash
# Update/Notify Users (M148) over an itemized set of every patron of a synthetic population: loads the population, builds
# the set through Alma's Sets API (1,000 members a call, as the engine does), runs the job to mark everyone INACTIVE,
# follows the instance to its end and prints its counters and the times.
# Usage: bench/update-users-job.sh [USERS]   (default 100000)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/lib.sh"
users="${1:-100000}"
port=18103
key=l8xxalmasimdevelopmentkey
api="http://localhost:$port/almaws/v1"
work=$(mktemp -d)
trap 'kill ${ALMASIM_PID:-} 2>/dev/null; wait ${ALMASIM_PID:-} 2>/dev/null || true; rm -rf "$work"' EXIT
start_almasim "$port" "$work/serve.log" --population "synthetic:$users" --today 2024-08-01
call() { curl -sf -H "Authorization: apikey $key" -H 'Accept: application/json' -H 'Content-Type: application/json' "$@"; }

started=$(date +%s.%N)
set_id=$(call -X POST "$api/conf/sets" \
    -d '{"name":"everyone","type":{"value":"ITEMIZED"},"content":{"value":"USER"}}' | sed -E 's/.*"id":"([0-9]+)".*/\1/')
for ((from = 0; from < users; from += 1000)); do
    python3 -c "
import json, sys
start, end = int(sys.argv[1]), min(int(sys.argv[1]) + 1000, int(sys.argv[2]))
print(json.dumps({'members': {'member': [{'id': 'S%08d' % i} for i in range(start, end)]}}))" "$from" "$users" \
        >"$work/members.json"
    call -X POST "$api/conf/sets/$set_id?op=add_members" --data-binary "@$work/members.json" >/dev/null
done
built=$(date +%s.%N)
printf 'a set of %s members built through the Sets API in %.1f s\n' "$users" "$(echo "$built - $started" | bc)"

parameters='{"parameter":[{"name":{"value":"set_id"},"value":"'"$set_id"'"},
  {"name":{"value":"UPDATE_User_Information_Status_Active"},"value":"true"},
  {"name":{"value":"UPDATE_User_Information_Status_Value"},"value":"INACTIVE"}]}'
instance=$(call -X POST "$api/conf/jobs/M148?op=run" -d "$parameters" |
    sed -E 's/.*"additional_info":\{"value":"[^"]*","link":"[^"]*(\/conf\/jobs\/[^"]*)".*/\1/')
while :; do
    answer=$(call "$api$instance")
    case "$answer" in *'"value":"COMPLETED_'*) break ;; esac
    sleep 0.5
done
finished=$(date +%s.%N)
echo "$answer" | grep -oE '"status":\{"value":"[A-Z_]+"|"desc":"(Records processed|Records with exceptions|Records updated)"\},"value":"[0-9]+"'
printf 'Update/Notify Users over %s members: %.1f s\n' "$users" "$(echo "$finished - $built" | bc)"

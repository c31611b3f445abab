#!/usr/bin/env bash
# GET /users/{id} throughput measured from a separate process with wrk (Debian: apt-get install wrk):
# starts the simulator with a synthetic population, warms up, measures, stops. Usage: bench/get-with-wrk.sh [USERS] [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/lib.sh"
users="${1:-100000}"
seconds="${2:-20}"
port=18099
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
trap 'kill ${ALMASIM_PID:-} 2>/dev/null; wait ${ALMASIM_PID:-} 2>/dev/null || true' EXIT
start_almasim "$port" /dev/null --population "synthetic:$users" --today 2024-08-01
script=$(mktemp)
cat > "$script" <<LUA
math.randomseed(42)
request = function()
  local id = string.format("S%08d", math.random(0, $users - 1))
  return wrk.format("GET", "/almaws/v1/users/" .. id,
    {["Authorization"]="apikey l8xxalmasimdevelopmentkey", ["Accept"]="application/json"})
end
LUA
wrk -t2 -c8 -d10s -s "$script" "http://localhost:$port" >/dev/null
echo "GET /users/{id} with wrk, 8 connections, $users patrons, ${seconds} s:"
wrk -t2 -c8 -d"${seconds}s" --latency -s "$script" "http://localhost:$port"
rm -f "$script"

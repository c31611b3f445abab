#!/usr/bin/env bash
# Common Alma answers served by almasim beside WireMock serving the same bytes as static stubs, measured with wrk in
# alternating rounds in one run, with the ratio printed. WireMock's standalone jar comes from Maven Central through the
# Maven wrapper. Usage: bench/compare-wiremock.sh [USERS] [SECONDS] [ROUNDS]   (Debian: apt-get install wrk)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$here/bench/lib.sh"
users="${1:-100000}"
seconds="${2:-10}"
rounds="${3:-2}"
wiremock_version=3.13.2
almasim_port=18101
wiremock_port=18102
key=l8xxalmasimdevelopmentkey
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
wiremock="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar"
[ -f "$wiremock" ] || (cd "$here" && ./mvnw -B -q dependency:get -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version")
work=$(mktemp -d)
java -jar "$wiremock" --port "$wiremock_port" --disable-banner --no-request-journal >"$work/wiremock.log" 2>&1 &
wiremock_pid=$!
trap 'kill ${ALMASIM_PID:-} $wiremock_pid 2>/dev/null; wait ${ALMASIM_PID:-} $wiremock_pid 2>/dev/null || true; rm -rf "$work"' EXIT
start_almasim "$almasim_port" "$work/almasim.log" --population "synthetic:$users" --today 2024-08-01
until curl -sf "http://localhost:$wiremock_port/__admin/mappings" >/dev/null; do sleep 0.2; done

user=S00000007
put_body="$work/put.json"
curl -sf -H "Authorization: apikey $key" -H 'Accept: application/json' \
    "http://localhost:$almasim_port/almaws/v1/users/$user" >"$put_body"

# name|method|path and query|accept|body file (PUT only)
cases=(
    "GET user, JSON|GET|/almaws/v1/users/$user|application/json|"
    "GET user, XML|GET|/almaws/v1/users/$user|application/xml|"
    "GET user, expand=loans,fees|GET|/almaws/v1/users/$user?expand=loans,fees|application/json|"
    "GET 100 users, expand=full|GET|/almaws/v1/users?limit=100&expand=full|application/json|"
    "PUT user (the same JSON back)|PUT|/almaws/v1/users/$user|application/json|$put_body"
)

# Each WireMock stub answers exactly the bytes almasim answered to the same request.
for entry in "${cases[@]}"; do
    IFS='|' read -r name method target accept body <<<"$entry"
    curl -sf -X "$method" -H "Authorization: apikey $key" -H "Accept: $accept" -H 'Content-Type: application/json' \
        ${body:+--data-binary "@$body"} "http://localhost:$almasim_port$target" -D "$work/headers" -o "$work/answer"
    content_type=$(grep -i '^content-type:' "$work/headers" | head -1 | cut -d' ' -f2- | tr -d '\r')
    python3 - "$method" "$target" "$content_type" "$work/answer" >"$work/mapping.json" <<'PY'
import json, sys
method, url, content_type, answer = sys.argv[1:5]
print(json.dumps({"request": {"method": method, "url": url},
                  "response": {"status": 200, "headers": {"Content-Type": content_type},
                               "body": open(answer, encoding="utf-8").read()}}))
PY
    curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$work/mapping.json" \
        "http://localhost:$wiremock_port/__admin/mappings" >/dev/null
done

throughput() { # method target accept body port
    local script="$work/request.lua"
    {
        echo "wrk.method = \"$1\""
        echo "wrk.headers[\"Authorization\"] = \"apikey $key\""
        echo "wrk.headers[\"Accept\"] = \"$3\""
        echo "wrk.headers[\"Content-Type\"] = \"application/json\""
        if [ -n "$4" ]; then
            printf 'local f = io.open("%s", "rb"); wrk.body = f:read("*a"); f:close()\n' "$4"
        fi
    } >"$script"
    wrk -t2 -c8 -d"${seconds}s" -s "$script" "http://localhost:$5$2" | awk '/Requests\/sec/ { print int($2) }'
}

echo "$(nproc) cores; $users synthetic patrons; wrk -t2 -c8, ${seconds} s a measurement, $rounds alternating rounds"
printf '%-32s %12s %12s %7s\n' "answer" "almasim/s" "WireMock/s" "ratio"
for entry in "${cases[@]}"; do
    IFS='|' read -r name method target accept body <<<"$entry"
    throughput "$method" "$target" "$accept" "$body" "$almasim_port" >/dev/null # warm-up
    throughput "$method" "$target" "$accept" "$body" "$wiremock_port" >/dev/null
    a=0; w=0
    for _ in $(seq "$rounds"); do
        a=$((a + $(throughput "$method" "$target" "$accept" "$body" "$almasim_port")))
        w=$((w + $(throughput "$method" "$target" "$accept" "$body" "$wiremock_port")))
    done
    printf '%-32s %12d %12d %6.2fx\n' "$name" $((a / rounds)) $((w / rounds)) "$(echo "scale=2; $a / $w" | bc)"
done

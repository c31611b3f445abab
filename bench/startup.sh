#!/usr/bin/env bash
# Start-up time: from `java -jar` to the first answer, for almasim's jar (an empty library and the demo library) and,
# measured in the same run on the same machine, WireMock's standalone jar. Prints the median of RUNS starts of each.
# Usage: bench/startup.sh [RUNS]   (default 5; fetches WireMock's standalone jar into ~/.m2 with the Maven wrapper)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
wiremock_version=3.13.2
port=18097
jar="$here/app/target/almasim.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
wiremock="$HOME/.m2/repository/org/wiremock/wiremock-standalone/$wiremock_version/wiremock-standalone-$wiremock_version.jar"
[ -f "$wiremock" ] || (cd "$here" && ./mvnw -B -q dependency:get -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version")

# Milliseconds from starting the command to the first 200 from URL.
time_to_first_answer() {
    local url="$1"; shift
    local log; log=$(mktemp)
    local started; started=$(date +%s%N)
    "$@" >"$log" 2>&1 &
    local server=$!
    until curl -sf -o /dev/null "$url"; do
        kill -0 "$server" 2>/dev/null || { echo "did not start: $*" >&2; tail -5 "$log" >&2; exit 1; }
        sleep 0.02
    done
    local answered; answered=$(date +%s%N)
    kill "$server"; wait "$server" 2>/dev/null || true
    rm -f "$log"
    echo $(( (answered - started) / 1000000 ))
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

measure() {
    local name="$1"; shift
    local times=()
    for _ in $(seq "$runs"); do
        times+=("$(time_to_first_answer "$@")")
    done
    printf '%-34s median %5s ms   (runs: %s)\n' "$name" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

health="http://localhost:$port/almasim/v1/health"
cds="$here/app/target/almasim.jsa"
[ -f "$cds" ] && [ ! "$jar" -nt "$cds" ] || java -XX:ArchiveClassesAtExit="$cds" -jar "$jar" bench startup --runs 2 >/dev/null 2>&1
measure "almasim, empty library" "$health" java -jar "$jar" serve --port "$port"
measure "almasim, demo library" "$health" java -jar "$jar" serve --port "$port" --population demo
measure "almasim, empty, CDS (./almasim)" "$health" java -XX:SharedArchiveFile="$cds" -jar "$jar" serve --port "$port"
measure "almasim, demo, CDS (./almasim)" "$health" java -XX:SharedArchiveFile="$cds" -jar "$jar" serve --port "$port" --population demo
measure "WireMock $wiremock_version standalone" "http://localhost:$port/__admin/mappings" \
    java -jar "$wiremock" --port "$port" --disable-banner

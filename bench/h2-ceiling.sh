#!/usr/bin/env bash
# The floor under loading synthetic patrons into a file database: H2 alone inserting patron rows and identifiers by
# set-based SQL (bench/H2Ceiling.java), then, in the same run, almasim loading the same number of synthetic patrons
# (with their items, loans and fees) through `bench api --load`. Prints both.
# Usage: bench/h2-ceiling.sh [PATRONS] [DOCUMENT_BYTES]   (defaults 1000000 and 1000, about a synthetic user's answer)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
patrons="${1:-1000000}"
document_bytes="${2:-1000}"
h2_version=$(sed -nE 's|.*<h2.version>(.*)</h2.version>.*|\1|p' "$here/pom.xml")
h2="$HOME/.m2/repository/com/h2database/h2/$h2_version/h2-$h2_version.jar"
[ -f "$h2" ] || (cd "$here" && ./mvnw -B -q dependency:get -Dartifact="com.h2database:h2:$h2_version")
jar="$here/app/target/almasim.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT

java -Xmx2g -cp "$h2" "$here/bench/H2Ceiling.java" "$patrons" "$document_bytes"
started=$(date +%s.%N)
java -Xmx2g -jar "$jar" bench api --users 1000 --seconds 1 --load "$patrons" --db "$db/bench" | grep -i load
finished=$(date +%s.%N)
printf 'almasim, the same patrons with items, loans and fees: %.1f s in all (its bench api included)\n' \
    "$(echo "$finished - $started" | bc)"

#!/usr/bin/env bash
# A test class as another team's project runs it: ten tests of one GET each on @AlmasimTest(population = "demo",
# resetBetweenTests = true), beside the same ten on @WireMockTest with a stub, in the same run (examples/junit-bench, an
# outside project with its own pom). Each class runs in a JVM of its own; the figures are Surefire's own timings.
# Prints, per class and round: the class's time, its first test (the extension's start and the first GET) and the
# median of the other nine (a reset, or a stub, and one GET). AlmasimWritingClassTest creates a user in each test, so
# each of its tests after the first pays a whole reset of the demo (a class that only reads keeps its library).
# Usage: bench/junit-class.sh [ROUNDS]   (default 3; installs almasim's artifacts with the Maven wrapper first)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
(cd "$here" && ./mvnw -B -q install -DskipTests -pl junit5 -am)
project="$here/examples/junit-bench"
for round in $(seq 1 "$rounds"); do
    (cd "$here" && ./mvnw -B -q -f "$project/pom.xml" test >"$project/target-bench.log" 2>&1) \
        || { echo "the benchmark's tests failed; see $project/target-bench.log" >&2; exit 1; }
    for class in AlmasimClassTest AlmasimWritingClassTest WireMockClassTest; do
        python3 - "$project/target/surefire-reports/TEST-org.example.bench.$class.xml" "$class" "$round" <<'PY'
import sys, statistics, xml.etree.ElementTree as ET
suite = ET.parse(sys.argv[1]).getroot()
tests = [float(case.get("time")) * 1000 for case in suite.iter("testcase")]
print(f"round {sys.argv[3]}  {sys.argv[2]:<23} class {float(suite.get('time')) * 1000:7.0f} ms   first test "
      f"{tests[0]:6.0f} ms   each later test (median of {len(tests) - 1}) {statistics.median(tests[1:]):6.1f} ms")
PY
    done
done

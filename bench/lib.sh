# Shared by the benchmark scripts (source it): start the simulator through the launcher and wait for its first answer.

# start_almasim PORT LOG [serve arguments...]: sets ALMASIM_PID; heap 2 GB unless ALMASIM_JAVA_OPTS says otherwise.
start_almasim() {
    local port="$1" log="$2"
    shift 2
    ALMASIM_JAVA_OPTS="${ALMASIM_JAVA_OPTS:--Xmx2g}" "$here/almasim" serve --port "$port" "$@" >"$log" 2>&1 &
    ALMASIM_PID=$!
    until curl -sf "http://localhost:$port/almasim/v1/health" >/dev/null; do
        kill -0 "$ALMASIM_PID" 2>/dev/null || { echo "the simulator did not start:" >&2; tail -5 "$log" >&2; exit 1; }
        sleep 0.5
    done
}

package org.almasim.app.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.almasim.control.ControlPlane;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench console}: the trainer console's patron list over a large synthetic population, one request per
 * filter a trainer might pick, each timed over repeated calls through the REST API. Prints figures; asserts nothing.
 */
public final class ConsoleBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;
    private static final int CALLS = 7;

    private final int patrons;

    public ConsoleBenchmark(int patrons) {
        this.patrons = patrons;
    }

    public void run(PrintStream out) {
        out.println(Machine.line());
        out.printf("%,d synthetic patrons (seed %d), as of %s%n", patrons, SEED, TODAY);
        Map<String, Map<String, String>> filters = new LinkedHashMap<>();
        filters.put("first page, no filter", Map.of("limit", "25"));
        filters.put("page 400, no filter", Map.of("limit", "25", "offset", "10000"));
        filters.put("name or id words", Map.of("limit", "25", "q", "smith"));
        filters.put("status INACTIVE", Map.of("limit", "25", "status", "INACTIVE"));
        filters.put("group + account type", Map.of("limit", "25", "user_group", "GRAD", "account_type", "EXTERNAL"));
        filters.put(
                "expired since a year",
                Map.of("limit", "25", "expired_since", TODAY.minusYears(1).toString()));
        filters.put("has blockers", Map.of("limit", "25", "has_blockers", "true"));
        filters.put(
                "no blockers, expired", Map.of("limit", "25", "has_blockers", "false", "expired_since", "2000-01-01"));
        try (Simulator sim =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            long loadStart = System.nanoTime();
            sim.load(SyntheticPopulation.chunks(SEED, patrons, TODAY));
            out.printf("load: %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
            ControlPlane control = ControlPlane.at(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            timed(
                    out,
                    "patron page (GET /patrons/{id})",
                    () -> control.patron(firstId(control)).size());
            timed(
                    out,
                    "summary by status",
                    () -> control.patronSummary().path("total").asInt());
            filters.forEach((name, query) -> timed(
                    out,
                    name,
                    () -> control.patrons(query).path("total_record_count").asInt()));
        }
    }

    private static String firstId(ControlPlane control) {
        return control.patrons(Map.of("limit", "1"))
                .path("patron")
                .get(0)
                .path("primary_id")
                .asText();
    }

    /** The median of a few calls, after one untimed call that warms the query's plan. */
    private static void timed(PrintStream out, String name, IntSupplier call) {
        int answer = call.getAsInt();
        long[] millis = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            call.getAsInt();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        out.printf("  %-34s median %5d ms  (max %5d ms)  -> %,d%n", name, millis[CALLS / 2], millis[CALLS - 1], answer);
    }
}

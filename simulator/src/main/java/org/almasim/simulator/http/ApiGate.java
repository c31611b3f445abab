package org.almasim.simulator.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Set;
import org.almasim.simulator.clock.SimulatedClock;

/**
 * The gate in front of {@code /almaws/v1}: the API key (as {@code ?apikey=} or {@code Authorization: apikey ...}),
 * read-only keys refused on writes, and Alma's thresholds with {@code X-Exl-Api-Remaining} on every answer.
 */
public final class ApiGate {
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);
    private static final String UNAUTHORIZED = "API-key not defined or not configured to allow this API.";

    private final ApiKeys keys;
    private final ApiThresholds thresholds;
    private final SimulatedClock clock;

    public ApiGate(ApiKeys keys, ApiThresholds thresholds, SimulatedClock clock) {
        this.keys = keys;
        this.thresholds = thresholds;
        this.clock = clock;
    }

    public void admit(Context ctx) {
        String key = key(ctx);
        ApiKeys.Access access = keys.access(key)
                .orElseThrow(() -> AlmaException.badRequest("UNAUTHORIZED", UNAUTHORIZED));
        if (access == ApiKeys.Access.READ_ONLY && WRITES.contains(ctx.method())) {
            throw AlmaException.badRequest("UNAUTHORIZED", UNAUTHORIZED);
        }
        long remaining = thresholds.admit(key, clock.today());
        ctx.header("X-Exl-Api-Remaining", Long.toString(remaining));
    }

    private static String key(Context ctx) {
        String query = ctx.queryParam("apikey");
        if (query != null && !query.isBlank()) {
            return query.trim();
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "apikey ", 0, 7)) {
            return header.substring(7).trim();
        }
        return null;
    }
}

package org.almasim.simulator.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.journal.RequestJournal;
import org.almasim.simulator.links.AlmaLinks;

/** Puts every request to Alma's API, with the answer's status and Alma's error code, in the journal. */
public final class JournalRecorder {
    private final RequestJournal journal;
    private final ApiGate.KeyOwners owners;
    private final SimulatedClock clock;

    public JournalRecorder(RequestJournal journal, ApiGate.KeyOwners owners, SimulatedClock clock) {
        this.journal = journal;
        this.owners = owners;
        this.clock = clock;
    }

    public void register(JavalinConfig config) {
        // The request logger runs once the answer is written, refusals included, so the status is the one the client
        // got.
        config.requestLogger.http(this::record);
    }

    /**
     * Read as UTF-8 whatever the request declared: the logger runs after the answer, and must never fail on a body the
     * gate refused (too large, an unknown character set).
     */
    private static String bodyOf(Context ctx) {
        try {
            return new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8);
        } catch (RuntimeException refused) {
            return "";
        }
    }

    private void record(Context ctx, Float millis) {
        if (!ctx.path().startsWith(AlmaLinks.API + "/")) {
            return;
        }
        Optional<String> key = ApiGate.key(ctx);
        Optional<ApiGate.KeyOwner> owner = key.flatMap(owners::owner);
        String access = owner.flatMap(o -> o.access(key.get()))
                .map(a -> a == ApiKeys.Access.READ_ONLY ? "read-only" : "read-write")
                .orElse(key.isPresent() ? "unknown" : "none");
        journal.add(new RequestJournal.Request(
                // Real time beside simulated time: a tester lines the journal up with their own client's logs.
                clock.realNow(),
                clock.now(),
                ctx.method().name(),
                ctx.path(),
                ctx.queryParamMap(),
                key,
                access,
                owner.map(ApiGate.KeyOwner::code),
                bodyOf(ctx),
                ctx.statusCode(),
                Optional.ofNullable(ctx.attribute(AlmaErrors.ERROR_CODE)),
                Optional.ofNullable(ctx.attribute(FaultGate.RULE)),
                millis));
    }
}

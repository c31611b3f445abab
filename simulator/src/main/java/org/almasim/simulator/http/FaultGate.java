package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.faults.FaultInjector;
import org.almasim.simulator.faults.FaultRule;
import org.eclipse.jetty.ee10.servlet.ServletApiResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextResponse;

/**
 * Applies the fault rules to Alma's API: before a request is carried out (every fault but DROP_AFTER), and after it
 * (DROP_AFTER closes the connection before the answer is written). Runs after the key and the thresholds are checked,
 * so a fault never hides an authorisation error.
 */
public final class FaultGate {
    /** The rule applied to the request, for the journal. */
    public static final String RULE = "almasim.fault.rule";

    private static final String DROP_AFTER = "almasim.fault.dropAfter";

    private static final String JOB_FAULT = "almasim.fault.job";

    private static final Map<Integer, String> GATEWAY_PAGES = Map.of(
            502, "Bad Gateway",
            503, "Service Temporarily Unavailable",
            504, "Gateway Time-out");

    static final int MAX_SLOWED = 32;

    private final FaultInjector faults;
    private final Semaphore slowed = new Semaphore(MAX_SLOWED);

    public FaultGate(FaultInjector faults) {
        this.faults = faults;
    }

    public void before(Context ctx) throws InterruptedException {
        var injected = faults.draw(ctx.method().name(), ctx.path(), Optional.ofNullable(ctx.queryParam("op")));
        if (injected.isEmpty()) {
            return;
        }
        ctx.attribute(RULE, injected.get().ruleId());
        var rule = injected.get().rule();
        switch (rule.fault()) {
            case PER_SECOND_THRESHOLD -> throw AlmaError.PER_SECOND_THRESHOLD.refusal();
            case DAILY_THRESHOLD -> throw AlmaError.DAILY_THRESHOLD.refusal();
            case HTTP_500 -> throw AlmaError.GENERAL_ERROR.refusal();
            case HTTP_502 -> gatewayPage(ctx, 502);
            case HTTP_503 -> gatewayPage(ctx, 503);
            case HTTP_504 -> gatewayPage(ctx, 504);
            case DROP_BEFORE -> {
                ctx.skipRemainingHandlers();
                closeConnection(ctx);
            }
            case DROP_AFTER -> ctx.attribute(DROP_AFTER, true);
            case SLOW -> slow(rule.delayMillis().orElse(0));
            case DELETE_REFUSED ->
                throw AlmaError.USER_NOT_DELETED.refusal(
                        ctx.pathParamMap().getOrDefault("user_id", ""),
                        "primary_id",
                        "Fault " + injected.get().ruleId() + " injected by almasim.");
            case JOB_FAILED, JOB_STUCK -> ctx.attribute(JOB_FAULT, rule);
        }
    }

    /**
     * A slowed request holds a server thread while it waits, so only {@value #MAX_SLOWED} wait at once; the rest are
     * answered at once, and health and the control plane, which are never slowed, always have threads left.
     */
    private void slow(int millis) {
        if (!slowed.tryAcquire()) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException stopping) {
            // The server is stopping: the request is answered as it is.
            Thread.currentThread().interrupt();
        } finally {
            slowed.release();
        }
    }

    /** The job fault (JOB_FAILED, JOB_STUCK) drawn for this request to start a job, if any. */
    public static Optional<FaultRule> jobFault(Context ctx) {
        return Optional.ofNullable(ctx.attribute(JOB_FAULT));
    }

    public void after(Context ctx) {
        if (Boolean.TRUE.equals(ctx.attribute(DROP_AFTER))) {
            closeConnection(ctx);
        }
    }

    /** What Alma's load balancers answer when Alma is unreachable: an HTML page, not Alma's error body. */
    private static void gatewayPage(Context ctx, int status) {
        String title = status + " " + GATEWAY_PAGES.get(status);
        ctx.skipRemainingHandlers();
        ctx.status(status)
                .contentType("text/html")
                .result("<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1></body></html>");
    }

    /** Closes the client's connection at once, as a network failure would: the client reads no answer. */
    private static void closeConnection(Context ctx) {
        if (ctx.res() instanceof ServletApiResponse api
                && api.getResponse() instanceof ServletContextResponse response) {
            response.getRequest()
                    .getConnectionMetaData()
                    .getConnection()
                    .getEndPoint()
                    .close();
        } else {
            throw new IllegalStateException(
                    "Cannot reach the connection to drop it: " + ctx.res().getClass());
        }
    }
}

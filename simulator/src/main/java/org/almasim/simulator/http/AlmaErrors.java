package org.almasim.simulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.jooq.exception.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become Alma's error envelope, in the format the client asked for. */
public final class AlmaErrors {
    private static final Logger LOG = LoggerFactory.getLogger(AlmaErrors.class);

    private AlmaErrors() {}

    public static void register(JavalinConfig config) {
        config.routes.exception(AlmaRefusal.class, (e, ctx) -> render(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            switch (e.getStatus()) {
                case 413 ->
                    render(ctx, AlmaError.NO_VALID_XML.refusal("The request body is larger than the allowed maximum."));
                case 404 -> render(ctx, AlmaError.NO_API.refusal(ctx.method(), ctx.path()));
                case 405 -> render(ctx, AlmaError.METHOD_NOT_ALLOWED.refusal(ctx.method(), ctx.path()));
                // Jetty's and Javalin's own answers, which no Alma error stands for: their status and words, in Alma's
                // envelope.
                default ->
                    render(ctx, AlmaRefusal.relayed(e.getStatus(), String.valueOf(e.getStatus()), e.getMessage()));
            }
        });
        // A value the checks before the database let through and a column cannot hold: the write's transaction has
        // rolled
        // back, so the request is refused like any other and nothing changed.
        config.routes.exception(DataException.class, (e, ctx) -> {
            LOG.warn("A value did not fit the database on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            render(ctx, AlmaError.PARAMETER_NOT_VALID.refusal("A value is too long or too large to be stored."));
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            render(ctx, AlmaError.GENERAL_ERROR.refusal());
        });
    }

    /** The request attribute holding the Alma error code an answer carried (the request journal reads it). */
    public static final String ERROR_CODE = "almasim.error-code";

    public static void render(Context ctx, AlmaRefusal refusal) {
        ctx.attribute(ERROR_CODE, refusal.code());
        AlmaHttp.render(ctx, refusal.status(), envelope(refusal.code(), refusal.getMessage()));
    }

    public static ErrorEnvelope envelope(String code, String message) {
        String trackingId = "E01-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                        .toUpperCase();
        return new ErrorEnvelope(true, new ErrorList(List.of(new Error(code, message, trackingId))));
    }

    @JsonRootName(value = "web_service_result", namespace = AlmaFormats.ERROR_NAMESPACE)
    @JsonPropertyOrder({"errorsExist", "errorList", "result"})
    public record ErrorEnvelope(
            @JsonProperty("errorsExist") boolean errorsExist,
            @JsonProperty("errorList") ErrorList errorList) {
        /** Alma always sends {@code "result": null}; the XML form leaves it out. */
        @JsonProperty(value = "result")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public Object result() {
            return null;
        }
    }

    public record ErrorList(@JsonProperty("error") List<Error> error) {}

    @JsonPropertyOrder({"errorCode", "errorMessage", "trackingId"})
    public record Error(
            @JsonProperty("errorCode") String errorCode,
            @JsonProperty("errorMessage") String errorMessage,
            @JsonProperty("trackingId") String trackingId) {}
}

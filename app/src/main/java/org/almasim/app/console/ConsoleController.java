package org.almasim.app.console;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.policy.Policy;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.store.Page;

/**
 * HTTP for the console's control plane, {@code /almasim/v1/console/...} (JSON), and the one place its routes are
 * declared. The simulator adds them to its own control plane: {@code Simulator.create(config, new TrainerConsole())}.
 */
public final class ConsoleController {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final Consoles consoles;

    ConsoleController(Consoles consoles) {
        this.consoles = consoles;
    }

    /** The console's routes for a simulator, relative to {@code /almasim/v1}. */
    public static EndpointGroup routes(Simulator simulator) {
        ConsoleController console = new ConsoleController(new Consoles(simulator));
        return () -> path("console", () -> {
            get(console::overview);
            post("clock/advance", console::advance);
            path("policies/{policy}", () -> {
                post("preview", console::preview);
                get("preview/decisions", console::decisions);
                post("schedule", console::schedule);
                post("runs", console::startRun);
            });
            get("patrons/{user_id}/verdicts", console::verdicts);
            get("runs/{run_id}", console::run);
            get("runs/{run_id}/report", console::report);
            post("scenarios/{scenario}", console::loadScenario);
            post("scenario/step", console::step);
            get("history", console::history);
        });
    }

    void overview(Context ctx) {
        json(ctx, console(ctx).overview());
    }

    void advance(Context ctx) {
        String by = body(ctx).path("by").asText("");
        ClockStep step;
        try {
            step = ClockStep.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("by must be day, week, month or year, got '" + by + "'.");
        }
        json(ctx, consoles.advance(institution(ctx), step));
    }

    void preview(Context ctx) {
        json(ctx, console(ctx).preview(ctx.pathParam("policy")));
    }

    void decisions(Context ctx) {
        Optional<Decision.Action> action = Optional.ofNullable(Params.text(ctx, "action"))
                .map(a -> {
                    try {
                        return Decision.Action.valueOf(a.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(
                                "action must be one of " + EnumSet.allOf(Decision.Action.class) + ", got '" + a + "'.");
                    }
                });
        Page page = Params.page(ctx);
        json(ctx, console(ctx).decisions(action, page.offset(), page.limit()));
    }

    void schedule(Context ctx) {
        JsonNode body = body(ctx);
        if (!body.path("scheduled").isBoolean()) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("scheduled must be true or false.");
        }
        json(
                ctx,
                console(ctx)
                        .schedule(
                                ctx.pathParam("policy"), body.path("scheduled").asBoolean()));
    }

    void startRun(Context ctx) {
        JsonNode body = body(ctx);
        Set<Policy.Stage> stages = EnumSet.noneOf(Policy.Stage.class);
        for (JsonNode stage : body.path("stages")) {
            try {
                stages.add(Policy.Stage.valueOf(stage.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "stages are fixups, inactive and purge, got '" + stage.asText() + "'.");
            }
        }
        String given = body.path("mode").asText("job");
        PolicyRun.Mode mode;
        try {
            mode = PolicyRun.Mode.parse(given);
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("mode must be job or per_user, got '" + given + "'.");
        }
        ctx.status(202);
        write(ctx, console(ctx).startRun(ctx.pathParam("policy"), stages, mode));
    }

    void verdicts(Context ctx) {
        json(ctx, Map.of("verdict", console(ctx).verdicts(ctx.pathParam("user_id"))));
    }

    void run(Context ctx) {
        json(ctx, console(ctx).run(ctx.pathParam("run_id")));
    }

    void report(Context ctx) {
        String format =
                Optional.ofNullable(Params.text(ctx, "format")).orElse("json").toLowerCase(Locale.ROOT);
        String body = console(ctx).report(ctx.pathParam("run_id"), format);
        String type = switch (format) {
            case "csv" -> "text/csv";
            case "text" -> "text/plain";
            default -> "application/json";
        };
        ctx.contentType(type + ";charset=utf-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"run-" + ctx.pathParam("run_id") + "."
                                + (format.equals("text") ? "txt" : format) + "\"")
                .result(body);
    }

    void loadScenario(Context ctx) {
        json(ctx, consoles.loadScenario(institution(ctx), ctx.pathParam("scenario")));
    }

    void step(Context ctx) {
        json(ctx, consoles.step(institution(ctx)));
    }

    void history(Context ctx) {
        json(ctx, console(ctx).history());
    }

    /** The console of the institution the request's key opens: each member of a consortium has its own. */
    private Console console(Context ctx) {
        return consoles.of(institution(ctx));
    }

    private static String institution(Context ctx) {
        return ApiGate.owner(ctx).map(ApiGate.KeyOwner::code).orElse(Institution.DEFAULT_CODE);
    }

    private static JsonNode body(Context ctx) {
        return ctx.bodyAsBytes().length == 0
                ? JSON.createObjectNode()
                : AlmaFormats.readTree(ctx.bodyAsBytes(), AlmaFormats.BodyFormat.JSON);
    }

    private static void json(Context ctx, Object value) {
        ctx.status(200);
        write(ctx, value);
    }

    private static void write(Context ctx, Object value) {
        try {
            ctx.contentType("application/json;charset=utf-8").result(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.almasim.simulator.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.users.DeletedUsers;
import org.jooq.DSLContext;

/** The control plane under {@code /almasim/v1}: what Alma's API cannot do (move the clock, reset, load a population). */
public final class AdminController {
    private final SimulatedClock clock;
    private final Runnable reset;
    private final PopulationService population;
    private final DSLContext dsl;
    private final InstitutionSettings settings;
    private final boolean developmentKeyOnly;

    public AdminController(
            SimulatedClock clock,
            Runnable reset,
            PopulationService population,
            DSLContext dsl,
            CodeTables codes,
            InstitutionSettings settings,
            boolean developmentKeyOnly) {
        this.developmentKeyOnly = developmentKeyOnly;
        this.clock = clock;
        this.reset = reset;
        this.population = population;
        this.dsl = dsl;
        this.settings = settings;
    }

    public void getSettings(Context ctx) {
        AlmaHttp.json(ctx, settings.all());
    }

    @SuppressWarnings("unchecked")
    public void updateSettings(Context ctx) {
        JsonNode body = AlmaFormats.readTree(ctx.bodyAsBytes(), BodyFormat.JSON);
        if (!body.isObject()) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "The body must be an object of settings, for example {\"research_enabled\":true}.");
        }
        AlmaHttp.json(ctx, settings.update(AlmaFormats.JSON.convertValue(body, Map.class)));
    }

    public record Today(@JsonProperty("today") String today) {}

    public void getClock(Context ctx) {
        AlmaHttp.json(ctx, today());
    }

    public void setClock(Context ctx) {
        JsonNode body = AlmaFormats.readTree(ctx.bodyAsBytes(), BodyFormat.JSON);
        clock.set(date(body.path("today").asText(null)));
        AlmaHttp.json(ctx, today());
    }

    public void advanceClock(Context ctx) {
        JsonNode body = AlmaFormats.readTree(ctx.bodyAsBytes(), BodyFormat.JSON);
        String text = body.path("period").asText(null);
        if (text == null) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "The body must name a period, for example {\"period\":\"P7D\"}.");
        }
        try {
            Period period = Period.parse(text);
            if (period.isNegative()) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal(
                        "The clock only moves forward; use PUT " + AlmaLinks.CONTROL_PLANE + "/clock to set any date.");
            }
            clock.advance(period);
        } catch (DateTimeParseException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "period must be an ISO-8601 period such as P7D, P1M or P3Y, got '" + text + "'.");
        }
        AlmaHttp.json(ctx, today());
    }

    public void reset(Context ctx) {
        reset.run();
        AlmaHttp.json(ctx, Map.of("reset", true, "today", clock.today().toString()));
    }

    /**
     * Open to all: a supervisor or a test waits on it without a key. It says whether the public development key is the
     * only key, so the trainer console can offer it; any other key is never named.
     */
    public void health(Context ctx) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("today", clock.today().toString());
        health.put("development_key_only", developmentKeyOnly);
        if (developmentKeyOnly) {
            health.put("development_key", ApiKeys.DEVELOPMENT_KEY);
        }
        AlmaHttp.json(ctx, health);
    }

    public void deletedUserStatistics(Context ctx) {
        AlmaHttp.json(ctx, new DeletedUsers(dsl).statistics());
    }

    public void deletedUsers(Context ctx) {
        AlmaHttp.json(ctx, new DeletedUsers(dsl).list(Params.page(ctx)));
    }

    public void digest(Context ctx) {
        AlmaHttp.json(ctx, StateDigest.of(dsl));
    }

    public void loadPopulation(Context ctx) {
        AlmaHttp.json(ctx, population.load(ctx.bodyAsBytes(), ctx.header("Content-Type")));
    }

    private Today today() {
        return new Today(clock.today().toString());
    }

    private static LocalDate date(String text) {
        if (text == null) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "The body must name a date, for example {\"today\":\"2024-08-01\"}.");
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("today must be a date YYYY-MM-DD, got '" + text + "'.");
        }
    }
}

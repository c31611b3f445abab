package org.almasim.simulator.institutions;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.jobs.JobInstance;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.population.Population.Loaded;

/**
 * {@code /almasim/v1/institutions}: the consortium's member institutions. Any read-write key may add one (the control
 * plane is the harness, not a library's data); the list never shows keys, so a read-only key learns no other's.
 */
public final class InstitutionController {
    /** An institution as the list shows it. */
    public record Listed(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("default") boolean isDefault) {}

    /** What {@code POST} asks for; a population is loaded into the new institution before it is answered. */
    public record Request(String code, String name, List<String> apiKeys, Optional<String> population, long seed) {}

    /** The new institution with its keys (the one answer that names them) and what was loaded. */
    public record Added(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("api_keys") List<String> apiKeys,
            @JsonProperty("loaded") Optional<Loaded> loaded) {}

    /**
     * One institution at a glance, for the consortium's overview: counts only, never a patron. {@code development_key}
     * is given only when the institution's one key is its public development key, so a console can switch to it.
     */
    public record Overview(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("default") boolean isDefault,
            @JsonProperty("patrons") int patrons,
            @JsonProperty("patrons_by_status") Map<String, Integer> patronsByStatus,
            @JsonProperty("job_runs") int jobRuns,
            @JsonProperty("last_job_run") Optional<JobInstance> lastJobRun,
            @JsonProperty("development_key") Optional<String> developmentKey) {}

    /** The simulator's institutions, as this controller needs them. */
    public interface Registry {
        List<Listed> list();

        List<Overview> overview();

        /** Adds an institution; an IllegalArgumentException says why one cannot be (its code or a key in use). */
        Added add(Request request);
    }

    private final Registry registry;

    public InstitutionController(Registry registry) {
        this.registry = registry;
    }

    public void list(Context ctx) {
        AlmaHttp.json(ctx, registry.list());
    }

    /** {@code GET /almasim/v1/institutions/overview}: patrons by status and job runs, member by member. */
    public void overview(Context ctx) {
        AlmaHttp.json(ctx, Map.of("institution", registry.overview()));
    }

    public void add(Context ctx) {
        JsonNode body = AlmaFormats.readTree(ctx.bodyAsBytes(), BodyFormat.JSON);
        if (!body.isObject() || !body.path("code").isTextual()) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("The body must name the institution's code, for example"
                    + " {\"code\":\"01FALSC_FSU\",\"name\":\"Florida State\",\"population\":\"demo\"}.");
        }
        List<String> keys = new ArrayList<>();
        body.path("api_keys").forEach(key -> keys.add(key.asText()));
        Optional<String> population =
                Optional.ofNullable(body.path("population").asText(null)).filter(p -> !p.isBlank());
        if (population.isPresent()
                && !population.get().equals("demo")
                && !population.get().startsWith("synthetic:")) {
            // A file path would let any key read files of the machine the simulator runs on.
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "population must be demo or synthetic:N here; load a document with POST " + AlmaLinks.CONTROL_PLANE
                            + "/population.");
        }
        try {
            AlmaHttp.json(
                    ctx,
                    registry.add(new Request(
                            body.path("code").asText(),
                            body.path("name").asText(null),
                            keys,
                            population,
                            body.path("seed").asLong(42))));
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(e.getMessage() + ".");
        }
    }
}

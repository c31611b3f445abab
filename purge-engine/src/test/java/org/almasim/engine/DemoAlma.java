package org.almasim.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;

/** A simulator on a free port on FLVC's 2024 run date, optionally holding the demo patrons, and the engine's client to it. */
public final class DemoAlma implements AutoCloseable {
    public static final LocalDate FLVC_2024 = LocalDate.of(2024, 8, 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final Simulator sim;
    public final AlmaClient alma;
    public final ControlPlane control;

    private DemoAlma(boolean demo) {
        sim = Simulator.create(SimulatorConfig.defaults().withToday(FLVC_2024)).start(0);
        if (demo) {
            sim.load(PopulationService.demo());
        }
        alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
        control = ControlPlane.at(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
    }

    public static DemoAlma withDemoPatrons() {
        return new DemoAlma(true);
    }

    public static DemoAlma empty() {
        return new DemoAlma(false);
    }

    /** Empties the simulator and puts the clock back on the demo's day. */
    public void reset() {
        sim.reset();
        sim.clock().set(FLVC_2024);
    }

    /** Loads a population document (YAML) through the control plane, as any client would. */
    public void loadPopulation(String yaml) {
        control.loadPopulation(yaml);
    }

    /** An itemized set of users with these primary ids; answers its id. */
    public String itemizedSet(String name, List<String> members) {
        return new AlmaSets(alma).itemized(name, members);
    }

    /**
     * OhioNet's logical sets, which the shipped {@code opal-lifecycle} policy's weekly and monthly stages run on
     * ({@code candidates_set}): a library running that policy holds them.
     */
    public void opalCandidateSets() {
        opalCandidateSets(alma);
    }

    public static void opalCandidateSets(AlmaClient alma) {
        logicalSet(alma, "OPAL expired a week", "expiry_date on_or_before today-7d and status = ACTIVE");
        logicalSet(alma, "OPAL expired three years", "expiry_date before today-3y");
    }

    /** A logical set of users with this query in almasim's set grammar (docs/sets.md); answers its id. */
    public static String logicalSet(AlmaClient alma, String name, String query) {
        ObjectNode set = JSON.createObjectNode().put("name", name);
        set.putObject("type").put("value", "LOGICAL");
        set.putObject("content").put("value", "USER");
        set.putObject("query").put("value", query);
        return alma.post("/almaws/v1/conf/sets", Map.of(), set).path("id").asText();
    }

    /** Starts Alma's job on a set and answers the instance's path, without waiting for it. */
    public String startJob(String jobId, String setId) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode parameter = body.putArray("parameter").addObject();
        parameter.putObject("name").put("value", "set_id");
        parameter.put("value", setId);
        String link = alma.post("/almaws/v1/conf/jobs/" + jobId, Map.of("op", "run"), body)
                .path("additional_info")
                .path("link")
                .asText();
        return link.substring(link.indexOf("/almaws"));
    }

    public String jobStatus(String instancePath) {
        return alma.get(instancePath, Map.of()).path("status").path("value").asText();
    }

    public boolean exists(String primaryId) {
        return new AlmaUsers(alma).find(primaryId, Map.of()).isPresent();
    }

    @Override
    public void close() {
        sim.close();
    }
}

package org.almasim.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.almasim.app.console.TrainerConsole;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.scenarios.scenario.ScenarioReader;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.http.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code almasim demo}: the FLVC and OPAL stories told end to end, each on a simulator of its own (their policies would
 * act on each other's patrons in one library), then both left running with their final state for exploration.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Play the FLVC 2022-2024 and OPAL four-year scenarios with narration, then leave both simulators "
                + "running (FLVC's on --port, OPAL's on the next port) until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> STORIES = List.of("flvc-2022-2024", "opal-four-years");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Option(
            names = "--port",
            description =
                    "FLVC's simulator's port; OPAL's is the next one (0 picks free ones). Default: ${DEFAULT-VALUE}.",
            defaultValue = "8080")
    int port;

    @Option(names = "--no-serve", description = "Stop after the story; exit 1 if an expectation of it did not hold.")
    boolean noServe;

    @Override
    public Integer call() throws InterruptedException {
        System.out.println("""
                almasim demo: two consortia's patron purge workflows, played on a simulated Alma through its REST API.
                Every patron's primary id names the rule it is there to show; each step says what happened to whom and why.
                """);
        List<Simulator> running = new ArrayList<>();
        boolean held = true;
        for (int i = 0; i < STORIES.size(); i++) {
            ScenarioReader.Loaded story = ScenarioReader.load(STORIES.get(i));
            Simulator simulator = Simulator.create(
                            Simulator.Config.defaults()
                                    .withToday(story.scenario().start()),
                            new TrainerConsole())
                    .start(noServe || port == 0 ? 0 : port + i);
            AlmaClient alma = new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            held &= playThroughConsole(alma, STORIES.get(i));
            // The console goes on with the story: its policies stay on their schedules as the clock moves on.
            story.scenario().policyNames().stream()
                    .filter(PolicyReader.SHIPPED::contains)
                    .forEach(name -> alma.post(
                            "/almasim/v1/console/policies/" + name + "/schedule",
                            Map.of(),
                            JSON.objectNode().put("scheduled", true)));
            System.out.println();
            if (noServe) {
                simulator.close();
            } else {
                running.add(simulator);
            }
        }
        if (noServe) {
            return held ? 0 : 1;
        }
        System.out.println("Both libraries are still running, as the stories left them:");
        for (int i = 0; i < running.size(); i++) {
            System.out.printf(
                    "  %-16s %s/almaws/v1 (simulated today %s); trainer console: %s/%n",
                    STORIES.get(i),
                    running.get(i).baseUrl(),
                    running.get(i).clock().today(),
                    running.get(i).baseUrl());
        }
        System.out.printf("""

                Try:
                  curl -H 'Authorization: apikey %1$s' -H 'Accept: application/json' '%2$s/almaws/v1/users/no-dates'
                  ./almasim policy preview --policy flvc-annual --alma-url %2$s --api-key %1$s --as-of 2024-08-01

                Press Ctrl-C to stop.
                """, ApiKeys.DEVELOPMENT_KEY, running.get(0).baseUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(Simulator::close);
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /**
     * Tells the story step by step through the library's trainer console, as a trainer would, so that the console
     * keeps the story's runs and its patrons' history for its charts. Answers whether every expectation held.
     */
    private static boolean playThroughConsole(AlmaClient alma, String story) {
        JsonNode outcome = alma.post("/almasim/v1/console/scenarios/" + story, Map.of(), null);
        boolean held = tell(outcome);
        while (!outcome.path("scenario").path("finished").asBoolean()) {
            outcome = alma.post("/almasim/v1/console/scenario/step", Map.of(), null);
            held &= tell(outcome);
        }
        return held;
    }

    private static boolean tell(JsonNode outcome) {
        outcome.path("narration").forEach(line -> System.out.println(line.asText()));
        return outcome.path("failures").isEmpty();
    }
}

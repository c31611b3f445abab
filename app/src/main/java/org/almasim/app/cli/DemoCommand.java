package org.almasim.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.almasim.app.console.TrainerConsole;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.consortium.Consortium;
import org.almasim.engine.consortium.ConsortiumReport;
import org.almasim.engine.consortium.ConsortiumRun;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.report.ConsortiumFormat;
import org.almasim.scenarios.scenario.ScenarioReader;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code almasim demo}: the FLVC and OPAL stories told end to end, each on a simulator of its own (their policies would
 * act on each other's patrons in one library), then FLVC's purge as the consortium runs it in four member institutions;
 * all three left running with their final state for exploration.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Play the FLVC 2022-2024 and OPAL four-year scenarios with narration, then FLVC's purge in four"
                + " member colleges with the consortium's report, and leave the three simulators running (FLVC's on"
                + " --port, OPAL's on the next port, the consortium's on the one after) until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    static final List<String> STORIES = List.of("flvc-2022-2024", "opal-four-years");
    /** Told after the two libraries' stories: the FLVC purge as the consortium runs it, member by member. */
    static final String CONSORTIUM_STORY = "flvc-consortium";

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
                            SimulatorConfig.defaults()
                                    .withToday(story.scenario().start()),
                            new TrainerConsole())
                    .start(noServe || port == 0 ? 0 : port + i);
            ControlPlane.TrainerConsole console = ControlPlane.at(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY)
                    .console();
            held &= playThroughConsole(console, STORIES.get(i));
            // The console goes on with the story: its policies stay on their schedules as the clock moves on.
            story.scenario().policyNames().stream()
                    .filter(PolicyReader.SHIPPED::contains)
                    .forEach(name -> console.schedule(name, true));
            System.out.println();
            if (noServe) {
                simulator.close();
            } else {
                running.add(simulator);
            }
        }
        // Told through the console too: its Consortium tab lists the members, and each member's charts show its runs.
        Simulator consortium = Simulator.create(
                        SimulatorConfig.defaults()
                                .withToday(ScenarioReader.load(CONSORTIUM_STORY)
                                        .scenario()
                                        .start()),
                        new TrainerConsole())
                .start(noServe || port == 0 ? 0 : port + STORIES.size());
        held &= tellTheConsortium(consortium);
        if (noServe) {
            consortium.close();
            return held ? 0 : 1;
        }
        running.add(consortium);
        System.out.println("FLVC's and OPAL's libraries and the consortium of four colleges are still running, as the"
                + " stories left them:");
        for (int i = 0; i < running.size(); i++) {
            System.out.printf(
                    "  %-16s %s%s (simulated today %s); trainer console: %s/%n",
                    i < STORIES.size() ? STORIES.get(i) : CONSORTIUM_STORY,
                    running.get(i).baseUrl(),
                    AlmaClient.API,
                    running.get(i).clock().today(),
                    running.get(i).baseUrl());
        }
        System.out.printf("""

                Try:
                  curl -H 'Authorization: apikey %1$s' -H 'Accept: application/json' '%2$s%4$s/users/no-dates'
                  ./almasim policy preview --policy flvc-annual --alma-url %2$s --api-key %1$s --as-of 2024-08-01
                  curl -H 'Authorization: apikey l8xx01falscucf' '%3$s%4$s/conf/general'   (a member's key: its institution)

                Press Ctrl-C to stop.
                """, ApiKeys.DEVELOPMENT_KEY, running.get(0).baseUrl(), consortium.baseUrl(), AlmaClient.API);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.forEach(Simulator::close);
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /**
     * FLVC's purge in four member colleges of one simulator, each an institution with its own key, narrated member by
     * member; then the engine's consortium preview of the next year, one line per member and the consortium's totals, as
     * {@code policy preview --consortium} prints it. Answers whether every expectation held and every member finished.
     */
    private static boolean tellTheConsortium(Simulator simulator) {
        ScenarioReader.Loaded story = ScenarioReader.load(CONSORTIUM_STORY);
        boolean held = playThroughConsole(
                ControlPlane.at(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY).console(), CONSORTIUM_STORY);
        // The consortium file the story stands for: each college's own exceptions, its key in a variable of its own.
        List<Consortium.Member> members = story.scenario().members().stream()
                .map(member -> member.asConsortiumMember(simulator.baseUrl(), member.code() + "_KEY"))
                .toList();
        Consortium flvc = new Consortium("FLVC", 2, null, members, null);
        Map<String, String> keys = new HashMap<>();
        members.forEach(m -> keys.put(m.apiKeyEnv(), ApiKeys.developmentKey(m.code())));
        var policy = PolicyReader.load("flvc-annual");
        var report = ConsortiumReport.ofPreviews(
                flvc,
                policy.name(),
                new ConsortiumRun(name -> Optional.ofNullable(keys.get(name)), AlmaClient::new)
                        .forEachMember(
                                flvc,
                                policy,
                                (member, memberAlma, memberPolicy) -> Preview.of(
                                        memberPolicy,
                                        memberAlma,
                                        simulator.clock().today(),
                                        30)));
        System.out.println();
        System.out.println("The consortium's preview as the story leaves it (./almasim policy preview --consortium FILE"
                + " --format csv prints the same; docs/consortium.md):");
        System.out.print(ConsortiumFormat.CSV.render(report, r -> ""));
        return held && report.stopped().isEmpty();
    }

    /**
     * Tells the story step by step through the library's trainer console, as a trainer would, so that the console
     * keeps the story's runs and its patrons' history for its charts. Answers whether every expectation held.
     */
    private static boolean playThroughConsole(ControlPlane.TrainerConsole console, String story) {
        JsonNode outcome = console.loadScenario(story);
        boolean held = tell(outcome);
        while (!outcome.path("scenario").path("finished").asBoolean()) {
            outcome = console.step();
            held &= tell(outcome);
        }
        return held;
    }

    private static boolean tell(JsonNode outcome) {
        outcome.path("narration").forEach(line -> System.out.println(line.asText()));
        return outcome.path("failures").isEmpty();
    }
}

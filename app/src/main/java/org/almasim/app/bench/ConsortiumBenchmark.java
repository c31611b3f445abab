package org.almasim.app.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.consortium.Consortium;
import org.almasim.engine.consortium.ConsortiumRun;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench consortium}: one simulator holding a whole consortium (FLVC has about 40 member institutions),
 * each member a generated population of its own; the start, the loading, the memory, then FLVC's shipped policy
 * previewed and run over every member through the engine's consortium path, as {@code policy preview|run --consortium}
 * does. Prints figures; asserts nothing.
 */
public final class ConsortiumBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;
    /** FLVC's consortium file says two members at once: the engine's default, and this machine's two cores. */
    private static final int MEMBERS_AT_ONCE = 2;

    private final int members;
    private final int patronsEach;
    private final String database;

    public ConsortiumBenchmark(int members, int patronsEach, String database) {
        this.members = members;
        this.patronsEach = patronsEach;
        this.database = database;
    }

    public void run(PrintStream out) {
        out.println(Machine.line());
        out.printf(
                "%d member institutions of %,d synthetic patrons each (%,d in all), database %s, FLVC's annual purge"
                        + " as of %s, %d members at once%n",
                members, patronsEach, (long) members * patronsEach, database, TODAY, MEMBERS_AT_ONCE);
        long started = System.nanoTime();
        SimulatorConfig config = SimulatorConfig.defaults()
                .withToday(TODAY)
                .withDatabase(database)
                .withMaxInstitutions(Math.max(SimulatorConfig.DEFAULT_MAX_INSTITUTIONS, members + 1));
        try (Simulator sim = Simulator.create(config).start(0)) {
            out.printf("  start: %,d ms to the first answer%s%n", millisSince(started), memory());
            List<Consortium.Member> consortiumMembers = new ArrayList<>();
            Map<String, String> keys = new HashMap<>();
            long loading = System.nanoTime();
            for (int i = 1; i <= members; i++) {
                String code = "01FLVC_M%02d".formatted(i);
                Institution member = sim.addInstitution(Institution.Spec.of(code));
                member.load(SyntheticPopulation.chunks(SEED + i, patronsEach, TODAY));
                keys.put(code + "_KEY", ApiKeys.developmentKey(code));
                consortiumMembers.add(
                        new Consortium.Member(code, null, sim.baseUrl(), code + "_KEY", null, null, null, null, null));
                if (i % 10 == 0 || i == members) {
                    out.printf(
                            "  loaded %d members (%,d patrons) in %.1f s%s%n",
                            i, (long) i * patronsEach, secondsSince(loading), memory());
                }
            }
            Consortium flvc = new Consortium("FLVC", MEMBERS_AT_ONCE, null, consortiumMembers, null);
            Policy policy = PolicyReader.load("flvc-annual");
            ConsortiumRun consortium = new ConsortiumRun(name -> Optional.ofNullable(keys.get(name)), AlmaClient::new);

            long previewing = System.nanoTime();
            var previews = consortium.forEachMember(
                    flvc, policy, (member, alma, memberPolicy) -> Preview.of(memberPolicy, alma, TODAY, 30));
            double previewSeconds = secondsSince(previewing);
            out.printf(
                    "  preview of every member: %.1f s, %,d patrons read (%,.0f a second), %s; %s%s%n",
                    previewSeconds,
                    sum(previews, PreviewReport::patrons),
                    sum(previews, PreviewReport::patrons) / previewSeconds,
                    counts(previews),
                    stopped(previews),
                    memory());

            long running = System.nanoTime();
            var runs = consortium.forEachMember(
                    flvc,
                    policy,
                    (member, alma, memberPolicy) -> new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                            .run(memberPolicy, TODAY, PolicyRun.Mode.JOB));
            out.printf(
                    "  run of every member by the job path: %.1f s, %,d dates fixed, %,d sent to purge, %,d purged,"
                            + " %,d exceptions; %s%s%n",
                    secondsSince(running),
                    sum(runs, RunReport::datesFixed),
                    sum(runs, report -> report.purge().processed()),
                    sum(runs, report -> report.purge().done()),
                    sum(runs, report -> report.purge().exceptions().size()),
                    stopped(runs),
                    memory());
        }
    }

    private static <R> long sum(List<ConsortiumRun.MemberOutcome<R>> outcomes, Function<R, Integer> figure) {
        return outcomes.stream()
                .flatMap(outcome -> outcome.result().stream())
                .mapToLong(figure::apply)
                .sum();
    }

    private static String counts(List<ConsortiumRun.MemberOutcome<PreviewReport>> previews) {
        Map<String, Long> counts = new TreeMap<>();
        previews.stream()
                .flatMap(outcome -> outcome.result().stream())
                .forEach(report -> report.counts()
                        .forEach(
                                (action, count) -> counts.merge(action.name().toLowerCase(), (long) count, Long::sum)));
        return counts.toString();
    }

    private static <R> String stopped(List<ConsortiumRun.MemberOutcome<R>> outcomes) {
        List<String> stopped = outcomes.stream()
                .filter(outcome -> !outcome.finished())
                .map(outcome ->
                        outcome.member().code() + ": " + outcome.failure().orElse(""))
                .toList();
        return stopped.isEmpty() ? "every member finished" : stopped.size() + " stopped " + stopped;
    }

    /** The heap in use after a collection, and the process's resident memory. */
    private static String memory() {
        return String.format(
                " (heap %,d MB, resident %s)", Machine.heapInUse() / (1024 * 1024), Machine.residentMemory());
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

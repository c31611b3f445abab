package org.almasim.engine.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.PropertyRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A run interrupted at any point and run again ends where an uninterrupted run ends. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptedRunPropertyTest {
    private static final LocalDate TODAY = DemoAlma.FLVC_2024;
    private static final int CASES = Integer.getInteger("almasim.engine.cases", 12);
    private static final Policy POLICY = RunPolicies.EVERY_STAGE;

    private final DemoAlma demo = DemoAlma.empty();
    private final AlmaClient alma = demo.alma;

    @AfterAll
    void stop() {
        demo.close();
    }

    /** A population, the step after which the first run is cut off, and the path the runs take. */
    record Case(long seed, int size, long interruptAfter, PolicyRun.Mode mode) {}

    /** Progress that cuts the run off, as a killed process would, after a number of steps. */
    private static final class Interruption implements ProgressListener {
        private final long after;
        private final AtomicLong steps = new AtomicLong();

        Interruption(long after) {
            this.after = after;
        }

        @Override
        public void stage(String name, long total) {
            check(1);
        }

        @Override
        public void done(long count) {
            check(count);
        }

        private void check(long count) {
            if (steps.addAndGet(count) > after) {
                throw new IllegalStateException("interrupted");
            }
        }
    }

    @Test
    void aRerunAfterAnInterruptionAtAnyPointEndsLikeAnUninterruptedRun() {
        PropertyRunner.check(
                "a run interrupted at any point and run again ends in the state of an uninterrupted run",
                CASES,
                (random, i) -> new Case(
                        random.nextLong(),
                        20 + random.nextInt(40),
                        random.nextInt(120),
                        random.nextBoolean() ? PolicyRun.Mode.JOB : PolicyRun.Mode.PER_USER),
                this::sameEnd,
                c -> c.interruptAfter() <= 0
                        ? List.of()
                        : List.of(new Case(c.seed(), c.size(), c.interruptAfter() / 2, c.mode())));
    }

    private Optional<String> sameEnd(Case c) {
        load(c);
        new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE).run(POLICY, TODAY, c.mode());
        List<JsonNode> expected = users();

        load(c);
        try {
            new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, new Interruption(c.interruptAfter()))
                    .run(POLICY, TODAY, c.mode());
        } catch (IllegalStateException interrupted) {
            // Cut off part-way: what matters is what the next run makes of it.
        }
        new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE).run(POLICY, TODAY, c.mode());
        List<JsonNode> actual = users();
        return actual.equals(expected)
                ? Optional.empty()
                : Optional.of(expected.size() + " users after an uninterrupted run, " + actual.size()
                        + " after the interrupted one and its rerun");
    }

    private void load(Case c) {
        demo.reset();
        demo.sim.load(SyntheticPopulation.chunk(c.seed(), 0, c.size(), TODAY));
    }

    private List<JsonNode> users() {
        List<JsonNode> users = new ArrayList<>();
        new AlmaUsers(alma).matching(null).forEachRemaining(users::add);
        return users;
    }
}

package org.almasim.app.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench policy}: a purge policy previewed and run through the REST API over a synthetic population,
 * by the job path and by the per-user path, each on a freshly loaded population. Prints figures; asserts nothing.
 */
public final class PolicyBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;
    private static final Policy POLICY = PolicyReader.read("""
            name: benchmark purge
            fixups:
              copy_expiry_to_empty_purge_date: true
            purge:
              cutoff_rule: july_1_previous_year
            safety:
              allow_everyone: true
              allow_nobody: true
            """.getBytes(StandardCharsets.UTF_8), "benchmark");

    private final int patrons;

    public PolicyBenchmark(int patrons) {
        this.patrons = patrons;
    }

    /** Two rounds ({@link JvmRounds}), each path on a freshly loaded population. */
    public void run(PrintStream out) {
        out.println(Machine.line());
        out.printf("%,d synthetic patrons (seed %d), as of %s%n", patrons, SEED, TODAY);
        JvmRounds.play(out, () -> {
            for (PolicyRun.Mode mode : PolicyRun.Mode.values()) {
                measure(mode, out);
            }
        });
    }

    private void measure(PolicyRun.Mode mode, PrintStream out) {
        try (Simulator sim =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            sim.load(SyntheticPopulation.chunks(SEED, patrons, TODAY));
            AlmaClient alma = new AlmaClient(sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            long started = System.nanoTime();
            PreviewReport preview = Preview.of(POLICY, alma, TODAY, 30);
            double previewSeconds = (System.nanoTime() - started) / 1e9;
            if (mode == PolicyRun.Mode.JOB) {
                out.printf(
                        "  preview: %,d patrons in %.1f s (%s)%n", preview.patrons(), previewSeconds, preview.counts());
            }
            StageTimes stages = new StageTimes();
            started = System.nanoTime();
            RunReport report = new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, stages).run(POLICY, TODAY, mode);
            double runSeconds = (System.nanoTime() - started) / 1e9;
            out.printf(
                    "  run by the %s path: %.1f s (%s): %,d dates fixed, %,d sent to purge, %,d purged, %,d exceptions, "
                            + "%d differences%n",
                    mode.name().toLowerCase().replace('_', '-'),
                    runSeconds,
                    stages.summary(started),
                    report.datesFixed(),
                    report.purge().processed(),
                    report.purge().done(),
                    report.purge().exceptions().size(),
                    report.differences().size());
        }
    }

    /** When each stage of a run began, to say where its time went: the plan comes first, before any stage is named. */
    private static final class StageTimes implements ProgressListener {
        private record Stage(String name, long started) {}

        private final List<Stage> stages = new ArrayList<>();

        @Override
        public synchronized void stage(String name, long total) {
            stages.add(new Stage(name, System.nanoTime()));
        }

        @Override
        public void done(long count) {}

        synchronized String summary(long runStarted) {
            long end = System.nanoTime();
            long planEnd = stages.isEmpty() ? end : stages.get(0).started();
            StringBuilder out = new StringBuilder(String.format("plan %.1f s", (planEnd - runStarted) / 1e9));
            for (int i = 0; i < stages.size(); i++) {
                long stageEnd = i + 1 < stages.size() ? stages.get(i + 1).started() : end;
                out.append(String.format(
                        ", %s %.1f s",
                        stages.get(i).name(), (stageEnd - stages.get(i).started()) / 1e9));
            }
            return out.toString();
        }
    }
}

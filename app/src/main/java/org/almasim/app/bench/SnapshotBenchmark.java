package org.almasim.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench snapshot}: a synthetic library saved as a snapshot and put back into a fresh simulator (every
 * value checked, one transaction), beside its peer, loading the same population from scratch, which is what a test
 * without a snapshot does. Prints figures; asserts nothing.
 */
public final class SnapshotBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;

    private final int patrons;

    public SnapshotBenchmark(int patrons) {
        this.patrons = patrons;
    }

    public void run(PrintStream out) {
        out.println(Machine.line());
        out.printf(
                "%,d synthetic patrons (seed %d), heap %,d MB%n",
                patrons, SEED, Runtime.getRuntime().maxMemory() >> 20);
        JvmRounds.play(out, () -> round(out));
    }

    private void round(PrintStream out) {
        Path file;
        try {
            file = Files.createTempFile("almasim-bench", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Simulator saved = Simulator.create(SimulatorConfig.defaults().withToday(TODAY));
                Simulator fresh = Simulator.create(SimulatorConfig.defaults().withToday(TODAY))) {
            long started = System.nanoTime();
            saved.load(SyntheticPopulation.chunks(SEED, patrons, TODAY));
            double load = seconds(started);
            started = System.nanoTime();
            saved.exportTo(file);
            double export = seconds(started);
            started = System.nanoTime();
            fresh.importFrom(file);
            double importing = seconds(started);
            out.printf(
                    "  load from scratch (the peer): %.2f s; export: %.2f s (%,d KB); import into a fresh simulator:"
                            + " %.2f s%n",
                    load, export, Files.size(file) >> 10, importing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is the system's to clean.
            }
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

package org.almasim.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.almasim.control.ControlPlane;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench sis-load}: the synthetic library's users as a SIS file, synchronised over {@code POST
 * /almasim/v1/sis-load} into an empty almasim (every user created), then again (EXTERNAL users updated, INTERNAL ones
 * left); beside them, its peer: the same users loaded by population documents in the same run. Prints figures; asserts
 * nothing.
 */
public final class SisLoadBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);

    private final int patrons;

    public SisLoadBenchmark(int patrons) {
        this.patrons = patrons;
    }

    public void run(PrintStream out) {
        out.println(Machine.line());
        try {
            Path dir = Files.createTempDirectory("almasim-sis-load");
            Path file = dir.resolve("sis.xml.gz");
            try {
                FileImportBenchmark.writeExport(file, patrons);
                out.printf("a SIS file of %,d users: %,d KB gzipped%n", patrons, Files.size(file) >> 10);
                try (Simulator simulator = Simulator.create(
                                SimulatorConfig.defaults().withToday(TODAY))
                        .start(0)) {
                    ControlPlane control = ControlPlane.at(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
                    measure(out, "SIS load into an empty library", () -> control.sisLoad(file));
                    measure(out, "the same file again", () -> control.sisLoad(file));
                }
                try (Simulator simulator = Simulator.create(
                                SimulatorConfig.defaults().withToday(TODAY))
                        .start(0)) {
                    long started = System.nanoTime();
                    simulator.load(SyntheticPopulation.chunks(42, patrons, TODAY));
                    double took = (System.nanoTime() - started) / 1e9;
                    out.printf(
                            "peer, the same users (with their loans and fees) by population documents: %.1f s, %,.0f"
                                    + " users a second%n",
                            took, patrons / took);
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void measure(PrintStream out, String what, java.util.function.Supplier<JsonNode> load) {
        long started = System.nanoTime();
        JsonNode report = load.get();
        double took = (System.nanoTime() - started) / 1e9;
        out.printf(
                "%s: %.1f s, %,.0f users a second (%d created, %d updated, %d INTERNAL left, %d rejected)%n",
                what,
                took,
                patrons / took,
                report.path("created").asLong(),
                report.path("updated").asLong(),
                report.path("internal_left").asLong(),
                report.path("rejected").asLong());
    }
}

package org.almasim.app.bench;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.almasim.app.copy.CopyTarget;
import org.almasim.app.copy.FileCopy;
import org.almasim.engine.copy.CopyState;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench file-import}: synthetic patrons written as Alma's Export users file (version 2, gzipped), then
 * copied, anonymized, into a snapshot as {@code almasim import --from-file --out} does (the same copy and target), in
 * this JVM so that the heap's peak is the copy's. Prints figures; asserts nothing.
 */
public final class FileImportBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;

    private final int patrons;

    public FileImportBenchmark(int patrons) {
        this.patrons = patrons;
    }

    public void run(PrintStream out) {
        out.println(Machine.line());
        Path dir;
        try {
            dir = Files.createTempDirectory("almasim-file-import");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path file = dir.resolve("users.xml.gz");
            long started = System.nanoTime();
            write(file);
            out.printf(
                    "wrote %,d users as an export file in %.1f s (%,d KB gzipped)%n",
                    patrons, seconds(started), Files.size(file) >> 10);

            Machine.resetHeapPeaks();
            long before = Machine.heapInUse();
            started = System.nanoTime();
            CopyState done;
            try (CopyTarget target = new CopyTarget.Snapshot(dir.resolve("library.zip"), dir.resolve("work"))) {
                done = new FileCopy(
                                List.of(file),
                                Pseudonyms.fromFile(dir.resolve("salt")).pseudonyms(),
                                false,
                                target.loader(),
                                dir.resolve("copy.state.json"),
                                target.userCodes(),
                                progress -> {})
                        .copy(CopyState.start("bench", "export files", "", false));
                target.finish();
            }
            double took = seconds(started);
            out.printf(
                    "import --from-file --out (as the command does it): %,d users in %.1f s (%,.0f users a second); heap"
                            + " %d MB before, heap pools' peak %d MB; snapshot %,d KB%n",
                    done.users(),
                    took,
                    patrons / took,
                    before >> 20,
                    Machine.heapPoolsPeak() >> 20,
                    Files.exists(dir.resolve("library.zip")) ? Files.size(dir.resolve("library.zip")) >> 10 : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                out.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
    }

    private void write(Path file) throws IOException {
        writeExport(file, patrons);
    }

    /** The synthetic library's first {@code patrons} users (seed 42) as Alma's Export users file, gzipped. */
    static void writeExport(Path file, int patrons) throws IOException {
        try (Writer xml = new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8)) {
            xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<users>\n");
            for (int i = 0; i < patrons; i++) {
                String user = AlmaFormats.toXml(
                        SyntheticPopulation.patron(SEED, i, TODAY).user());
                xml.write(user.substring(user.indexOf("?>") + 2));
                xml.write('\n');
            }
            xml.write("</users>\n");
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}

package org.almasim.app.copy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import me.tongfei.progressbar.ProgressBar;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.copy.LibraryCopy;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.engine.copy.UserCodes;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;

/**
 * Where {@code almasim import} puts a copy: an almasim reached over HTTP, running already ({@code --into}) or started
 * by the command on this machine for a snapshot ({@code --out}); and the progress shown while the copy goes there.
 */
public abstract class CopyTarget implements AutoCloseable {
    private final ControlPlane control;
    private final AlmaClient alma;
    private ProgressBar bar;
    private int shown;
    private PrintWriter err;
    private long started;
    private int first;

    /** An almasim reached with a read-write key: its control plane loads the documents, its API tells its codes. */
    CopyTarget(String baseUrl, String key, AlmaClient alma) {
        this.control = ControlPlane.at(baseUrl, key);
        this.alma = alma;
    }

    public AlmaClient alma() {
        return alma;
    }

    public LibraryCopy.Target loader() {
        return control::loadPopulation;
    }

    /** The codes almasim has of each table a copied user's codes are in ({@link UserCodes#TABLES}). */
    public Map<String, Set<String>> userCodes() {
        Map<String, Set<String>> codes = new LinkedHashMap<>();
        UserCodes.TABLES.forEach(table -> codes.put(table, codes(table)));
        return codes;
    }

    /** The codes of one of the almasim's code tables, such as {@code UserGroups}. */
    public Set<String> codes(String table) {
        Set<String> codes = new TreeSet<>();
        alma().get(AlmaClient.API + "/conf/code-tables/" + table, Map.of())
                .path("row")
                .forEach(row -> codes.add(row.path("code").asText()));
        return codes;
    }

    /**
     * Puts a --blockers file's blockers on the copied users, and says how many of each kind; without the file, says what
     * the copy cannot know.
     */
    public void addBlockers(Optional<Path> file, Pseudonyms pseudonyms, boolean keepIds, PrintWriter err) {
        if (file.isEmpty()) {
            err.println("almasim: without --blockers, the copy holds none of what stops Alma deleting a user that its"
                    + " API does not show (PO lines, invoices, locked records...): on the copy Alma's job may purge"
                    + " patrons production's would refuse (docs/your-library.md)");
            return;
        }
        AlmaUsers copied = new AlmaUsers(alma());
        Map<String, Boolean> inCopy = new HashMap<>();
        BlockerCsv.Loaded loaded = new BlockerCsv(file.get())
                .load(
                        loader(),
                        pseudonyms,
                        id -> keepIds ? id : pseudonyms.primaryId(id),
                        // A patron with several blockers is looked up once.
                        id -> inCopy.computeIfAbsent(
                                id, copy -> copied.find(copy, Map.of()).isPresent()));
        err.printf(
                "Blockers: %s on %,d patrons%s%n",
                loaded.byKind().isEmpty() ? "none" : loaded.byKind().toString().replaceAll("[{}]", ""),
                loaded.patrons(),
                loaded.notInCopy() == 0 ? "" : "; " + loaded.notInCopy() + " rows name users not in the copy");
    }

    public void begin(int total, int copied, PrintWriter err) {
        this.err = err;
        this.started = System.nanoTime();
        this.first = copied;
        if (System.console() != null) {
            bar = new ProgressBar("Copying users", total);
            bar.stepTo(copied);
        }
        shown = copied;
    }

    public void progress(LibraryCopy.Progress progress) {
        if (bar != null) {
            bar.stepTo(progress.copied());
        } else if (progress.copied() - shown >= 1000 || progress.copied() == progress.total()) {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            double perSecond = (progress.copied() - first) / seconds;
            if (progress.total() < 0) {
                err.printf("copied %,d users, %.0f a second%n", progress.copied(), perSecond);
            } else {
                long left = perSecond <= 0 ? 0 : Math.round((progress.total() - progress.copied()) / perSecond);
                err.printf(
                        "copied %,d of %,d users (%,d calls), %.0f users a second, about %s left%n",
                        progress.copied(),
                        progress.total(),
                        progress.calls(),
                        perSecond,
                        readable(Duration.ofSeconds(left)));
            }
            err.flush();
            shown = progress.copied();
        }
    }

    /** A duration as a person reads it: {@code 1 h 20 min}, {@code 12 min}, {@code 40 s}. */
    public static String readable(Duration duration) {
        return duration.toHours() > 0
                ? duration.toHours() + " h " + duration.toMinutesPart() + " min"
                : duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    public void end() {
        if (bar != null) {
            bar.close();
        }
    }

    /** Called once the copy is whole. */
    public void finish() {}

    @Override
    public void close() {}

    /** A running almasim. */
    public static final class Running extends CopyTarget {
        public Running(String key, AlmaClient alma) {
            super(alma.address(), key, alma);
        }
    }

    /**
     * A snapshot file, written at the end from an almasim of the command's own, on this machine's address only, whose
     * database sits beside the file until then, so that a stopped copy resumes into the same library.
     */
    public static final class Snapshot extends CopyTarget {
        private final Path out;
        private final Path work;
        private final Simulator simulator;

        public Snapshot(Path out, Path work) {
            this(out, work, started(work));
        }

        private Snapshot(Path out, Path work, Simulator simulator) {
            super(
                    simulator.baseUrl(),
                    ApiKeys.DEVELOPMENT_KEY,
                    new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY));
            this.out = out;
            this.work = work;
            this.simulator = simulator;
        }

        /** The command's own almasim, on this machine's address only, its database in {@code work}. */
        private static Simulator started(Path work) {
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new IllegalArgumentException("--out: cannot make " + work + ": " + e.getMessage());
            }
            return Simulator.create(SimulatorConfig.defaults()
                            // H2 takes no path relative to the working directory, and `--out library.zip` is one.
                            .withDatabase(
                                    work.toAbsolutePath().resolve("library").toString()))
                    .start(0);
        }

        @Override
        public void finish() {
            simulator.exportTo(out);
        }

        @Override
        public void close() {
            simulator.close();
            if (Files.exists(out)) {
                try (var files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new IllegalArgumentException("the snapshot " + out + " is written, but " + work
                            + " could not be removed: " + e.getMessage());
                }
            }
        }
    }
}

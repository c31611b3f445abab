package org.almasim.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaAddress;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.ApiKeySource;
import org.almasim.engine.copy.CopyState;
import org.almasim.engine.copy.CopyStopped;
import org.almasim.engine.copy.LibraryCopy;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.population.PopulationService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code almasim import --from-alma}: a copy of an Alma institution's users, anonymized, into a snapshot or a running
 * almasim, to rehearse a purge on (docs/your-library.md). Every option is checked before anything is read or written.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Copy an Alma institution's users (with their loans, fees, code tables and sets) through its REST"
                + " API, anonymized, into a snapshot (--out) or a running almasim (--into). A read-only key is enough.")
final class ImportCommand implements Callable<Integer> {
    /** Alma's per-second threshold for an institution's API calls. */
    private static final int ALMA_PER_SECOND = 25;

    @Option(
            names = "--from-alma",
            required = true,
            paramLabel = "URL",
            description = "The Alma to copy, e.g."
                    + " https://api-eu.hosted.exlibrisgroup.com (or an almasim, http://localhost:8080).")
    String fromAlma;

    @Option(
            names = "--api-key-env",
            paramLabel = "VAR",
            description = "The environment variable holding the API key" + " of the Alma copied (read-only is enough).")
    String apiKeyEnv;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "A file whose first line is that API key.")
    Path apiKeyFile;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the copy as a snapshot, for" + " `almasim serve --import FILE`.")
    Path out;

    @Option(names = "--into", paramLabel = "URL", description = "Load the copy into the almasim running at URL.")
    String into;

    @Option(
            names = "--into-key-env",
            paramLabel = "VAR",
            description = "The environment variable holding a" + " read-write key of the almasim named by --into.")
    String intoKeyEnv;

    @Option(names = "--into-key-file", paramLabel = "FILE", description = "A file whose first line is that key.")
    Path intoKeyFile;

    @Option(
            names = "--salt-file",
            paramLabel = "FILE",
            defaultValue = "almasim.salt",
            description = "The secret"
                    + " pseudonyms are made with, created on first use: keep it, and the next copy gives the same patrons the"
                    + " same pseudonyms. Default: ${DEFAULT-VALUE}.")
    Path saltFile;

    @Option(names = "--keep-ids", description = "Keep the patrons' primary ids in clear (they can name a person).")
    boolean keepIds;

    @Option(
            names = "--q",
            paramLabel = "QUERY",
            description = "Copy only the users Alma's q finds, e.g." + " user_group~GRAD.")
    String query;

    @Option(names = "--set", paramLabel = "NAME", description = "Copy only the members of this set of users.")
    String set;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "25",
            description = "At most N calls a second." + " Default: ${DEFAULT-VALUE}, Alma's per-second threshold.")
    int rate;

    @Option(
            names = "--leave-calls",
            paramLabel = "N",
            defaultValue = "1000",
            description =
                    "Stop, to resume"
                            + " tomorrow, before Alma's count of the day's calls left falls under N. Default: ${DEFAULT-VALUE}.")
    long leaveCalls;

    @Option(
            names = "--state",
            paramLabel = "FILE",
            description = "Where the copy keeps how far it got. Default: the"
                    + " --out file's name with .state.json, or almasim-import.state.json.")
    Path state;

    @Option(names = "--resume", description = "Go on with the copy the state file describes.")
    boolean resume;

    @Option(names = "--allow-insecure", description = "Send API keys over plain http to another machine too.")
    boolean allowInsecure;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        Checked checked = check();
        PrintWriter err = err();
        Pseudonyms.Loaded salt = Pseudonyms.fromFile(saltFile);
        if (salt.made()) {
            err.println("almasim: made the salt file " + saltFile + ": keep it (and keep it secret); copies made with"
                    + " it give the same patrons the same pseudonyms");
        }
        if (keepIds) {
            err.println("almasim: warning: --keep-ids copies the patrons' primary ids in clear");
        }
        AlmaClient source = checked.source().paced(rate);
        try (Target target = checked.target()) {
            LibraryCopy copy = new LibraryCopy(
                    source,
                    salt.pseudonyms(),
                    keepIds,
                    new LibraryCopy.Scope(Optional.ofNullable(query), Optional.ofNullable(set)),
                    target.loader(),
                    checked.stateFile(),
                    leaveCalls,
                    progress -> target.progress(progress));
            CopyState start = startingState(copy, checked.stateFile());
            int total = copy.usersInScope();
            long calls = total + (total + AlmaClient.PAGE - 1) / AlmaClient.PAGE;
            err.printf(
                    "Copying %,d users from %s (%s) at %d calls a second: at least %,d calls, about %s%n",
                    total - start.nextOffset(),
                    source.address(),
                    copy.newState().scope(),
                    rate,
                    calls,
                    readable(Duration.ofSeconds(calls / rate)));
            target.begin(total, start.users(), err);
            CopyState done;
            try {
                done = copy.copy(start);
            } catch (CopyStopped stopped) {
                target.end();
                err.println("almasim: stopped after " + stopped.state().users() + " of "
                        + stopped.state().total() + " users: " + stopped.getMessage());
                return 2;
            }
            target.end();
            target.finish();
            state(checked.stateFile()).ifPresent(file -> file.toFile().delete());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Copied %,d users, %,d loans, %,d fees and %,d sets in %,d calls%s%n",
                            done.users(),
                            done.loans(),
                            done.fees(),
                            done.sets(),
                            source.calls(),
                            out != null ? " into " + out : " into " + into);
            return 0;
        } catch (AlmaApiException | IllegalArgumentException | ControlPlaneException | AlmaRefusal e) {
            throw new CommandFailure("the copy failed: " + e.getMessage() + "; what was copied is kept: run the same"
                    + " command with --resume");
        }
    }

    private CopyState startingState(LibraryCopy copy, Path stateFile) {
        CopyState wanted = copy.newState();
        Optional<CopyState> saved = CopyState.read(stateFile);
        if (!resume) {
            return wanted;
        }
        CopyState found = saved.orElseThrow(
                () -> new CommandFailure("--resume: there is no state file " + stateFile + " to resume from"));
        found.refusesResumeBy(wanted).ifPresent(why -> {
            throw new CommandFailure("--resume: " + why);
        });
        return found;
    }

    /** The options, checked together: which Alma, which key, where to, and where the state is kept. */
    private record Checked(AlmaClient source, Path stateFile, TargetFactory factory) {
        Target target() {
            return factory.open();
        }
    }

    private interface TargetFactory {
        Target open();
    }

    private Checked check() {
        String sourceKey = key("--api-key-env", apiKeyEnv, "--api-key-file", apiKeyFile);
        AlmaClient source = client("--from-alma", fromAlma, sourceKey);
        if ((out == null) == (into == null)) {
            throw new CommandFailure("give one of --out FILE and --into URL");
        }
        if (query != null && set != null) {
            throw new CommandFailure("give --q or --set, not both");
        }
        if (rate < 1 || rate > 10_000) {
            throw new CommandFailure("--rate: give 1 to 10000 calls a second, not " + rate);
        }
        if (rate > ALMA_PER_SECOND) {
            err().println("almasim: warning: --rate " + rate + " is above Alma's " + ALMA_PER_SECOND
                    + " calls a second; a real Alma answers the excess with 429");
        }
        if (leaveCalls < 0) {
            throw new CommandFailure("--leave-calls: give 0 or more, not " + leaveCalls);
        }
        Path stateFile = state != null
                ? state
                : out != null
                        ? out.resolveSibling(out.getFileName() + ".state.json")
                        : Path.of("almasim-import.state.json");
        if (!resume && Files.exists(stateFile)) {
            throw new CommandFailure("a copy was started before (" + stateFile + "): add --resume to go on with it, or"
                    + " remove the file to start again");
        }
        if (Files.isDirectory(saltFile)) {
            throw new CommandFailure("--salt-file: " + saltFile + " is a directory");
        }
        TargetFactory factory;
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                throw new CommandFailure("--out: the directory " + parent + " does not exist");
            }
            if (Files.exists(out)) {
                throw new CommandFailure("--out: " + out + " exists; choose another file or remove it");
            }
            Path work = out.resolveSibling(out.getFileName() + ".work");
            factory = () -> new SnapshotTarget(out, work);
        } else {
            String intoKey = key("--into-key-env", intoKeyEnv, "--into-key-file", intoKeyFile);
            client("--into", into, intoKey);
            factory = () -> new AlmasimTarget(ControlPlane.at(AlmaAddress.host(into), intoKey));
        }
        return new Checked(source, stateFile, factory);
    }

    private AlmaClient client(String option, String url, String key) {
        try {
            return allowInsecure ? AlmaClient.allowingPlainHttp(url, key) : new AlmaClient(url, key);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(option + ": " + e.getMessage());
        }
    }

    private static String key(String envOption, String env, String fileOption, Path file) {
        if (Stream.of(env, file).filter(Objects::nonNull).count() != 1) {
            throw new CommandFailure("give one of " + envOption + " VAR and " + fileOption + " FILE");
        }
        try {
            return env != null
                    ? ApiKeySource.fromEnvironment(env, name -> Optional.ofNullable(System.getenv(name)))
                    : ApiKeySource.fromFile(file);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure((env != null ? envOption : fileOption) + ": " + e.getMessage());
        }
    }

    private static Optional<Path> state(Path file) {
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    private static String readable(Duration duration) {
        return duration.toHours() > 0
                ? duration.toHours() + " h " + duration.toMinutesPart() + " min"
                : duration.toMinutes() > 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }

    /** Where the copy goes, and the progress shown while it goes there. */
    private abstract static class Target implements AutoCloseable {
        private ProgressBar bar;
        private int shown;
        private PrintWriter err;
        private long started;
        private int first;

        abstract LibraryCopy.Target loader();

        void begin(int total, int copied, PrintWriter err) {
            this.err = err;
            this.started = System.nanoTime();
            this.first = copied;
            if (System.console() != null) {
                bar = new ProgressBar("Copying users", total);
                bar.stepTo(copied);
            }
            shown = copied;
        }

        void progress(LibraryCopy.Progress progress) {
            if (bar != null) {
                bar.stepTo(progress.copied());
            } else if (progress.copied() - shown >= 1000 || progress.copied() == progress.total()) {
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                double perSecond = (progress.copied() - first) / seconds;
                long left = perSecond <= 0 ? 0 : Math.round((progress.total() - progress.copied()) / perSecond);
                err.printf(
                        "copied %,d of %,d users (%,d calls), %.0f users a second, about %s left%n",
                        progress.copied(),
                        progress.total(),
                        progress.calls(),
                        perSecond,
                        readable(Duration.ofSeconds(left)));
                err.flush();
                shown = progress.copied();
            }
        }

        void end() {
            if (bar != null) {
                bar.close();
            }
        }

        /** Called once the copy is whole. */
        void finish() {}

        @Override
        public void close() {}
    }

    /** A running almasim, through its control plane. */
    private static final class AlmasimTarget extends Target {
        private final ControlPlane control;

        AlmasimTarget(ControlPlane control) {
            this.control = control;
        }

        @Override
        LibraryCopy.Target loader() {
            return control::loadPopulation;
        }
    }

    /**
     * A snapshot file, written at the end from a simulator of the command's own whose database sits beside it until
     * then, so that a stopped copy resumes into the same library.
     */
    private static final class SnapshotTarget extends Target {
        private final Path out;
        private final Path work;
        private final Simulator simulator;

        SnapshotTarget(Path out, Path work) {
            this.out = out;
            this.work = work;
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new CommandFailure("--out: cannot make " + work + ": " + e.getMessage());
            }
            simulator = Simulator.create(SimulatorConfig.defaults()
                    .withDatabase(work.resolve("library").toString()));
        }

        @Override
        LibraryCopy.Target loader() {
            return document -> simulator.load(
                    PopulationService.parse(document.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        void finish() {
            simulator.exportTo(out);
        }

        @Override
        public void close() {
            simulator.close();
            if (Files.exists(out)) {
                try (var files = Files.walk(work)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // The snapshot is written; a work directory left behind only takes room.
                    throw new CommandFailure("the snapshot " + out + " is written, but " + work + " could not be"
                            + " removed: " + e.getMessage());
                }
            }
        }
    }
}

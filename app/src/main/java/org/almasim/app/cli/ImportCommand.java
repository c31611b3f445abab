package org.almasim.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.almasim.app.copy.BlockerCsv;
import org.almasim.app.copy.CopyTarget;
import org.almasim.app.copy.FileCopy;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.copy.CopyState;
import org.almasim.engine.copy.CopyStopped;
import org.almasim.engine.copy.LibraryCopy;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.errors.AlmaRefusal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code almasim import --from-alma|--from-file}: a copy of an Alma institution's users, anonymized, into a snapshot or a running
 * almasim, to rehearse a purge on (docs/your-library.md). Every option is checked before anything is read or written.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Copy an Alma institution's users (with their loans, fees, code tables and sets) through its REST"
                + " API (a read-only key is enough), or from Alma's Export users files, anonymized, into a snapshot"
                + " (--out) or a running almasim (--into).")
final class ImportCommand implements Callable<Integer> {
    /** Alma's per-second threshold for an institution's API calls. */
    private static final int ALMA_PER_SECOND = 25;

    @Option(
            names = "--from-file",
            arity = "1..*",
            paramLabel = "FILE",
            description = "Copy the users of Alma's Export users files (version 2: users.xml, .xml.gz or .zip), or of"
                    + " the files your SIS sends Alma, in place of --from-alma. Repeatable.")
    List<Path> fromFiles;

    @Option(
            names = "--from-alma",
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

    @Option(
            names = "--blockers",
            paramLabel = "FILE",
            description = "A CSV of what stops Alma deleting users that its API does not show (PO lines, invoices,"
                    + " locked records...), exported from Analytics: primary_id,kind,detail (docs/your-library.md).")
    Path blockers;

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
        try (CopyTarget target = checked.target()) {
            return checked.source().isPresent()
                    ? copyAlma(checked.source().get().paced(rate), salt.pseudonyms(), target, checked.stateFile())
                    : copyFiles(salt.pseudonyms(), target, checked.stateFile());
        } catch (AlmaApiException | IllegalArgumentException | ControlPlaneException | AlmaRefusal e) {
            throw new CommandFailure("the copy failed: " + e.getMessage() + "; what was copied is kept: run the same"
                    + " command with --resume");
        }
    }

    private int copyFiles(Pseudonyms pseudonyms, CopyTarget target, Path stateFile) {
        FileCopy copy = new FileCopy(
                fromFiles, pseudonyms, keepIds, target.loader(), stateFile, target.userCodes(), target::progress);
        CopyState start = startingState(copy.newState(), stateFile);
        err().println("Copying the users of " + FileCopy.source(fromFiles));
        target.begin(-1, start.users(), err());
        CopyState done = copy.copy(start);
        target.end();
        target.addBlockers(Optional.ofNullable(blockers), pseudonyms, keepIds, err());
        target.finish();
        return finished(done, stateFile, "from " + fromFiles.size() + (fromFiles.size() == 1 ? " file" : " files"));
    }

    private int copyAlma(AlmaClient source, Pseudonyms pseudonyms, CopyTarget target, Path stateFile) {
        PrintWriter err = err();
        LibraryCopy copy = new LibraryCopy(
                source,
                pseudonyms,
                keepIds,
                new LibraryCopy.Scope(Optional.ofNullable(query), Optional.ofNullable(set)),
                target.loader(),
                stateFile,
                leaveCalls,
                target::progress);
        CopyState start = startingState(copy.newState(), stateFile);
        int total = copy.usersInScope();
        long calls = total + (total + AlmaClient.PAGE - 1) / AlmaClient.PAGE;
        err.printf(
                "Copying %,d users from %s (%s) at %d calls a second: at least %,d calls, about %s%n",
                total - start.nextOffset(),
                source.address(),
                start.scope(),
                rate,
                calls,
                CopyTarget.readable(Duration.ofSeconds(calls / rate)));
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
        target.addBlockers(Optional.ofNullable(blockers), pseudonyms, keepIds, err());
        target.finish();
        return finished(done, stateFile, String.format("%,d calls", source.calls()));
    }

    /** Says what was copied, and removes the state: a finished copy has nothing to resume. */
    private int finished(CopyState done, Path stateFile, String cost) {
        stateFile.toFile().delete();
        spec.commandLine()
                .getOut()
                .printf(
                        "Copied %,d users, %,d loans, %,d fees, %,d requests and %,d sets (%s) into %s%n",
                        done.users(),
                        done.copied().loans(),
                        done.copied().fees(),
                        done.copied().requests(),
                        done.copied().sets(),
                        cost,
                        out != null ? out : into);
        return 0;
    }

    private CopyState startingState(CopyState wanted, Path stateFile) {
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
    private record Checked(Optional<AlmaClient> source, Path stateFile, Supplier<CopyTarget> factory) {
        CopyTarget target() {
            return factory.get();
        }
    }

    private Checked check() {
        if ((fromAlma == null) == (fromFiles == null)) {
            throw new CommandFailure("give one of --from-alma URL and --from-file FILE");
        }
        AlmaClient source = null;
        if (fromAlma != null) {
            source = CommandKeys.client(
                    "--from-alma",
                    fromAlma,
                    CommandKeys.key("--api-key-env", apiKeyEnv, "--api-key-file", apiKeyFile),
                    allowInsecure);
        } else {
            if (query != null || set != null) {
                throw new CommandFailure("--q and --set choose users through Alma's API; a file is copied whole");
            }
            try {
                FileCopy.check(fromFiles);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--from-file: " + e.getMessage());
            }
        }
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
        if (blockers != null) {
            try {
                new BlockerCsv(blockers).check();
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--blockers: " + e.getMessage());
            }
        }
        if (Files.isDirectory(saltFile)) {
            throw new CommandFailure("--salt-file: " + saltFile + " is a directory");
        }
        Supplier<CopyTarget> factory;
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                throw new CommandFailure("--out: the directory " + parent + " does not exist");
            }
            if (Files.exists(out)) {
                throw new CommandFailure("--out: " + out + " exists; choose another file or remove it");
            }
            Path work = out.resolveSibling(out.getFileName() + ".work");
            factory = () -> new CopyTarget.Snapshot(out, work);
        } else {
            String intoKey = CommandKeys.key("--into-key-env", intoKeyEnv, "--into-key-file", intoKeyFile);
            AlmaClient intoAlma = CommandKeys.client("--into", into, intoKey, allowInsecure);
            factory = () -> new CopyTarget.Running(intoKey, intoAlma);
        }
        return new Checked(Optional.ofNullable(source), stateFile, factory);
    }
}

package org.almasim.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.almasim.app.copy.FileCopy;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.scenarios.scenario.SisFeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code almasim sis-load FILE... --into URL}: Alma's SIS synchronisation of a library's SIS files on an almasim, most
 * often a copy of the library (docs/your-library.md). A real feed is pseudonymized by the copy's salt on this machine
 * before it is sent, so its users meet their copies and no name of the feed reaches almasim; sending a feed as it is
 * must be asked for. Every option and every file is checked before anything is sent.
 */
@Command(
        name = "sis-load",
        mixinStandardHelpOptions = true,
        description = "Run Alma's SIS synchronisation of SIS files (Alma's Export users, version 2: .xml, .xml.gz or"
                + " .zip) on a running almasim: users created, EXTERNAL ones updated, INTERNAL ones left.")
final class SisLoadCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The SIS files, loaded in this order.")
    List<Path> files;

    @Option(names = "--into", required = true, paramLabel = "URL", description = "The almasim to load them into.")
    String into;

    @Option(
            names = "--into-key-env",
            paramLabel = "VAR",
            description = "The environment variable holding a read-write key of that almasim.")
    String intoKeyEnv;

    @Option(names = "--into-key-file", paramLabel = "FILE", description = "A file whose first line is that key.")
    Path intoKeyFile;

    @Option(
            names = "--salt-file",
            paramLabel = "FILE",
            description = "The salt file the copy was made with: the feed is pseudonymized as the copy was.")
    Path saltFile;

    @Option(names = "--keep-ids", description = "With --salt-file: the copy kept primary ids (import --keep-ids).")
    boolean keepIds;

    @Option(names = "--as-is", description = "Send the files as they are (a made-up feed): real names would be loaded.")
    boolean asIs;

    @Option(names = "--allow-insecure", description = "Send the key over plain http to another machine too.")
    boolean allowInsecure;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        SisFeed feed = feed();
        ControlPlane target = target();
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            try {
                out.println(said(file, feed.load(file, target)));
            } catch (ControlPlaneException | IllegalArgumentException | UncheckedIOException e) {
                throw new CommandFailure(file + ": " + e.getMessage()
                        + (files.indexOf(file) > 0 ? " (the files before it were loaded)" : ""));
            }
        }
        out.flush();
        return 0;
    }

    /** The options and files checked, before anything is sent: how the feed goes, pseudonymized or as it is. */
    private SisFeed feed() {
        if (saltFile == null && !asIs) {
            throw new CommandFailure("give --salt-file (the copy's salt: the feed is pseudonymized as the copy was) or"
                    + " --as-is (the files are loaded as they are, real names included)");
        }
        if (saltFile != null && asIs) {
            throw new CommandFailure("give --salt-file or --as-is, not both");
        }
        if (keepIds && saltFile == null) {
            throw new CommandFailure("--keep-ids goes with --salt-file");
        }
        try {
            FileCopy.check(files);
            return SisFeed.of(Optional.ofNullable(saltFile), keepIds);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private ControlPlane target() {
        String key = CommandKeys.key("--into-key-env", intoKeyEnv, "--into-key-file", intoKeyFile);
        return ControlPlane.at(
                CommandKeys.client("--into", into, key, allowInsecure).address(), key);
    }

    private static String said(Path file, JsonNode report) {
        StringBuilder line = new StringBuilder(String.format(
                "%s: %,d users: %,d created, %,d updated, %,d INTERNAL left as they are, %,d rejected",
                file.getFileName(),
                report.path("users").asLong(),
                report.path("created").asLong(),
                report.path("updated").asLong(),
                report.path("internal_left").asLong(),
                report.path("rejected").asLong()));
        report.path("rejected_users")
                .forEach(user -> line.append(System.lineSeparator())
                        .append("  ")
                        .append(user.path("where").asText())
                        .append(": ")
                        .append(user.path("error_message").asText()));
        return line.toString();
    }
}

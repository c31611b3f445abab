package org.almasim.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.almasim.app.copy.FileCopy;
import org.almasim.control.ControlPlane;
import org.almasim.control.ControlPlaneException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.ApiKeySource;
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
        ControlPlane target = check();
        SisFeed feed = SisFeed.of(Optional.ofNullable(saltFile), keepIds);
        PrintWriter out = spec.commandLine().getOut();
        for (Path file : files) {
            try {
                out.println(
                        said(file, feed.pseudonymized() ? pseudonymized(feed, file, target) : target.sisLoad(file)));
            } catch (ControlPlaneException | IllegalArgumentException e) {
                throw new CommandFailure(file + ": " + e.getMessage()
                        + (files.indexOf(file) > 0 ? " (the files before it were loaded)" : ""));
            }
        }
        out.flush();
        return 0;
    }

    private ControlPlane check() {
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
        if (saltFile != null && !Files.isRegularFile(saltFile)) {
            throw new CommandFailure("--salt-file: " + saltFile + " does not exist: give the one the copy was made"
                    + " with (a new salt would match none of its patrons)");
        }
        try {
            FileCopy.check(files);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        String key;
        try {
            key = ApiKeySource.fromOneOf("--into-key-env", intoKeyEnv, "--into-key-file", intoKeyFile);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        try {
            // Checked as any client of the engine is: a key goes over https, or plain http to this machine only.
            AlmaClient checked = allowInsecure ? AlmaClient.allowingPlainHttp(into, key) : new AlmaClient(into, key);
            return ControlPlane.at(checked.address(), key);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("--into: " + e.getMessage());
        }
    }

    /** The file pseudonymized into a temporary file, which is removed once loaded. */
    private static JsonNode pseudonymized(SisFeed feed, Path file, ControlPlane target) {
        try {
            Path rewritten = Files.createTempFile("almasim-sis", ".xml.gz");
            try {
                feed.rewrite(file, rewritten);
                return target.sisLoad(rewritten, file.getFileName() + " (pseudonymized)");
            } finally {
                Files.deleteIfExists(rewritten);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

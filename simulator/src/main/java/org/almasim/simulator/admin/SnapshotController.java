package org.almasim.simulator.admin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaHttp;

/**
 * HTTP for {@code /almasim/v1/snapshot}: the whole library saved as one file (GET) and put back (PUT), as the Firebase
 * emulators export and import their data. Files on disk are the command line's business ({@code serve --import}).
 */
public final class SnapshotController {
    private static final String ZIP = "application/zip";

    private final Consumer<Path> exportTo;
    private final Consumer<Path> importFrom;
    private final SimulatedClock clock;

    public SnapshotController(Consumer<Path> exportTo, Consumer<Path> importFrom, SimulatedClock clock) {
        this.exportTo = exportTo;
        this.importFrom = importFrom;
        this.clock = clock;
    }

    public void export(Context ctx) throws IOException {
        Path file = scratch();
        try {
            Files.delete(file);
            exportTo.accept(file);
            ctx.contentType(ZIP)
                    .header("Content-Disposition", "attachment; filename=\"almasim-" + clock.today() + ".zip\"")
                    .result(Files.readAllBytes(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    public void replace(Context ctx) throws IOException {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith(ZIP)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "A snapshot is sent as it was exported, with Content-Type application/zip.");
        }
        Path file = scratch();
        try {
            Files.write(file, ctx.bodyAsBytes());
            importFrom.accept(file);
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "The body is not an almasim snapshot (a zip exported by GET /almasim/v1/snapshot).");
        } finally {
            Files.deleteIfExists(file);
        }
        AlmaHttp.json(ctx, Map.of("today", clock.today().toString()));
    }

    private static Path scratch() {
        try {
            return Files.createTempFile("almasim-snapshot", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

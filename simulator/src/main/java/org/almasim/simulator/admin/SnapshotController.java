package org.almasim.simulator.admin;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.Consumer;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.snapshot.SnapshotArchive;

/**
 * HTTP for {@code /almasim/v1/snapshot}: the institution's library saved as one file (GET) and put back (PUT), as the
 * Firebase emulators export and import their data. Both need a read-write key: a snapshot holds what no read of the
 * API answers (patrons' password hashes, the console's state), and it is how a library is put back. Files on disk are
 * the command line's business ({@code serve --import}).
 */
public final class SnapshotController {
    private static final String ZIP = "application/zip";

    private final Consumer<OutputStream> exportTo;
    private final Consumer<InputStream> importFrom;
    private final SimulatedClock clock;

    public SnapshotController(Consumer<OutputStream> exportTo, Consumer<InputStream> importFrom, SimulatedClock clock) {
        this.exportTo = exportTo;
        this.importFrom = importFrom;
        this.clock = clock;
    }

    public void export(Context ctx) throws IOException {
        ApiGate.requireReadWriteKey(ctx);
        // Written whole before the answer starts, so a failure is an error, never a 200 with half a zip.
        Path file = Files.createTempFile("almasim-snapshot", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                exportTo.accept(out);
            }
            ctx.contentType(ZIP)
                    .header("Content-Disposition", "attachment; filename=\"almasim-" + clock.today() + ".zip\"")
                    .result(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Streamed, never held whole: a copy of a large library is over a hundred megabytes (docs/your-library.md). */
    public void replace(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith(ZIP)) {
            ApiGate.drain(ctx);
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "A snapshot is sent as it was exported, with Content-Type application/zip.");
        }
        try {
            importFrom.accept(ctx.bodyInputStream());
        } catch (SnapshotArchive.Refused e) {
            ApiGate.drain(ctx);
            throw AlmaError.PARAMETER_NOT_VALID.refusal(e.getMessage() + " Nothing was changed.");
        }
        AlmaHttp.json(ctx, Map.of("today", clock.today().toString()));
    }
}

package org.almasim.simulator.sis;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.store.BoundedStream;

/**
 * HTTP for {@code POST /almasim/v1/sis-load}: a SIS file sent as it is ({@code application/zip}, {@code
 * application/gzip} or {@code application/xml}), streamed to a temporary file within {@link #MAX_UPLOAD_BYTES} (never
 * held in memory, so a file larger than the control plane's other bodies passes), then loaded.
 */
public final class SisLoadController {
    /** The most a SIS file may weigh as sent. */
    public static final long MAX_UPLOAD_BYTES = ApiGate.MAX_STREAMED_BYTES;

    /** The most its XML may unpack to: a zip's bomb stops here. */
    public static final long MAX_UNPACKED_BYTES = 8L << 30;

    private final SisLoadService sis;

    /**
     * One load at a time in an institution, the next waiting for it: a file on disk at a time (and users synchronised
     * in the order the files came, as Alma's jobs of one profile run).
     */
    private final ReentrantLock oneAtATime = new ReentrantLock(true);

    public SisLoadController(SisLoadService sis) {
        this.sis = sis;
    }

    public void load(Context ctx) throws IOException {
        String suffix;
        try {
            suffix = suffix(ctx.contentType());
        } catch (AlmaRefusal refused) {
            ApiGate.drain(ctx);
            throw refused;
        }
        String name = fileName(ctx.queryParam("file"), suffix);
        oneAtATime.lock();
        try {
            Path file = Files.createTempFile("almasim-sis", suffix);
            try {
                spool(ctx.bodyInputStream(), file);
                AlmaHttp.json(ctx, sis.load(file, name, MAX_UNPACKED_BYTES));
            } finally {
                Files.deleteIfExists(file);
            }
        } finally {
            oneAtATime.unlock();
        }
    }

    /** The file's kind, from what the client declared; the gate has already refused a body of no type. */
    private static String suffix(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/zip")) {
            return ".zip";
        }
        if (type.startsWith("application/gzip") || type.startsWith("application/x-gzip")) {
            return ".xml.gz";
        }
        if (type.startsWith("application/xml") || type.startsWith("text/xml")) {
            return ".xml";
        }
        throw AlmaError.PARAMETER_NOT_VALID.refusal("A SIS file is sent as application/zip, application/gzip or"
                + " application/xml (Alma's Export users, version 2); got '" + contentType + "'.");
    }

    /** The name the report and its messages use: the client's own, or one of the right kind. */
    private static String fileName(String given, String suffix) {
        if (given == null || given.isBlank()) {
            return "sis" + suffix;
        }
        String name = given.strip();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static void spool(InputStream body, Path file) throws IOException {
        try (InputStream bounded = new BoundedStream(
                body,
                MAX_UPLOAD_BYTES,
                () -> AlmaError.NO_VALID_XML.refusal(
                        "The SIS file is larger than the allowed maximum of " + MAX_UPLOAD_BYTES + " bytes."))) {
            Files.copy(bounded, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}

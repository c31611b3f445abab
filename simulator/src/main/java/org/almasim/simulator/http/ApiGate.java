package org.almasim.simulator.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.links.AlmaLinks;

/**
 * The gate in front of every route but health: the API key (as {@code ?apikey=} or {@code Authorization: apikey ...}),
 * read-only keys refused on writes, requests from other web origins refused, write bodies with a JSON, XML (or, for
 * population documents, YAML) Content-Type that matches them, and on Alma's API its thresholds with
 * {@code X-Exl-Api-Remaining} on every answer.
 */
public final class ApiGate {
    private static final Set<HandlerType> WRITES =
            Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

    private static final Pattern AUTHENTICATION = Pattern.compile(AlmaLinks.API + "/users/[^/]+");
    /** Whom a key belongs to: an institution, with its keys and its own thresholds, as in Alma. */
    public interface KeyOwner {
        String code();

        Optional<ApiKeys.Access> access(String key);

        ApiThresholds thresholds();
    }

    /** Finds the owner of a key among all the simulator holds. */
    @FunctionalInterface
    public interface KeyOwners {
        Optional<KeyOwner> owner(String key);
    }

    private static final String OWNER = "almasim.key-owner";
    private static final String ACCESS = "almasim.key-access";

    private final KeyOwners owners;
    private final SimulatedClock clock;

    public ApiGate(KeyOwners owners, SimulatedClock clock) {
        this.owners = owners;
        this.clock = clock;
    }

    /**
     * The owner of the key a request was admitted with, as the simulator's own type of owner (the gate keeps what
     * {@link KeyOwners} gave it); empty only on the one open route, health.
     */
    public static <O extends KeyOwner> Optional<O> owner(Context ctx) {
        return Optional.ofNullable(ctx.attribute(OWNER));
    }

    /** The kind of key a request was admitted with; empty only on health. */
    public static Optional<ApiKeys.Access> access(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ACCESS));
    }

    /** For the few reads that give away more than the API answers (a whole library's snapshot). */
    public static void requireReadWriteKey(Context ctx) {
        if (access(ctx).orElse(null) != ApiKeys.Access.READ_WRITE) {
            throw AlmaError.UNAUTHORIZED.refusal();
        }
    }

    /** Alma's API: everything the control plane checks, then the per-second and daily thresholds of the key's owner. */
    public void admitApi(Context ctx) {
        String key = admitControlPlane(ctx);
        KeyOwner owner = owner(ctx).orElseThrow();
        long remaining = owner.thresholds().admit(key, clock.today());
        ctx.header("X-Exl-Api-Remaining", Long.toString(remaining));
    }

    /** The control plane and the console's routes: a key, read-only keys only read, same origin, typed bodies. */
    public String admitControlPlane(Context ctx) {
        if (!streamed(ctx)) {
            // The body is read before anything is refused: a refusal with the body left unread makes Jetty drop the
            // connection while the client is still sending, and the client then sees a broken pipe instead of the
            // answer. A body over the bound is refused here (413, Alma's envelope), before any handler could act on it.
            ctx.bodyAsBytes();
            return admit(ctx, false);
        }
        try {
            return admit(ctx, true);
        } catch (AlmaRefusal refused) {
            drain(ctx);
            throw refused;
        }
    }

    /**
     * A SIS file or a snapshot put back may be larger than any other body: their handlers stream them, so the gate never
     * reads them whole.
     */
    private static boolean streamed(Context ctx) {
        return ctx.path().equals(AlmaLinks.SIS_LOAD)
                || (ctx.path().equals(AlmaLinks.SNAPSHOT) && ctx.method() == HandlerType.PUT);
    }

    /** The most a streamed body (a SIS file) may weigh as sent: above a million users zipped, below a disk's worth. */
    public static final long MAX_STREAMED_BYTES = 1L << 30;

    /**
     * Reads and drops a refused streamed body, up to the bound of such bodies, so that the refusal reaches a client still
     * sending instead of a broken connection. Nothing is kept: reading costs the server no more than the client's
     * sending did.
     */
    public static void drain(Context ctx) {
        byte[] buffer = new byte[1 << 16];
        long left = MAX_STREAMED_BYTES;
        try (InputStream body = ctx.bodyInputStream()) {
            for (int n = 0; n >= 0 && left > 0; n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // The client has gone or sent less than it said: the refusal is answered all the same.
        }
    }

    private String admit(Context ctx, boolean streamed) {
        refuseUnknownCharset(ctx);
        refuseOtherOrigins(ctx);
        String key = key(ctx).orElseThrow(() -> AlmaError.UNAUTHORIZED.refusal());
        KeyOwner owner = owners.owner(key).orElseThrow(() -> AlmaError.UNAUTHORIZED.refusal());
        ApiKeys.Access access = owner.access(key).orElseThrow(() -> AlmaError.UNAUTHORIZED.refusal());
        boolean write = WRITES.contains(ctx.method()) && !isAuthentication(ctx);
        if (access == ApiKeys.Access.READ_ONLY && write) {
            throw AlmaError.UNAUTHORIZED.refusal();
        }
        if (write && !streamed) {
            requireTypedBody(ctx);
        }
        ctx.attribute(OWNER, owner);
        ctx.attribute(ACCESS, access);
        return key;
    }

    /** {@code POST /almaws/v1/users/{id}?op=auth} checks a password and changes nothing: Alma allows it with a read-only key. */
    private static boolean isAuthentication(Context ctx) {
        String op = ctx.queryParam("op");
        return ctx.method() == HandlerType.POST
                && AUTHENTICATION.matcher(ctx.path()).matches()
                && (op == null || op.equalsIgnoreCase("auth"));
    }

    /** A body in a character set Java cannot read would fail in the handler, after the gate: it is refused first. */
    private static void refuseUnknownCharset(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type == null) {
            return;
        }
        for (String parameter : type.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String charset = pair[1].trim().replace("\"", "");
                boolean known;
                try {
                    known = Charset.isSupported(charset);
                } catch (IllegalCharsetNameException e) {
                    known = false;
                }
                if (!known) {
                    throw AlmaError.PARAMETER_NOT_VALID.refusal(
                            "The Content-Type names a character set this server cannot read; send UTF-8.");
                }
            }
        }
    }

    /**
     * A browser names the page's origin on every cross-origin write (and on most reads): a page elsewhere must not
     * reach a library on this machine with the public development key, so only the simulator's own pages may call it.
     * Clients that are not browsers send no Origin and are not affected.
     */
    private static void refuseOtherOrigins(Context ctx) {
        String origin = ctx.header("Origin");
        String site = ctx.header("Sec-Fetch-Site");
        // The simulator's own pages come from the address the browser used, or from its public URL behind a proxy.
        boolean foreignOrigin = origin != null
                && !origin.equalsIgnoreCase(ctx.scheme() + "://" + ctx.host())
                && !origin.equalsIgnoreCase(PublicAddress.of(ctx));
        if (foreignOrigin || "cross-site".equalsIgnoreCase(site)) {
            throw AlmaError.OTHER_ORIGIN.refusal((origin == null ? "." : " (" + origin + ")."));
        }
    }

    /**
     * A write's body must say what it is. The types a cross-site form or a plain {@code fetch} may send without asking
     * (text/plain, form encodings) are refused, as is a declared type its body does not match.
     */
    private static void requireTypedBody(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        char first = firstCharacter(body);
        if (first == 0
                || (first == 'n'
                        && new String(body, StandardCharsets.UTF_8).trim().equals("null"))) {
            return;
        }
        String type = ctx.header("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean json = lower.contains("json");
        boolean xml = lower.contains("xml");
        boolean yaml = lower.contains("yaml");
        // No form or plain fetch can send application/zip unasked; whether the body is a snapshot is the snapshot's
        // own check, which says what is wrong with it.
        boolean zip = lower.startsWith("application/zip");
        boolean matches = (json && (first == '{' || first == '[')) || (xml && first == '<') || yaml || zip;
        if (!matches) {
            throw AlmaError.UNTYPED_BODY.refusal((type == null ? "; none was given." : "; got '" + type + "'."));
        }
    }

    private static char firstCharacter(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return (char) (b & 0xff);
            }
        }
        return 0;
    }

    /** The API key a request gives, in the query ({@code apikey=}) or the Authorization header, as Alma reads it. */
    static Optional<String> key(Context ctx) {
        String query = ctx.queryParam("apikey");
        if (query != null && !query.isBlank()) {
            return Optional.of(query.trim());
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "apikey ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.empty();
    }
}

package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.almasim.simulator.links.AlmaLinks;

/**
 * Alma's request and response conventions for one exchange: which format the client wants back
 * ({@code ?format=}, then Accept, then Content-Type, else XML as Alma does), how its body is written, and rendering.
 */
public final class AlmaHttp {
    private static final String JSON_TYPE = "application/json;charset=utf-8";
    private static final String XML_TYPE = "application/xml;charset=utf-8";

    private AlmaHttp() {}

    public static BodyFormat responseFormat(Context ctx) {
        String format = formatParameter(ctx.queryString());
        if (format != null) {
            if (format.equalsIgnoreCase("json")) {
                return BodyFormat.JSON;
            }
            if (format.equalsIgnoreCase("xml")) {
                return BodyFormat.XML;
            }
        }
        BodyFormat accepted = named(ctx.header("Accept"));
        if (accepted != null) {
            return accepted;
        }
        BodyFormat sent = named(ctx.header("Content-Type"));
        if (sent != null) {
            return sent;
        }
        // Alma's API answers XML unless asked otherwise; the simulator's own control plane speaks JSON, errors
        // included.
        return ctx.path().startsWith(CONTROL_PLANE) ? BodyFormat.JSON : BodyFormat.XML;
    }

    private static final String CONTROL_PLANE = "/almasim/";

    /**
     * {@code format=} read from the raw query: the server decodes its parameters in the request's character set, so a
     * request naming one Java does not know would otherwise lose its format and be refused in the other one.
     */
    private static String formatParameter(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.regionMatches(true, 0, "format=", 0, 7)) {
                return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The body's format from Content-Type, or from its first character when the client named none. */
    public static BodyFormat requestFormat(Context ctx, byte[] body) {
        BodyFormat declared = named(ctx.header("Content-Type"));
        if (declared != null) {
            return declared;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '<' ? BodyFormat.XML : BodyFormat.JSON;
            }
        }
        return BodyFormat.JSON;
    }

    private static BodyFormat named(String header) {
        if (header == null) {
            return null;
        }
        String lower = header.toLowerCase(Locale.ROOT);
        boolean json = lower.contains("json");
        boolean xml = lower.contains("xml");
        if (json && (!xml || lower.indexOf("json") < lower.indexOf("xml"))) {
            return BodyFormat.JSON;
        }
        return xml ? BodyFormat.XML : null;
    }

    /** Reads the body as an Alma object of the given type. */
    public static <T> T body(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        return AlmaFormats.read(body, requestFormat(ctx, body), type);
    }

    /** Actions ({@code op=...}) may arrive with no body or the literal {@code null}: both mean "nothing". */
    public static boolean hasBody(Context ctx) {
        String text = new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8).trim();
        return !text.isEmpty() && !text.equals("null") && !text.equals("{}");
    }

    /** The links of an answer to this request, on the address the client reached. */
    public static AlmaLinks links(Context ctx) {
        return new AlmaLinks(PublicAddress.of(ctx));
    }

    public static void render(Context ctx, int status, Object value) {
        ctx.status(status);
        if (responseFormat(ctx) == BodyFormat.JSON) {
            ctx.contentType(JSON_TYPE).result(AlmaFormats.toJson(value));
        } else {
            ctx.contentType(XML_TYPE).result(AlmaFormats.toXml(value));
        }
    }

    public static void ok(Context ctx, Object value) {
        render(ctx, 200, value);
    }

    /** A JSON answer outside Alma's API (the control plane speaks JSON only). */
    public static void json(Context ctx, Object value) {
        ctx.status(200).contentType(JSON_TYPE).result(AlmaFormats.toJson(value));
    }
}

package org.almasim.simulator.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers by itself, before any route sees the request (a malformed or ambiguous URI, a URI or headers too
 * large), in Alma's error envelope instead of Jetty's HTML page, so a client parses every error the same way.
 */
public final class AlmaErrorPages extends ErrorHandler {
    private static final String XML_TYPE = "application/xml;charset=utf-8";
    private static final String JSON_TYPE = "application/json;charset=utf-8";

    // Jetty 12.1 marks this for removal but still calls it for a request it could not parse; the replacement is not
    // there yet, and without the override such a client would get Jetty's HTML page.
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        // The request could not be read, so neither could its Accept header: Alma's default format, XML.
        fields.put(HttpHeader.CONTENT_TYPE, XML_TYPE);
        return ByteBuffer.wrap(AlmaFormats.toXml(envelope(status, reason)).getBytes(StandardCharsets.UTF_8));
    }

    /** Jetty writes its error page for GET, POST and HEAD only; a PUT or DELETE refused got an empty body. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        boolean json = wantsJson(request);
        Object envelope = envelope(status, message);
        byte[] body = json
                ? AlmaFormats.toJson(envelope)
                : AlmaFormats.toXml(envelope).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? JSON_TYPE : XML_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static AlmaErrors.ErrorEnvelope envelope(int status, String reason) {
        String why = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        return AlmaErrors.envelope(
                String.valueOf(status), "The request was refused before it reached the API: " + why + ".");
    }

    private static boolean wantsJson(Request request) {
        String query = request.getHttpURI().getQuery();
        if (query != null && query.toLowerCase(Locale.ROOT).contains("format=json")) {
            return true;
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
    }
}

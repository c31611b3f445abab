package org.almasim.simulator.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.almasim.simulator.links.AlmaLinks;

/**
 * An OpenAPI 3 document of what this simulator serves, built from its routes as declared, so it cannot list a route
 * that is not served or miss one that is. Alma's own routes point to Ex Libris' documentation for their bodies
 * (almasim answers Alma's shapes, docs/api-coverage.md); the control plane's are almasim's own.
 */
public final class OpenApiDocument {
    /** One route: a method and a path with {@code {name}} parameters, as the router declares it. */
    public record Operation(String method, String path) {}

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OpenApiDocument() {}

    public static ObjectNode of(List<Operation> operations, String version, String serverUrl) {
        ObjectNode document = JSON.objectNode();
        document.put("openapi", "3.0.3");
        ObjectNode info = document.putObject("info");
        info.put("title", "almasim: a mock Alma");
        info.put("version", version);
        info.put(
                "description",
                "Alma's REST API under " + AlmaLinks.API + ", as almasim serves it (bodies in Alma's shapes, JSON or"
                        + " XML), and almasim's control plane under " + AlmaLinks.CONTROL_PLANE + ". Every route but "
                        + AlmaLinks.HEALTH + " needs a key.");
        document.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode schemes = document.putObject("components").putObject("securitySchemes");
        schemes.putObject("ApiKeyAuth")
                .put("type", "apiKey")
                .put("in", "query")
                .put("name", "apikey")
                .put("description", "Alma's key as a query parameter, as Ex Libris' documents name it.");
        schemes.putObject("ApiKeyHeader")
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "Authorization")
                .put("description", "Alma's key in the header, as 'apikey KEY'.");
        ObjectNode tags = document.putArray("tags").addObject();
        tags.put("name", "Alma API").put("description", "Alma's own routes; bodies as Alma documents them.");
        tags.putObject("externalDocs").put("url", "https://developers.exlibrisgroup.com/alma/apis/");
        document.withArray("tags")
                .addObject()
                .put("name", "almasim control plane")
                .put("description", "The simulator's own routes: clock, population, journal, faults, snapshots.");
        ObjectNode paths = document.putObject("paths");
        for (Operation operation : operations) {
            ObjectNode path = paths.has(operation.path())
                    ? (ObjectNode) paths.get(operation.path())
                    : paths.putObject(operation.path());
            path.set(operation.method().toLowerCase(Locale.ROOT), describe(operation));
        }
        return document;
    }

    private static ObjectNode describe(Operation operation) {
        boolean alma = operation.path().startsWith(AlmaLinks.API + "/")
                || operation.path().equals(AlmaLinks.API);
        ObjectNode described = JSON.objectNode();
        described.putArray("tags").add(alma ? "Alma API" : "almasim control plane");
        described.put("operationId", operation.method().toLowerCase(Locale.ROOT) + operation.path());
        described.put("summary", operation.method() + " " + operation.path());
        Matcher parameters = PARAMETER.matcher(operation.path());
        while (parameters.find()) {
            described
                    .withArray("parameters")
                    .addObject()
                    .put("name", parameters.group(1))
                    .put("in", "path")
                    .put("required", true)
                    .putObject("schema")
                    .put("type", "string");
        }
        ObjectNode responses = described.putObject("responses");
        responses.putObject("200").put("description", "Alma's answer (204, with no body, for a DELETE).");
        responses.putObject("400").put("description", "Alma's error, with its code (docs/api-coverage.md).");
        if (alma) {
            responses.putObject("429").put("description", "Alma's PER_SECOND_THRESHOLD or DAILY_THRESHOLD.");
        }
        if (!operation.path().equals(AlmaLinks.HEALTH)) {
            described.putArray("security").addObject().putArray("ApiKeyAuth");
            described.withArray("security").addObject().putArray("ApiKeyHeader");
        }
        return described;
    }
}

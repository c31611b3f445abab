package org.almasim.simulator.openapi;

import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.almasim.simulator.http.AlmaHttp;

/** HTTP for {@code /almasim/v1/openapi.json}: the OpenAPI document of the routes this simulator serves. */
public final class OpenApiController {
    private final Supplier<List<OpenApiDocument.Operation>> operations;

    public OpenApiController(Supplier<List<OpenApiDocument.Operation>> operations) {
        this.operations = operations;
    }

    public void get(Context ctx) {
        String version = Optional.ofNullable(
                        OpenApiController.class.getPackage().getImplementationVersion())
                .orElse("development");
        AlmaHttp.json(
                ctx,
                OpenApiDocument.of(
                        operations.get(), version, AlmaHttp.links(ctx).base()));
    }
}

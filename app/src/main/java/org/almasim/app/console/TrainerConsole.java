package org.almasim.app.console;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorExtension;

/**
 * The trainer console on a simulator: its page at {@code /} (plain files inside the jar, its chart library from a WebJar;
 * no build step) and its routes under {@code /almasim/v1/console}. The page is served only where its routes are.
 */
public final class TrainerConsole implements SimulatorExtension {
    /** The console's page runs only its own files and talks only to its own server; no other page may frame it. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public EndpointGroup routes(Simulator simulator) {
        return ConsoleController.routes(simulator);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = Map.of(
                    "Content-Security-Policy",
                    CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options",
                    "nosniff",
                    "Referrer-Policy",
                    "no-referrer");
        });
        config.staticFiles.enableWebjars();
    }
}

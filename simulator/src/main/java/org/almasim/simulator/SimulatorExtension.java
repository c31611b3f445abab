package org.almasim.simulator;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.config.JavalinConfig;

/**
 * What a program built on the simulator adds to it: routes on the control plane, under {@code /almasim/v1}, and
 * anything else it serves, such as a page's files. The trainer console is one ({@code app/}); a plain simulator has none.
 */
@FunctionalInterface
public interface SimulatorExtension {
    SimulatorExtension NONE = simulator -> () -> {};

    /** The routes added under {@code /almasim/v1}, for the simulator they serve; they pass the same key checks as the rest. */
    EndpointGroup routes(Simulator simulator);

    /** Anything else served, such as static files; nothing by default. */
    default void configure(JavalinConfig config) {}
}

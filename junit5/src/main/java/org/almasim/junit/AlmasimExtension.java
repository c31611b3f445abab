package org.almasim.junit;

import java.time.LocalDate;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts a simulator for a class annotated {@link AlmasimTest} and hands tests its {@link Almasim} handle. */
public final class AlmasimExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(AlmasimExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        AlmasimTest settings = settings(context);
        if (settings.shared()) {
            // The run's root store closes the shared simulator when the whole run ends, even after a failure.
            Running shared = context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent(SHARED, key -> new Running(start(settings)), Running.class);
            Almasim almasim = new Almasim(shared.simulator(), settings, shared.startedOn());
            context.getStore(NAMESPACE).put(Almasim.class, almasim);
            almasim.reset();
            return;
        }
        Running running = new Running(start(settings));
        Almasim almasim = new Almasim(running.simulator(), settings, running.startedOn());
        // Stored closeable: JUnit stops the simulator when the class's context closes, even after a failure.
        context.getStore(NAMESPACE).put(Running.class, running);
        context.getStore(NAMESPACE).put(Almasim.class, almasim);
        almasim.prepare();
    }

    private static final String SHARED = "shared simulator";

    private static Simulator start(AlmasimTest settings) {
        SimulatorConfig config = SimulatorConfig.defaults();
        if (!settings.today().isEmpty()) {
            config = config.withToday(LocalDate.parse(settings.today()));
        }
        return Simulator.create(config).start(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).resetBetweenTests()) {
            almasim(context).reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        context.getStore(NAMESPACE).remove(Almasim.class);
        Running running = context.getStore(NAMESPACE).remove(Running.class, Running.class);
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Almasim.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return almasim(context);
    }

    private static Almasim almasim(ExtensionContext context) {
        Almasim almasim = context.getStore(NAMESPACE).get(Almasim.class, Almasim.class);
        if (almasim == null) {
            throw new ParameterResolutionException("No almasim is running: annotate the test class with @AlmasimTest");
        }
        return almasim;
    }

    private static AlmasimTest settings(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, AlmasimTest.class))
                .orElseThrow(() -> new IllegalStateException("AlmasimExtension needs @AlmasimTest on the test class"));
    }

    /** A started simulator and the date it started on, stopped when the store holding it closes. */
    private record Running(Simulator simulator, LocalDate startedOn) implements AutoCloseable {
        Running(Simulator simulator) {
            this(simulator, simulator.clock().today());
        }

        @Override
        public void close() {
            simulator.close();
        }
    }
}

package org.almasim.junit;

import java.time.LocalDate;
import org.almasim.simulator.Simulator;
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
        Simulator.Config config = Simulator.Config.defaults();
        if (!settings.today().isEmpty()) {
            config = config.withToday(LocalDate.parse(settings.today()));
        }
        Simulator simulator = Simulator.create(config).start(0);
        Almasim almasim = new Almasim(simulator, settings);
        // Stored closeable: JUnit stops the simulator when the class's context closes, even after a failure.
        context.getStore(NAMESPACE).put(Almasim.class, new Running(almasim));
        almasim.prepare();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (settings(context).resetBetweenTests()) {
            almasim(context).reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).remove(Almasim.class, Running.class);
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
        Running running = context.getStore(NAMESPACE).get(Almasim.class, Running.class);
        if (running == null) {
            throw new ParameterResolutionException("No almasim is running: annotate the test class with @AlmasimTest");
        }
        return running.almasim();
    }

    private static AlmasimTest settings(ExtensionContext context) {
        return context.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, AlmasimTest.class))
                .orElseThrow(() -> new IllegalStateException("AlmasimExtension needs @AlmasimTest on the test class"));
    }

    private record Running(Almasim almasim) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            almasim.simulator().close();
        }
    }
}

package org.almasim.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A running almasim for the annotated test class, as {@code @WireMockTest} gives a WireMock: started once on a free
 * port before the class's first test, stopped after its last; an {@link Almasim} parameter gives its base URL, its API
 * key and its control plane.
 *
 * <pre>{@code
 * @AlmasimTest(population = "demo", today = "2024-08-01")
 * class PurgeScriptTest {
 *     @Test
 *     void theScriptPurgesOnlyExpiredPatrons(Almasim alma) { ... alma.baseUrl() ... alma.apiKey() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AlmasimExtension.class)
public @interface AlmasimTest {
    /** The simulated date (YYYY-MM-DD) the simulator starts on; empty for today's date. */
    String today() default "";

    /** A snapshot to start from (a file saved by {@code Almasim.exportTo} or {@code serve --export-on-exit}). */
    String snapshot() default "";

    /** {@code demo}, {@code synthetic:N}, a population document's path, or empty for an empty library. */
    String population() default "";

    /**
     * Member institutions beside the default one, each {@code CODE} or {@code CODE=POPULATION} (such as {@code
     * 01FALSC_FSU=demo}): each has its own library and its own key ({@link Almasim#institution(String)}), as a
     * consortium's members do in Alma (docs/consortium.md).
     */
    String[] institutions() default {};

    /** The seed of a {@code synthetic:N} population. */
    long seed() default 42L;

    /** Empty the library and load the population again before every test, so tests cannot see each other's writes. */
    boolean resetBetweenTests() default false;

    /**
     * Share one simulator with every other {@code shared} class of the test run, instead of starting one for this class:
     * it starts before the first such class and stops when the run ends. Each class still begins from its own
     * annotation (the library, journal and faults emptied, then its snapshot, date and population), so classes cannot
     * see each other's writes; a class that names no date begins on the date the shared simulator started on.
     */
    boolean shared() default false;
}

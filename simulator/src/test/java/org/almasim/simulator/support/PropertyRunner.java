package org.almasim.simulator.support;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Property tests on plain JUnit 5 with our own seeded generators (no jqwik, at its maintainers' request).
 * Runs {@code cases} generated cases; on the first failure it shrinks the case to a smaller one that still fails and
 * reports the invariant, the seed, the case number and the shrunk case. Replay with {@code -Dalmasim.property.seed=S}.
 * {@code -Dalmasim.property.seed=random} draws a new seed and prints it, to explore cases no earlier run tried. The
 * default stays fixed, so CI is deterministic; cases drawn seeds found are listed in docs/scenarios.md.
 */
public final class PropertyRunner {
    public static final long SEED = seed("almasim.property.seed", 20241022L);
    public static final int CASES = Integer.getInteger("almasim.property.cases", 200);

    /** Runs {@code cases} cases instead of the default (for properties whose cases are expensive). */
    public static <T> void check(
            String invariant, int cases, Generator<T> generator, Property<T> property, Shrinker<T> shrinker) {
        run(invariant, cases, generator, property, shrinker);
    }

    private PropertyRunner() {}

    /**
     * The seed named by the system property {@code name}; {@code fixed} when it is not set; a new one drawn for this run
     * and printed with the line that replays it when it is {@code random} (a failure's message repeats it).
     */
    public static long seed(String name, long fixed) {
        String given = System.getProperty(name);
        if (given == null || given.isBlank()) {
            return fixed;
        }
        if (!given.equalsIgnoreCase("random")) {
            return Long.parseLong(given.trim());
        }
        long drawn = new SecureRandom().nextLong();
        System.out.println("Seed drawn for this run: " + drawn + " (replay with -D" + name + "=" + drawn + ")");
        return drawn;
    }

    /** A property answers what went wrong, or nothing when it holds for the case. */
    public interface Property<T> extends Function<T, Optional<String>> {}

    /** Smaller variants of a case, most aggressive first; an empty list means it cannot shrink. */
    public interface Shrinker<T> extends Function<T, List<T>> {
        static <T> Shrinker<T> none() {
            return t -> List.of();
        }
    }

    public interface Generator<T> {
        T generate(SplittableRandom random, int index);
    }

    public static <T> void check(String invariant, Generator<T> generator, Property<T> property, Shrinker<T> shrinker) {
        run(invariant, CASES, generator, property, shrinker);
    }

    private static <T> void run(
            String invariant, int cases, Generator<T> generator, Property<T> property, Shrinker<T> shrinker) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < cases; i++) {
            T example = generator.generate(random.split(), i);
            Optional<Failure> failure = attempt(property, example);
            if (failure.isPresent()) {
                Shrunk<T> shrunk = shrink(example, failure.get(), property, shrinker);
                // The shrunk case's exception, if it threw one, is the cause: its stack trace says where it broke.
                throw new AssertionError(
                        "Invariant broken: " + invariant + "\n  seed " + SEED + ", case " + i + " of " + cases
                                + " (replay: -Dalmasim.property.seed=" + SEED + ")\n  shrunk in " + shrunk.steps
                                + " steps to: " + shrunk.example
                                + "\n  failure: " + shrunk.failure.message(),
                        shrunk.failure.thrown().orElse(null));
            }
        }
    }

    /** What went wrong with a case, and the exception it threw if it threw one. */
    private record Failure(String message, Optional<Throwable> thrown) {}

    /** An exception is a failure like any other, so it is reported with its seed and shrunk too. */
    private static <T> Optional<Failure> attempt(Property<T> property, T example) {
        try {
            return property.apply(example).map(message -> new Failure(message, Optional.empty()));
        } catch (RuntimeException | AssertionError e) {
            return Optional.of(new Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.of(e)));
        }
    }

    private record Shrunk<T>(T example, Failure failure, int steps) {}

    private static <T> Shrunk<T> shrink(T example, Failure failure, Property<T> property, Shrinker<T> shrinker) {
        T current = example;
        Failure currentFailure = failure;
        int steps = 0;
        boolean progress = true;
        while (progress && steps < 500) {
            progress = false;
            for (T candidate : shrinker.apply(current)) {
                Optional<Failure> candidateFailure = attempt(property, candidate);
                if (candidateFailure.isPresent()) {
                    current = candidate;
                    currentFailure = candidateFailure.get();
                    steps++;
                    progress = true;
                    break;
                }
            }
        }
        return new Shrunk<>(current, currentFailure, steps);
    }
}

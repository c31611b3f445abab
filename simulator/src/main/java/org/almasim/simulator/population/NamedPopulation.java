package org.almasim.simulator.population;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;

/**
 * A population as the command line, the JUnit extension and the control plane's institutions name one: {@code demo},
 * {@code synthetic:N} (N patrons from a seed) or a population document's path.
 */
public final class NamedPopulation {
    /** The most patrons {@code synthetic:N} makes: the largest population almasim is measured with. */
    public static final int MAX_SYNTHETIC = 1_000_000;

    private static final String SYNTHETIC = "synthetic:";

    private NamedPopulation() {}

    /**
     * Refuses, with an IllegalArgumentException, a {@code synthetic:N} whose N is not a number from 1 to
     * {@value #MAX_SYNTHETIC}; any other name is {@code demo} or a file, read when it is loaded.
     */
    public static void check(String named) {
        if (!named.startsWith(SYNTHETIC)) {
            return;
        }
        String count = named.substring(SYNTHETIC.length());
        if (!count.matches("[0-9]{1,7}") || Integer.parseInt(count) < 1 || Integer.parseInt(count) > MAX_SYNTHETIC) {
            throw new IllegalArgumentException(
                    "synthetic:N needs a number of patrons from 1 to " + MAX_SYNTHETIC + ", got " + named);
        }
    }

    /** Whether the name asks for a generated population, loaded in chunks ({@link #chunks}). */
    public static boolean isSynthetic(String named) {
        return named.startsWith(SYNTHETIC);
    }

    /**
     * A synthetic population's documents, in the order they load: in chunks, so a million patrons never sit in memory
     * at once.
     */
    public static Iterator<Population> chunks(String named, long seed, LocalDate today) {
        check(named);
        return SyntheticPopulation.chunks(seed, Integer.parseInt(named.substring(SYNTHETIC.length())), today);
    }

    /**
     * The one document {@code demo} or a file's path names. A file that cannot be read is an IllegalArgumentException.
     */
    public static Population document(String named) {
        if (named.equals("demo")) {
            return PopulationService.demo();
        }
        try {
            return PopulationService.parse(Files.readAllBytes(Path.of(named)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the population file " + named + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}

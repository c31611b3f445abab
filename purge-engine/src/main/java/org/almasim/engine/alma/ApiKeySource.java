package org.almasim.engine.alma;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where an API key comes from besides the command line, which `ps` and the shell's history show: an environment
 * variable, or a file's first line. One reading for the command line's options and the consortium file's members.
 */
public final class ApiKeySource {
    private ApiKeySource() {}

    /** The key in {@code variable}; an IllegalArgumentException says it is not set. */
    public static String fromEnvironment(String variable, Function<String, Optional<String>> environment) {
        return environment
                .apply(variable)
                .map(String::strip)
                .filter(key -> !key.isEmpty())
                .orElseThrow(
                        () -> new IllegalArgumentException("the environment variable " + variable + " is not set"));
    }

    /**
     * The key from exactly one of an environment variable and a file, given by the options named; an
     * IllegalArgumentException names the option at fault and why.
     */
    public static String fromOneOf(String envOption, String variable, String fileOption, Path file) {
        if ((variable == null) == (file == null)) {
            throw new IllegalArgumentException("give one of " + envOption + " VAR and " + fileOption + " FILE");
        }
        try {
            return variable != null
                    ? fromEnvironment(variable, name -> Optional.ofNullable(System.getenv(name)))
                    : fromFile(file);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((variable != null ? envOption : fileOption) + ": " + e.getMessage());
        }
    }

    /** The key on the file's first line; an IllegalArgumentException says why there is none. */
    public static String fromFile(Path file) {
        String key;
        try {
            key = Files.readAllLines(file).stream().findFirst().orElse("").strip();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("the file " + file + " cannot be read");
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the file " + file + " holds no key on its first line");
        }
        return key;
    }
}

package org.almasim.simulator.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys the simulator accepts, each read-write or read-only, as in Alma's developer network.
 * Given as {@code KEY} or {@code KEY:ro}; with none given, the documented development key is accepted.
 */
public final class ApiKeys {
    public static final String DEVELOPMENT_KEY = "l8xxalmasimdevelopmentkey";

    public enum Access {
        READ_WRITE,
        READ_ONLY
    }

    private final Map<String, Access> keys;

    private ApiKeys(Map<String, Access> keys) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    static final int MAX_KEYS = 20;
    static final int MAX_KEY_LENGTH = 200;

    public static ApiKeys parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            return new ApiKeys(Map.of(DEVELOPMENT_KEY, Access.READ_WRITE));
        }
        Map<String, Access> keys = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec.endsWith(":ro")) {
                keys.put(spec.substring(0, spec.length() - 3), Access.READ_ONLY);
            } else if (spec.endsWith(":rw")) {
                keys.put(spec.substring(0, spec.length() - 3), Access.READ_WRITE);
            } else {
                keys.put(spec, Access.READ_WRITE);
            }
        }
        if (keys.size() > MAX_KEYS) {
            throw new IllegalArgumentException("An institution has at most " + MAX_KEYS + " API keys");
        }
        keys.keySet().forEach(key -> {
            if (key.isBlank()) {
                throw new IllegalArgumentException("An API key cannot be empty");
            }
            if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > ' ' && c < 127)) {
                throw new IllegalArgumentException(
                        "An API key is 1 to " + MAX_KEY_LENGTH + " printable ASCII characters without spaces");
            }
        });
        return new ApiKeys(keys);
    }

    /** True when the public development key is the only key: anyone may use it, so nothing is secret. */
    public boolean developmentKeyOnly() {
        return keys.size() == 1 && keys.containsKey(DEVELOPMENT_KEY);
    }

    public Optional<Access> access(String key) {
        return Optional.ofNullable(key == null ? null : keys.get(key));
    }

    /** A key that may write, for clients inside the simulator's own process (the trainer console's policy runs). */
    public Optional<String> readWriteKey() {
        return keys.entrySet().stream()
                .filter(e -> e.getValue() == Access.READ_WRITE)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Every key, read-write and read-only. */
    public Set<String> all() {
        return keys.keySet();
    }

    public List<String> describe() {
        return keys.entrySet().stream()
                .map(e -> e.getKey() + (e.getValue() == Access.READ_ONLY ? " (read-only)" : " (read-write)"))
                .toList();
    }
}

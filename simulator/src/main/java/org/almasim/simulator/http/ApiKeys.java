package org.almasim.simulator.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys the simulator accepts, each read-write or read-only, as in Alma's developer network.
 * Given as {@code KEY} or {@code KEY:ro}; with none given, the documented development key is accepted. A key the
 * simulator kept on disk is kept as its SHA-256 ({@code sha256:HEX}, {@code sha256:HEX:ro}), never in clear: after a
 * restart it still opens its institution, though nothing can tell what it was.
 *
 * <p>Each institution also has a key of its own process, random and never written anywhere, which its trainer console
 * uses to call the API: the console needs none of its users' keys.
 */
public final class ApiKeys {
    public static final String DEVELOPMENT_KEY = "l8xxalmasimdevelopmentkey";

    /** How a key kept by its hash is written: {@code sha256:} and 64 hexadecimal digits. */
    public static final String HASHED = "sha256:";

    public enum Access {
        READ_WRITE,
        READ_ONLY
    }

    private final Map<String, Access> keys;
    /** Keys known by their hash only (those a restart read back), by hash. */
    private final Map<String, Access> hashed;
    /** The development key of the institution these keys open, which anyone may know as they may know its code. */
    private final Optional<String> institutionKey;

    private final String processKey = randomKey();

    private ApiKeys(Map<String, Access> keys, Map<String, Access> hashed, Optional<String> institutionKey) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.hashed = Collections.unmodifiableMap(new LinkedHashMap<>(hashed));
        this.institutionKey = institutionKey;
    }

    /** The public read-write key an institution gets when none is given: {@code l8xx} and its code in small letters. */
    public static String developmentKey(String institutionCode) {
        return "l8xx" + institutionCode.toLowerCase(Locale.ROOT).replace("_", "");
    }

    /** These keys as those of the institution with this code, whose development key is public. */
    public ApiKeys of(String institutionCode) {
        return new ApiKeys(keys, hashed, Optional.of(developmentKey(institutionCode)));
    }

    /** Whether anyone may know the key: the documented development key, or the institution's own. */
    public boolean isPublic(String key) {
        return key.equals(DEVELOPMENT_KEY) || institutionKey.map(key::equals).orElse(false);
    }

    /** Whether every key is public (the institution opens with development keys only): nothing of it is secret. */
    public boolean onlyPublicKeys() {
        return hashed.isEmpty() && keys.keySet().stream().allMatch(this::isPublic);
    }

    static final int MAX_KEYS = 20;
    static final int MAX_KEY_LENGTH = 200;

    public static ApiKeys parse(List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            return new ApiKeys(Map.of(DEVELOPMENT_KEY, Access.READ_WRITE), Map.of(), Optional.empty());
        }
        Map<String, Access> keys = new LinkedHashMap<>();
        Map<String, Access> hashed = new LinkedHashMap<>();
        for (String spec : specs) {
            Access access = spec.endsWith(":ro") ? Access.READ_ONLY : Access.READ_WRITE;
            String key = spec.endsWith(":ro") || spec.endsWith(":rw") ? spec.substring(0, spec.length() - 3) : spec;
            if (key.startsWith(HASHED)) {
                String hash = key.substring(HASHED.length());
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("A key kept as its hash is sha256: and 64 hexadecimal digits");
                }
                hashed.put(hash, access);
            } else {
                keys.put(key, access);
            }
        }
        if (keys.size() + hashed.size() > MAX_KEYS) {
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
        return new ApiKeys(keys, hashed, Optional.empty());
    }

    /** A key's SHA-256, in lowercase hexadecimal: how a key is found, and how it is kept on disk. */
    public static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /** True when the public development key is the only key: anyone may use it, so nothing is secret. */
    public boolean developmentKeyOnly() {
        return keys.size() == 1 && keys.containsKey(DEVELOPMENT_KEY) && hashed.isEmpty();
    }

    public Optional<Access> access(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.equals(processKey)) {
            return Optional.of(Access.READ_WRITE);
        }
        Access access = keys.get(key);
        return Optional.ofNullable(access != null ? access : hashed.isEmpty() ? null : hashed.get(hash(key)));
    }

    /** A key given in clear that may write (a test's handle hands it to the code under test). */
    public Optional<String> readWriteKey() {
        return keys.entrySet().stream()
                .filter(e -> e.getValue() == Access.READ_WRITE)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The read-write key of this process, never written anywhere: the trainer console's. */
    public String processKey() {
        return processKey;
    }

    /** Every key given in clear, read-write and read-only. */
    public Set<String> all() {
        return keys.keySet();
    }

    /** The hash of every key that opens the institution, the process's own included: how a request finds it. */
    public Set<String> hashes() {
        Set<String> all = new LinkedHashSet<>(ownHashes());
        all.add(hash(processKey));
        return all;
    }

    /** The hash of every key given for the institution, in clear or by its hash (not the process's own). */
    public Set<String> ownHashes() {
        Set<String> all = new LinkedHashSet<>();
        keys.keySet().forEach(key -> all.add(hash(key)));
        all.addAll(hashed.keySet());
        return all;
    }

    /** The keys as they may be written to disk: each as its hash, but the public ones ({@link #isPublic}) as they are. */
    public List<String> kept() {
        List<String> kept = new ArrayList<>();
        keys.forEach((key, access) ->
                kept.add((isPublic(key) ? key : HASHED + hash(key)) + (access == Access.READ_ONLY ? ":ro" : "")));
        hashed.forEach((hash, access) -> kept.add(HASHED + hash + (access == Access.READ_ONLY ? ":ro" : "")));
        return kept;
    }

    /** The keys as they may be shown or answered: each as its last four characters, the public ones whole. */
    public List<String> describe() {
        List<String> described = new ArrayList<>();
        keys.forEach((key, access) ->
                described.add((isPublic(key) ? key : "key ending " + key.substring(Math.max(0, key.length() - 4)))
                        + describe(access)));
        hashed.values().forEach(access -> described.add("a key kept only as its hash" + describe(access)));
        return described;
    }

    private static String describe(Access access) {
        return access == Access.READ_ONLY ? " (read-only)" : " (read-write)";
    }

    private static String randomKey() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "l8xxprocess" + HexFormat.of().formatHex(random);
    }
}

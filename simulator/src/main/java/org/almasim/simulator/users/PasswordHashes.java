package org.almasim.simulator.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A patron's password as it is stored: never in clear, but as a salted PBKDF2-HMAC-SHA256 hash from the JDK's own
 * cryptography (no library that another project's dependencies could clash with). Written
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, so that a database or snapshot written with fewer iterations still checks
 * after the count is raised. 210,000 iterations take about 60 ms here: slow for whoever holds a stolen copy, and still
 * quick enough for a test that creates a few dozen patrons with passwords.
 */
public final class PasswordHashes {
    static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";
    /** How every stored hash starts; a stored password without it is one kept in clear by an older almasim. */
    public static final String PREFIX = SCHEME + "$";

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {}

    /** The stored form of a password a client sent. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} is the one {@code stored} was made from; a stored value not of this form never is. */
    public static boolean matches(String password, String stored) {
        return parse(stored)
                .map(parsed ->
                        MessageDigest.isEqual(derive(password, parsed.salt(), parsed.iterations()), parsed.hash()))
                .orElse(false);
    }

    /** Whether a stored value is a hash of this form (a snapshot's password column must be one). */
    public static boolean isHash(String stored) {
        return parse(stored).isPresent();
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Optional<Parsed> parse(String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[0-9]{1,8}")) {
            return Optional.empty();
        }
        int iterations = Integer.parseInt(parts[1]);
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            boolean sane = iterations >= 1 && iterations <= MAX_ITERATIONS && salt.length >= 8 && hash.length == 32;
            return sane ? Optional.of(new Parsed(iterations, salt, hash)) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance(ALGORITHM)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no " + ALGORITHM, e);
        }
    }
}

package org.almasim.engine.copy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generated stand-ins for what identifies a person, keyed by a secret the library keeps (the salt file): the same
 * source value and the same salt always give the same pseudonym, so two copies a month apart line up, and without the
 * salt a pseudonym cannot be traced back (HMAC-SHA256; a plain hash of a primary id could be reversed by trying ids).
 */
public final class Pseudonyms {
    /** Syllables generated names are made of: readable, and unlike any real person's name. */
    private static final String[] SYLLABLES = {
        "ba", "be", "bo", "da", "de", "di", "fa", "fo", "ga", "ki", "ko", "la", "le", "lu", "ma", "mi", "mo", "na",
        "ne", "no", "pa", "pe", "ra", "ri", "ro", "sa", "se", "ta", "ti", "to", "va", "vo", "za", "zu"
    };

    private static final int SALT_BYTES = 32;

    private final byte[] salt;

    private Pseudonyms(byte[] salt) {
        this.salt = salt.clone();
    }

    /** Pseudonyms under this secret (tests; a library keeps its salt in a file). */
    public static Pseudonyms withSalt(byte[] salt) {
        if (salt.length < 16) {
            throw new IllegalArgumentException("a salt needs at least 16 bytes");
        }
        return new Pseudonyms(salt);
    }

    /**
     * The salt kept in {@code file}, made there (readable by its owner only) when the file does not exist yet. Answers
     * whether it was made, so the command can tell the user to keep it.
     */
    public static Loaded fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] salt = new byte[SALT_BYTES];
                new SecureRandom().nextBytes(salt);
                write(file, HexFormat.of().formatHex(salt) + "\n");
                return new Loaded(new Pseudonyms(salt), true);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!text.matches("[0-9a-f]{32,128}")) {
                throw new IllegalArgumentException("the salt file " + file
                        + " does not hold a salt (32 to 128 hexadecimal digits); give another --salt-file, or remove"
                        + " it to make a new one (pseudonyms then change)");
            }
            return new Loaded(new Pseudonyms(HexFormat.of().parseHex(text)), false);
        } catch (IOException e) {
            throw new IllegalArgumentException("the salt file " + file + " cannot be read or written: " + e);
        }
    }

    /** Pseudonyms read from a salt file, and whether the file was made just now. */
    public record Loaded(Pseudonyms pseudonyms, boolean made) {}

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(e);
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    /**
     * A short fingerprint of the salt, which reveals nothing of it: kept in a copy's state so that a resume with
     * another salt, which would give other pseudonyms half-way, is refused.
     */
    public String fingerprint() {
        return hex("fingerprint", "").substring(0, 16);
    }

    /** A primary id's stand-in ({@code p-} and 16 letters and digits); ids are compared without case, as Alma does. */
    public String primaryId(String id) {
        return "p-" + hex("primary_id", id.toLowerCase(Locale.ROOT)).substring(0, 16);
    }

    /** An identifier value's or a barcode's stand-in, of its type. */
    public String identifier(String type, String value) {
        return "i-" + hex("identifier:" + type, value.toLowerCase(Locale.ROOT)).substring(0, 16);
    }

    /** An item barcode's stand-in. */
    public String barcode(String barcode) {
        return "b-" + hex("barcode", barcode).substring(0, 16);
    }

    /** A generated first name of two syllables, such as {@code Lomi}. */
    public String firstName(String primaryId) {
        return name("first_name", primaryId, 2);
    }

    /** A generated last name of three syllables, such as {@code Bedaku}. */
    public String lastName(String primaryId) {
        return name("last_name", primaryId, 3);
    }

    private String name(String kind, String primaryId, int syllables) {
        String digest = hex(kind, primaryId.toLowerCase(Locale.ROOT));
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < syllables; i++) {
            name.append(SYLLABLES[Integer.parseInt(digest.substring(2 * i, 2 * i + 2), 16) % SYLLABLES.length]);
        }
        name.setCharAt(0, Character.toUpperCase(name.charAt(0)));
        return name.toString();
    }

    /** An address at example.org, which no mail reaches. */
    public String email(String address) {
        return "e-" + hex("email", address.toLowerCase(Locale.ROOT)).substring(0, 16) + "@example.org";
    }

    /** A phone number in the range kept for fiction (555-01xx). */
    public String phone(String number) {
        return String.format("555-01%02d", index("phone", number, 100));
    }

    private int index(String kind, String value, int size) {
        return Math.floorMod(Integer.parseUnsignedInt(hex(kind, value).substring(0, 7), 16), size);
    }

    private String hex(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}

package org.almasim.engine.copy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.almasim.engine.alma.AlmaJson;

/**
 * Where a copy stands, written after every page so that an interrupted or stopped copy resumes there: what it copies
 * (never the key, never a person's data: only counts, offsets and the salt's fingerprint) and how far it got.
 */
// A state file of an earlier almasim (its counts kept flat) still resumes: its offsets are what matter.
@JsonIgnoreProperties(ignoreUnknown = true)
public record CopyState(
        @JsonProperty("source") String source,
        @JsonProperty("scope") String scope,
        @JsonProperty("salt_fingerprint") String saltFingerprint,
        @JsonProperty("keep_ids") boolean keepIds,
        @JsonProperty("codes_copied") boolean codesCopied,
        @JsonProperty("next_offset") int nextOffset,
        @JsonProperty("total") int total,
        @JsonProperty("copied") Copied copied,
        @JsonProperty("finished") boolean finished) {

    /** What the copy has loaded so far. */
    public record Copied(
            @JsonProperty("users") int users,
            @JsonProperty("loans") int loans,
            @JsonProperty("fees") int fees,
            @JsonProperty("requests") int requests,
            @JsonProperty("sets") int sets) {
        public static final Copied NOTHING = new Copied(0, 0, 0, 0, 0);

        /** These and {@code more} (whose sets are not counted: sets are copied once, at the end). */
        Copied plus(Copied more) {
            return new Copied(users + more.users, loans + more.loans, fees + more.fees, requests + more.requests, sets);
        }
    }

    public CopyState {
        copied = copied == null ? Copied.NOTHING : copied;
    }

    /** A copy about to start. */
    public static CopyState start(String source, String scope, String saltFingerprint, boolean keepIds) {
        return new CopyState(source, scope, saltFingerprint, keepIds, false, 0, -1, Copied.NOTHING, false);
    }

    public CopyState withCodesCopied() {
        return new CopyState(source, scope, saltFingerprint, keepIds, true, nextOffset, total, copied, finished);
    }

    public CopyState withTotal(int total) {
        return new CopyState(source, scope, saltFingerprint, keepIds, codesCopied, nextOffset, total, copied, finished);
    }

    /** After a page: {@code read} more users of the scope gone through, {@code more} loaded. */
    public CopyState after(int read, Copied more) {
        return new CopyState(
                source,
                scope,
                saltFingerprint,
                keepIds,
                codesCopied,
                nextOffset + read,
                total,
                copied.plus(more),
                finished);
    }

    public CopyState finishedWith(int sets) {
        Copied all = new Copied(copied.users, copied.loans, copied.fees, copied.requests, sets);
        return new CopyState(source, scope, saltFingerprint, keepIds, codesCopied, nextOffset, total, all, true);
    }

    public int users() {
        return copied.users();
    }

    /**
     * Why this state cannot be resumed by a copy of {@code source} and {@code scope} under this salt; empty when it can.
     */
    public Optional<String> refusesResumeBy(CopyState wanted) {
        if (!source.equals(wanted.source) || !scope.equals(wanted.scope)) {
            return Optional.of("the state file is of a copy of " + source + " (" + scope + "), not of " + wanted.source
                    + " (" + wanted.scope + ")");
        }
        if (!saltFingerprint.equals(wanted.saltFingerprint) || keepIds != wanted.keepIds) {
            return Optional.of("the state file is of a copy made with another salt or --keep-ids: resumed, its"
                    + " pseudonyms would change half-way");
        }
        if (finished) {
            return Optional.of("the copy in the state file has finished; remove the state file to copy again");
        }
        return Optional.empty();
    }

    public static Optional<CopyState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AlmaJson.MAPPER.readValue(file.toFile(), CopyState.class));
        } catch (IOException e) {
            throw new IllegalArgumentException("the state file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Written to a file beside it first, then moved over it: a crash leaves the old state or the new, never half. */
    public void write(Path file) {
        try {
            Path written = file.resolveSibling(file.getFileName() + ".new");
            AlmaJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(written.toFile(), this);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("the state file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}

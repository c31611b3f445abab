package org.almasim.engine.copy;

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
public record CopyState(
        @JsonProperty("source") String source,
        @JsonProperty("scope") String scope,
        @JsonProperty("salt_fingerprint") String saltFingerprint,
        @JsonProperty("keep_ids") boolean keepIds,
        @JsonProperty("codes_copied") boolean codesCopied,
        @JsonProperty("next_offset") int nextOffset,
        @JsonProperty("total") int total,
        @JsonProperty("users") int users,
        @JsonProperty("loans") int loans,
        @JsonProperty("fees") int fees,
        @JsonProperty("sets") int sets,
        @JsonProperty("finished") boolean finished) {

    /** A copy about to start. */
    public static CopyState start(String source, String scope, String saltFingerprint, boolean keepIds) {
        return new CopyState(source, scope, saltFingerprint, keepIds, false, 0, -1, 0, 0, 0, 0, false);
    }

    public CopyState withCodesCopied() {
        return new CopyState(
                source, scope, saltFingerprint, keepIds, true, nextOffset, total, users, loans, fees, sets, finished);
    }

    public CopyState withTotal(int total) {
        return new CopyState(
                source,
                scope,
                saltFingerprint,
                keepIds,
                codesCopied,
                nextOffset,
                total,
                users,
                loans,
                fees,
                sets,
                finished);
    }

    public CopyState after(int read, int users, int loans, int fees) {
        return new CopyState(
                source,
                scope,
                saltFingerprint,
                keepIds,
                codesCopied,
                nextOffset + read,
                total,
                this.users + users,
                this.loans + loans,
                this.fees + fees,
                sets,
                finished);
    }

    public CopyState finishedWith(int sets) {
        return new CopyState(
                source,
                scope,
                saltFingerprint,
                keepIds,
                codesCopied,
                nextOffset,
                total,
                users,
                loans,
                fees,
                sets,
                true);
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

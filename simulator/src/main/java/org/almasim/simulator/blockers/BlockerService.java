package org.almasim.simulator.blockers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.almasim.simulator.blockers.BlockerRepository.StoredBlocker;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.deletion.BlockerKind;
import org.almasim.simulator.deletion.DeletionBlocker;
import org.almasim.simulator.deletion.DeletionBlockers;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.TextLimits;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;

/**
 * The control plane's view of what stops a user's deletion ({@code /almasim/v1/users/{id}/blockers}): the blockers
 * kept as data, which trainers and tests set, and every reason the user cannot be deleted right now.
 */
public final class BlockerService {
    private final DSLContext dsl;
    private final UserService users;
    private final CodeTables codes;

    public BlockerService(DSLContext dsl, UserService users, CodeTables codes) {
        this.dsl = dsl;
        this.users = users;
        this.codes = codes;
    }

    /** A blocker as the control plane reads and writes it. */
    public record Blocker(
            @JsonProperty("kind") String kind,
            @JsonProperty("detail") String detail) {}

    public record Blockers(@JsonProperty("blocker") List<Blocker> blocker) {}

    /** The kept blockers, and every reason (loans and fees included) that {@code DELETE /users/{id}} would give now. */
    public record View(
            @JsonProperty("primary_id") String primaryId,
            @JsonProperty("blocker") List<Blocker> blocker,
            @JsonProperty("deletion_blocked_by") List<DeletionBlocker> deletionBlockedBy) {}

    public View view(String userId) {
        long key = users.keyOf(dsl, userId, null);
        List<Blocker> kept = new BlockerRepository(dsl)
                .of(key).stream()
                        .map(b -> new Blocker(b.kind().name(), b.detail()))
                        .toList();
        return new View(userId, kept, DeletionBlockers.of(dsl, key, BigDecimal.ZERO, codes.currency()));
    }

    /** Replaces the user's kept blockers with these; an unknown kind changes nothing. */
    public View replace(String userId, Blockers body) {
        TextLimits.check(body, Map.of("detail", 1000));
        List<StoredBlocker> blockers = parse(body == null ? List.of() : body.blocker());
        dsl.transaction(tx -> {
            long key = users.lockedKey(tx.dsl(), userId, null);
            new BlockerRepository(tx.dsl()).replace(key, blockers);
        });
        return view(userId);
    }

    public static List<StoredBlocker> parse(List<Blocker> blockers) {
        if (blockers == null) {
            return List.of();
        }
        return blockers.stream()
                .map(b -> new StoredBlocker(kind(b.kind()), b.detail()))
                .toList();
    }

    public static BlockerKind kind(String name) {
        try {
            return BlockerKind.valueOf(name == null ? "" : name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "kind must be one of " + Arrays.toString(BlockerKind.values()) + ", got '" + name + "'.");
        }
    }
}

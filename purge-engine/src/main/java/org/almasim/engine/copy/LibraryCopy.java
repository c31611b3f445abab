package org.almasim.engine.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaSets;

/**
 * Copies an Alma institution's users, with their active loans and fees, the code tables purge rules read, and its user
 * sets, through Alma's REST API only (a read-only key is enough), anonymized ({@link AnonymizedUser}), into population
 * documents (docs/population.md) that a {@link Target} loads: a running almasim, or one writing a snapshot. A page of
 * users at a time: nothing held grows with the library, and the state written after each page lets a stopped copy go
 * on where it stopped, reading no user twice.
 */
public final class LibraryCopy {
    /** Where the copy's documents go, one at a time, in order. */
    public interface Target {
        void load(ObjectNode populationDocument);
    }

    /** How far a copy is: users copied of the total, and the calls spent. */
    public record Progress(int copied, int total, long calls) {}

    /** What a copy reads: the whole library, the users a {@code q} finds, or the members of a set. */
    public record Scope(Optional<String> query, Optional<String> setName) {
        public static final Scope WHOLE_LIBRARY = new Scope(Optional.empty(), Optional.empty());

        /** As the state file names it. */
        public String describe() {
            return query.map(q -> "q=" + q)
                    .or(() -> setName.map(s -> "set=" + s))
                    .orElse("all users");
        }
    }

    private static final String USERS = AlmaClient.API + "/users";

    private final AlmaClient source;
    private final Pseudonyms pseudonyms;
    private final boolean keepIds;
    private final Scope scope;
    private final Target target;
    private final Path stateFile;
    private final long callsToLeave;
    private final Consumer<Progress> progress;

    /**
     * @param callsToLeave the copy stops, its state saved, before Alma's count of the day's calls left
     *     ({@code X-Exl-Api-Remaining}) falls below this, leaving the institution's other integrations their share
     */
    public LibraryCopy(
            AlmaClient source,
            Pseudonyms pseudonyms,
            boolean keepIds,
            Scope scope,
            Target target,
            Path stateFile,
            long callsToLeave,
            Consumer<Progress> progress) {
        this.source = source;
        this.pseudonyms = pseudonyms;
        this.keepIds = keepIds;
        this.scope = scope;
        this.target = target;
        this.stateFile = stateFile;
        this.callsToLeave = callsToLeave;
        this.progress = progress;
    }

    /** The state a new copy of this source and scope starts from. */
    public CopyState newState() {
        return CopyState.start(source.address(), scope.describe(), pseudonyms.fingerprint(), keepIds);
    }

    /** How many users the scope holds: one call, for telling how long the copy will take before it starts. */
    public int usersInScope() {
        return list(0, 1).path("total_record_count").asInt();
    }

    /** Copies from {@code state} to the end; throws {@link CopyStopped}, with the state saved, when it must stop. */
    public CopyState copy(CopyState state) {
        if (!state.codesCopied()) {
            target.load(CodeTableCopy.of(source));
            state = state.withCodesCopied();
            state.write(stateFile);
        }
        while (true) {
            JsonNode page = list(state.nextOffset(), AlmaClient.PAGE);
            state = state.withTotal(page.path("total_record_count").asInt());
            PageCopy copy = new PageCopy(source, pseudonyms, this::copiedId);
            for (JsonNode listed : page.path(scope.setName().isPresent() ? "member" : "user")) {
                String id = listed.path(scope.setName().isPresent() ? "id" : "primary_id")
                        .asText();
                try {
                    stopBeforeTheDayIsSpent();
                    copy.add(id);
                } catch (AlmaApiException | DayNearlySpent e) {
                    state = save(state, copy);
                    throw new CopyStopped(stopReason(e), state, e);
                }
            }
            if (copy.read == 0) {
                break;
            }
            state = save(state, copy);
            progress.accept(new Progress(state.users(), state.total(), source.calls()));
            if (state.nextOffset() >= state.total()) {
                break;
            }
        }
        int sets = scope.equals(Scope.WHOLE_LIBRARY) ? new SetCopy(source, this::copiedId, target).copyAll() : 0;
        state = state.finishedWith(sets);
        state.write(stateFile);
        return state;
    }

    private CopyState save(CopyState state, PageCopy copy) {
        if (copy.read == 0) {
            return state;
        }
        target.load(copy.document());
        CopyState next = state.after(
                copy.read,
                new CopyState.Copied(copy.users.size(), copy.loans.size(), copy.fees.size(), copy.requests.size(), 0));
        next.write(stateFile);
        return next;
    }

    private static String stopReason(Exception e) {
        if (e instanceof DayNearlySpent
                || e instanceof AlmaApiException alma && alma.code().equals(AlmaClient.DAILY_THRESHOLD)) {
            return "Alma's daily API threshold is nearly spent (" + e.getMessage() + "); what was read is kept: run"
                    + " the same command with --resume tomorrow";
        }
        return "Alma refused a call: " + e.getMessage() + "; what was read is kept: run the same command with --resume";
    }

    private void stopBeforeTheDayIsSpent() {
        OptionalLong left = source.remainingToday();
        if (left.isPresent() && left.getAsLong() < callsToLeave) {
            throw new DayNearlySpent(left.getAsLong() + " calls left today, under the " + callsToLeave
                    + " the copy leaves the institution");
        }
    }

    /** The day's calls left are fewer than the copy leaves for the institution's other work. */
    private static final class DayNearlySpent extends RuntimeException {
        DayNearlySpent(String why) {
            super(why);
        }
    }

    private JsonNode list(int offset, int limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", String.valueOf(limit));
        query.put("offset", String.valueOf(offset));
        if (scope.setName().isPresent()) {
            return source.get(SetCopy.SETS + "/" + setId() + "/members", query);
        }
        query.put("order_by", "primary_id");
        scope.query().ifPresent(q -> query.put("q", q));
        return source.get(USERS, query);
    }

    private String setId;

    /** The id of the set the scope names, looked up once (Alma's set names are unique). */
    private String setId() {
        if (setId == null) {
            String name = scope.setName().orElseThrow();
            setId = new AlmaSets(source)
                    .idOf(name)
                    .orElseThrow(() -> new IllegalArgumentException("Alma has no set of users named '" + name + "'"));
        }
        return setId;
    }

    private String copiedId(String sourceId) {
        return keepIds ? sourceId : pseudonyms.primaryId(sourceId);
    }
}

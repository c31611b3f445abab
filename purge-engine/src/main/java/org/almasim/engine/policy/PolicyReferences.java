package org.almasim.engine.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaSets;

/**
 * A policy's names checked against the Alma it is about to run on, before anything is read or written: every set it
 * names exists and holds users, every user group and record type is a code of the institution. A misspelt protected
 * set would otherwise protect nobody, silently. Codes are read through Alma's Configuration API, as any client of a
 * real Alma reads them.
 */
public final class PolicyReferences {
    private static final String USER_GROUPS = "UserGroups";
    private static final String RECORD_TYPES = "UserRecordTypes";

    private PolicyReferences() {}

    /** Throws {@link PolicyException} naming, for each unknown name, its line and what the institution has instead. */
    public static void check(Policy policy, AlmaClient alma) {
        Lazy<List<String>> sets = new Lazy<>(() -> userSets(alma));
        Lazy<List<String>> groups = new Lazy<>(() -> codes(alma, USER_GROUPS));
        Lazy<List<String>> recordTypes = new Lazy<>(() -> codes(alma, RECORD_TYPES));
        List<String> problems = new ArrayList<>();
        Policy.Origin origin = policy.origin();
        List<String> protectedSets =
                policy.protect().sets() == null ? List.of() : policy.protect().sets();
        for (int i = 0; i < protectedSets.size(); i++) {
            knownSet(origin, "/protect/sets/" + i, protectedSets.get(i), alma, sets, problems);
        }
        List<String> protectedGroups = policy.protect().userGroups() == null
                ? List.of()
                : policy.protect().userGroups();
        for (int i = 0; i < protectedGroups.size(); i++) {
            known(origin, "/protect/user_groups/" + i, protectedGroups.get(i), "user group", groups, problems);
        }
        policy.inactiveStage()
                .map(Policy.InactiveStage::candidatesSet)
                .ifPresent(set -> knownSet(origin, "/inactive/candidates_set", set, alma, sets, problems));
        policy.purgeStage().ifPresent(purge -> {
            if (purge.candidatesSet() != null) {
                knownSet(origin, "/purge/candidates_set", purge.candidatesSet(), alma, sets, problems);
            }
            for (int i = 0; i < purge.userGroups().size(); i++) {
                known(origin, "/purge/user_groups/" + i, purge.userGroups().get(i), "user group", groups, problems);
            }
            for (int i = 0; i < purge.recordTypes().size(); i++) {
                known(
                        origin,
                        "/purge/record_types/" + i,
                        purge.recordTypes().get(i),
                        "record type",
                        recordTypes,
                        problems);
            }
        });
        if (!problems.isEmpty()) {
            throw new PolicyException(origin.source(), problems);
        }
    }

    /**
     * A set is looked up by its name, as a run finds it (listing every set would count every logical set's members);
     * the whole list is read only to say what the institution has instead.
     */
    private static void knownSet(
            Policy.Origin origin,
            String pointer,
            String name,
            AlmaClient alma,
            Lazy<List<String>> all,
            List<String> problems) {
        if (new AlmaSets(alma).idOf(name).isEmpty()) {
            known(origin, pointer, name, "set of users", all, problems);
        }
    }

    private static void known(
            Policy.Origin origin,
            String pointer,
            String name,
            String what,
            Lazy<List<String>> existing,
            List<String> problems) {
        boolean sets = what.startsWith("set");
        // Alma's set names are unique without regard to case, and the engine finds sets so; codes are exact.
        if (existing.get().stream().anyMatch(e -> sets ? e.equalsIgnoreCase(name) : e.equals(name))) {
            return;
        }
        String at = origin.line(pointer);
        Optional<String> closest = closest(name, existing.get());
        problems.add(at + name + ": no such " + what + " in this institution; "
                + closest.map(c -> "did you mean " + c + "?")
                        .orElse(
                                existing.get().isEmpty()
                                        ? "it has none."
                                        : "it has "
                                                + String.join(
                                                        ", ",
                                                        existing.get().stream()
                                                                .limit(20)
                                                                .toList())
                                                + (existing.get().size() > 20
                                                        ? " and "
                                                                + (existing.get()
                                                                                .size()
                                                                        - 20) + " more."
                                                        : ".")));
    }

    /** The name most like the one given, when it is like enough to be what was meant. */
    static Optional<String> closest(String name, List<String> candidates) {
        return candidates.stream()
                .map(c -> Map.entry(c, distance(name.toLowerCase(), c.toLowerCase())))
                .filter(e -> e.getValue() <= Math.max(2, name.length() / 4))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }

    /** Levenshtein's edit distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> userSets(AlmaClient alma) {
        return new AlmaSets(alma).userSetNames();
    }

    private static List<String> codes(AlmaClient alma, String table) {
        List<String> codes = new ArrayList<>();
        alma.get(AlmaClient.API + "/conf/code-tables/" + table, Map.of())
                .path("row")
                .forEach(row -> codes.add(row.path("code").asText()));
        return codes;
    }

    /** Read from Alma only when a check needs it: most policies name no set, and many no group. */
    private static final class Lazy<T> {
        private final Supplier<T> read;
        private T value;

        Lazy(Supplier<T> read) {
            this.read = read;
        }

        T get() {
            if (value == null) {
                value = read.get();
            }
            return value;
        }
    }
}

package org.almasim.simulator.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every request a client sent to Alma's API, oldest first, as WireMock keeps its request journal: so a test or a trainer
 * can check what a script really sent. Bounded: past {@value #CAPACITY} requests the oldest are dropped, and a body is
 * kept up to {@value #BODY_CHARS} characters. Keys are never kept, only their kind and last four characters.
 */
public final class RequestJournal {
    public static final int CAPACITY = 10_000;
    static final int BODY_CHARS = 4_096;

    /** One request and Alma's answer to it. */
    public record Entry(
            @JsonProperty("sequence") long sequence,
            @JsonProperty("received_at") Instant receivedAt,
            @JsonProperty("simulated_at") Instant simulatedAt,
            @JsonProperty("method") String method,
            @JsonProperty("path") String path,
            @JsonProperty("query") Map<String, List<String>> query,
            @JsonProperty("key") String key,
            @JsonProperty("key_access") String keyAccess,
            @JsonProperty("institution") String institution,
            @JsonProperty("body") String body,
            @JsonProperty("status") int status,
            @JsonProperty("error_code") String errorCode,
            @JsonProperty("fault") String fault,
            @JsonProperty("millis") double millis) {}

    /** What a request looked like, before the journal numbers it. */
    public record Request(
            Instant receivedAt,
            Instant simulatedAt,
            String method,
            String path,
            Map<String, List<String>> query,
            Optional<String> key,
            String keyAccess,
            Optional<String> institution,
            String body,
            int status,
            Optional<String> errorCode,
            Optional<String> fault,
            double millis) {}

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long next = 1;

    public synchronized void add(Request r) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(
                next++,
                r.receivedAt(),
                r.simulatedAt(),
                r.method(),
                r.path(),
                Map.copyOf(r.query()),
                r.key().map(RequestJournal::masked).orElse(""),
                r.keyAccess(),
                r.institution().orElse(""),
                r.body().length() > BODY_CHARS ? r.body().substring(0, BODY_CHARS) : r.body(),
                r.status(),
                r.errorCode().orElse(""),
                r.fault().orElse(""),
                r.millis()));
    }

    /** The requests kept, oldest first, of this method (any case) and path when given; a path ending in * is a prefix. */
    public synchronized List<Entry> find(Optional<String> method, Optional<String> path) {
        return entries.stream()
                .filter(e -> method.map(m -> m.toUpperCase(Locale.ROOT).equals(e.method()))
                        .orElse(true))
                .filter(e -> path.map(p -> p.endsWith("*")
                                ? e.path().startsWith(p.substring(0, p.length() - 1))
                                : e.path().equals(p))
                        .orElse(true))
                .toList();
    }

    /** Forgets every request kept; answers how many there were. */
    public synchronized int clear() {
        int cleared = entries.size();
        entries.clear();
        return cleared;
    }

    /**
     * What one institution's key may see of the journal: its own institution's requests and those no institution
     * admitted (no key, a wrong key), never another institution's, whose bodies hold that institution's data.
     */
    public static boolean visibleTo(Entry entry, String institution) {
        return entry.institution().isEmpty() || entry.institution().equals(institution);
    }

    /** Forgets the requests {@code which} picks; answers how many there were. */
    public synchronized int clear(Predicate<Entry> which) {
        int before = entries.size();
        entries.removeIf(which);
        return before - entries.size();
    }

    /** Enough of a key to tell two apart in a journal, never enough to use it. */
    private static String masked(String key) {
        return key.length() <= 4 ? "…" : "…" + key.substring(key.length() - 4);
    }
}

package org.almasim.simulator.journal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Every request a client sent to Alma's API, oldest first, as WireMock keeps its request journal: so a test or a trainer
 * can check what a script really sent. Bounded: past {@value #CAPACITY} requests the oldest are dropped, and a body is
 * kept up to {@value #BODY_CHARS} characters. Secrets are never kept: a key only as its kind and last four characters
 * (nothing of a key no institution has), and {@code apikey} and {@code password} in a query, and a user's
 * {@code password} in a body, as {@value #REDACTED}. Read a page at a time, at most {@value #MAX_PAGE} entries.
 */
public final class RequestJournal {
    public static final int CAPACITY = 10_000;
    static final int BODY_CHARS = 4_096;
    public static final int MAX_PAGE = 100;
    public static final String REDACTED = "[redacted]";

    private static final Set<String> SECRET_PARAMETERS = Set.of("apikey", "password", "exl-user-pw", "authorization");
    // A password in a JSON or an XML body, even one cut short; the value's own escapes are skipped over.
    private static final Pattern JSON_PASSWORD =
            Pattern.compile("(\"password\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(\"|$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_PASSWORD =
            Pattern.compile("(<password(?:\\s[^>]*)?>)[^<]*", Pattern.CASE_INSENSITIVE);

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
                redacted(r.query()),
                // A key no institution has is somebody's mistyped key: nothing of it is kept.
                r.institution().isPresent()
                        ? r.key().map(RequestJournal::masked).orElse("")
                        : "",
                r.keyAccess(),
                r.institution().orElse(""),
                redacted(r.body().length() > BODY_CHARS ? r.body().substring(0, BODY_CHARS) : r.body()),
                r.status(),
                r.errorCode().orElse(""),
                r.fault().orElse(""),
                r.millis()));
    }

    /** The requests kept, oldest first, of this method (any case) and path when given; a path ending in * is a prefix. */
    public synchronized List<Entry> find(Optional<String> method, Optional<String> path) {
        return entries.stream().filter(matching(method, path)).toList();
    }

    /** One page of the requests {@code which} picks, oldest first, with how many it picks in all. */
    public record Page(List<Entry> entries, int total) {}

    /**
     * The requests {@code which} picks, oldest first, from the {@code offset}th, at most {@code limit} (and never more
     * than {@value #MAX_PAGE}); or, with {@code newest}, the newest {@code limit} of them, still oldest first.
     */
    public synchronized Page page(Predicate<Entry> which, int offset, int limit, boolean newest) {
        int total = (int) entries.stream().filter(which).count();
        int size = Math.min(limit, MAX_PAGE);
        int from = newest ? Math.max(0, total - size) : offset;
        return new Page(entries.stream().filter(which).skip(from).limit(size).toList(), total);
    }

    public static Predicate<Entry> matching(Optional<String> method, Optional<String> path) {
        return e ->
                method.map(m -> m.toUpperCase(Locale.ROOT).equals(e.method())).orElse(true)
                        && path.map(p -> p.endsWith("*")
                                        ? e.path().startsWith(p.substring(0, p.length() - 1))
                                        : e.path().equals(p))
                                .orElse(true);
    }

    /** Forgets every request kept; answers how many there were. */
    public synchronized int clear() {
        int cleared = entries.size();
        entries.clear();
        return cleared;
    }

    /**
     * What one institution's key may see of the journal: its own institution's requests, never another's, whose bodies
     * hold that institution's data. Requests no institution admitted (no key, a wrong key) are seen only by whoever
     * runs the simulator, the default institution's read-write key: a wrong key is often another member's.
     */
    public static boolean visibleTo(Entry entry, String institution, boolean seesRefusedRequests) {
        return entry.institution().isEmpty()
                ? seesRefusedRequests
                : entry.institution().equals(institution);
    }

    /** Forgets the requests {@code which} picks; answers how many there were. */
    public synchronized int clear(Predicate<Entry> which) {
        int before = entries.size();
        entries.removeIf(which);
        return before - entries.size();
    }

    private static Map<String, List<String>> redacted(Map<String, List<String>> query) {
        Map<String, List<String>> kept = new java.util.LinkedHashMap<>();
        query.forEach((name, values) -> kept.put(
                name,
                SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))
                        ? values.stream().map(v -> REDACTED).toList()
                        : List.copyOf(values)));
        return Collections.unmodifiableMap(kept);
    }

    static String redacted(String body) {
        String json = JSON_PASSWORD.matcher(body).replaceAll("$1\"" + REDACTED + "\"");
        return XML_PASSWORD.matcher(json).replaceAll("$1" + REDACTED);
    }

    /** Enough of a key to tell two apart in a journal, never enough to use it. */
    private static String masked(String key) {
        return key.length() <= 4 ? "…" : "…" + key.substring(key.length() - 4);
    }
}

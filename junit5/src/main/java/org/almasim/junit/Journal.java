package org.almasim.junit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.journal.RequestJournal;

/**
 * The requests Alma's API received, for verifying what the code under test sent, as WireMock's request journal is
 * verified: {@code alma.journal().find(Optional.of("DELETE"), Optional.of("/almaws/v1/users/jdoe"))}.
 */
public final class Journal {
    private final RequestJournal journal;

    Journal(RequestJournal journal) {
        this.journal = journal;
    }

    /** One request and Alma's answer, as {@code GET /almasim/v1/journal} shows it (keys and passwords redacted). */
    public record Request(
            String method,
            String path,
            Map<String, List<String>> query,
            String keyAccess,
            String body,
            int status,
            String errorCode,
            String fault) {}

    /** The requests of this method (any case) and path, oldest first; a path ending in {@code *} is a prefix. */
    public List<Request> find(Optional<String> method, Optional<String> path) {
        return journal.find(method, path).stream()
                .map(e -> new Request(
                        e.method(), e.path(), e.query(), e.keyAccess(), e.body(), e.status(), e.errorCode(), e.fault()))
                .toList();
    }

    /** Forgets every request kept; answers how many there were. */
    public int clear() {
        return journal.clear();
    }
}

package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.journal.RequestJournal;

/** HTTP for {@code /almasim/v1/journal}: the requests Alma's API received, filtered, and forgetting them. */
public final class JournalController {
    private final RequestJournal journal;

    public JournalController(RequestJournal journal) {
        this.journal = journal;
    }

    public void list(Context ctx) {
        Params.refuseOthers(ctx, "method", "path");
        var found = journal.find(
                Optional.ofNullable(Params.text(ctx, "method")), Optional.ofNullable(Params.text(ctx, "path")));
        AlmaHttp.json(ctx, Map.of("request", found, "total_record_count", found.size()));
    }

    public void clear(Context ctx) {
        AlmaHttp.json(ctx, Map.of("cleared", journal.clear()));
    }
}

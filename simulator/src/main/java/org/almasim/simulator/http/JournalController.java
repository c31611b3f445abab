package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.journal.RequestJournal;

/** HTTP for {@code /almasim/v1/journal}: the requests Alma's API received, filtered, and forgetting them. */
public final class JournalController {
    private final RequestJournal journal;

    public JournalController(RequestJournal journal) {
        this.journal = journal;
    }

    public void list(Context ctx) {
        Params.refuseOthers(ctx, "method", "path", "last");
        var found = journal.find(
                Optional.ofNullable(Params.text(ctx, "method")), Optional.ofNullable(Params.text(ctx, "path")));
        // ?last=N: the newest N of those found (a page showing the latest requests), still oldest first.
        int last = Params.intParam(ctx, "last", RequestJournal.CAPACITY);
        if (last < 1) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("last must be at least 1, got " + last + ".");
        }
        var shown = found.subList(Math.max(0, found.size() - last), found.size());
        AlmaHttp.json(ctx, Map.of("request", shown, "total_record_count", found.size()));
    }

    public void clear(Context ctx) {
        AlmaHttp.json(ctx, Map.of("cleared", journal.clear()));
    }
}

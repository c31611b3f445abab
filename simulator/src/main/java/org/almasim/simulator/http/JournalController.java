package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.journal.RequestJournal;

/** HTTP for {@code /almasim/v1/journal}: the requests the caller's institution received, filtered, and forgetting them. */
public final class JournalController {
    private final RequestJournal journal;

    public JournalController(RequestJournal journal) {
        this.journal = journal;
    }

    public void list(Context ctx) {
        Params.refuseOthers(ctx, "method", "path", "last");
        String caller = callerInstitution(ctx);
        var found = journal
                .find(Optional.ofNullable(Params.text(ctx, "method")), Optional.ofNullable(Params.text(ctx, "path")))
                .stream()
                .filter(entry -> RequestJournal.visibleTo(entry, caller))
                .toList();
        // ?last=N: the newest N of those found (a page showing the latest requests), still oldest first.
        int last = Params.intParam(ctx, "last", RequestJournal.CAPACITY);
        if (last < 1) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("last must be at least 1, got " + last + ".");
        }
        var shown = found.subList(Math.max(0, found.size() - last), found.size());
        AlmaHttp.json(ctx, Map.of("request", shown, "total_record_count", found.size()));
    }

    public void clear(Context ctx) {
        String caller = callerInstitution(ctx);
        AlmaHttp.json(ctx, Map.of("cleared", journal.clear(entry -> RequestJournal.visibleTo(entry, caller))));
    }

    /** A key shows its own institution's requests only: another institution's bodies are that institution's data. */
    private static String callerInstitution(Context ctx) {
        return ApiGate.owner(ctx).map(ApiGate.KeyOwner::code).orElseThrow();
    }
}

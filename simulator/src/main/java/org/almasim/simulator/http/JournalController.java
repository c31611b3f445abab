package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.journal.RequestJournal;

/**
 * HTTP for {@code /almasim/v1/journal}: the requests the caller may see, a page at a time (Alma's {@code limit} and
 * {@code offset}, or {@code last} for the newest), and forgetting them.
 */
public final class JournalController {
    private final RequestJournal journal;
    private final String defaultInstitution;

    public JournalController(RequestJournal journal, String defaultInstitution) {
        this.journal = journal;
        this.defaultInstitution = defaultInstitution;
    }

    public void list(Context ctx) {
        Params.refuseOthers(ctx, "method", "path", "last", "limit", "offset");
        Predicate<RequestJournal.Entry> which = visible(ctx)
                .and(RequestJournal.matching(
                        Optional.ofNullable(Params.text(ctx, "method")),
                        Optional.ofNullable(Params.text(ctx, "path"))));
        boolean newest = ctx.queryParam("last") != null;
        int limit = Params.intParam(ctx, newest ? "last" : "limit", RequestJournal.MAX_PAGE);
        int offset = Params.intParam(ctx, "offset", 0);
        if (limit < 1 || limit > RequestJournal.MAX_PAGE) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal((newest ? "last" : "limit") + " must be from 1 to "
                    + RequestJournal.MAX_PAGE + ", got " + limit + ".");
        }
        if (offset < 0) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("offset must be 0 or more, got " + offset + ".");
        }
        RequestJournal.Page page = journal.page(which, offset, limit, newest);
        AlmaHttp.json(ctx, Map.of("request", page.entries(), "total_record_count", page.total()));
    }

    public void clear(Context ctx) {
        AlmaHttp.json(ctx, Map.of("cleared", journal.clear(visible(ctx))));
    }

    /** What the caller's key may see and clear ({@link RequestJournal#visibleTo}). */
    private Predicate<RequestJournal.Entry> visible(Context ctx) {
        String caller = ApiGate.owner(ctx).map(ApiGate.KeyOwner::code).orElseThrow();
        boolean runsTheSimulator =
                caller.equals(defaultInstitution) && ApiGate.access(ctx).equals(Optional.of(ApiKeys.Access.READ_WRITE));
        return entry -> RequestJournal.visibleTo(entry, caller, runsTheSimulator);
    }
}

package org.almasim.simulator.sets;

import io.javalin.http.Context;
import java.util.Optional;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/conf/sets}: parse, call {@link SetService}, render. */
public final class SetController {
    private final SetService sets;

    public SetController(SetService sets) {
        this.sets = sets;
    }

    public void list(Context ctx) {
        AlmaHttp.ok(
                ctx,
                sets.list(
                        Params.text(ctx, "content_type"),
                        Params.text(ctx, "set_type"),
                        Params.text(ctx, "q"),
                        Params.page(ctx),
                        AlmaHttp.links(ctx)));
    }

    public void create(Context ctx) {
        // Alma's combine (set1, set2, combine) is not simulated: refused, never silently ignored.
        Params.refuseOthers(ctx, "from_logical_set");
        AlmaHttp.ok(
                ctx,
                sets.create(
                        AlmaHttp.body(ctx, AlmaSet.class),
                        Optional.ofNullable(Params.text(ctx, "from_logical_set")),
                        AlmaHttp.links(ctx)));
    }

    public void get(Context ctx) {
        AlmaHttp.ok(ctx, sets.get(ctx.pathParam("set_id"), AlmaHttp.links(ctx)));
    }

    public void update(Context ctx) {
        AlmaHttp.ok(ctx, sets.update(ctx.pathParam("set_id"), AlmaHttp.body(ctx, AlmaSet.class), AlmaHttp.links(ctx)));
    }

    public void delete(Context ctx) {
        sets.delete(ctx.pathParam("set_id"));
        ctx.status(204);
    }

    public void members(Context ctx) {
        AlmaHttp.ok(ctx, sets.members(ctx.pathParam("set_id"), Params.page(ctx), AlmaHttp.links(ctx)));
    }

    public void manageMembers(Context ctx) {
        AlmaSet body = AlmaHttp.hasBody(ctx) ? AlmaHttp.body(ctx, AlmaSet.class) : null;
        boolean failOnInvalid = !"false".equalsIgnoreCase(Params.text(ctx, "fail_on_invalid_id"));
        AlmaHttp.ok(
                ctx,
                sets.manageMembers(
                        ctx.pathParam("set_id"),
                        Params.text(ctx, "op"),
                        Params.text(ctx, "id_type"),
                        failOnInvalid,
                        body,
                        AlmaHttp.links(ctx)));
    }
}

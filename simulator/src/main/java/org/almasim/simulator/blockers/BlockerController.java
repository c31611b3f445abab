package org.almasim.simulator.blockers;

import io.javalin.http.Context;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaHttp;

/** HTTP for {@code /almasim/v1/users/{user_id}/blockers} (control plane, JSON). */
public final class BlockerController {
    private final BlockerService blockers;

    public BlockerController(BlockerService blockers) {
        this.blockers = blockers;
    }

    public void get(Context ctx) {
        AlmaHttp.json(ctx, blockers.view(ctx.pathParam("user_id")));
    }

    public void replace(Context ctx) {
        var body = AlmaFormats.readControlPlane(ctx.bodyAsBytes(), BlockerService.Blockers.class);
        AlmaHttp.json(ctx, blockers.replace(ctx.pathParam("user_id"), body));
    }
}

package org.almasim.simulator.fees;

import io.javalin.http.Context;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/users/{user_id}/fees}: parse, call {@link FeeService}, render. */
public final class FeeController {
    private final FeeService fees;

    public FeeController(FeeService fees) {
        this.fees = fees;
    }

    public void list(Context ctx) {
        AlmaHttp.ok(
                ctx,
                fees.list(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        Params.text(ctx, "status"),
                        AlmaHttp.links(ctx)));
    }

    public void create(Context ctx) {
        AlmaHttp.ok(ctx, fees.create(ctx.pathParam("user_id"), AlmaHttp.body(ctx, Fee.class), AlmaHttp.links(ctx)));
    }

    public void get(Context ctx) {
        AlmaHttp.ok(
                ctx,
                fees.get(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        ctx.pathParam("fee_id"),
                        AlmaHttp.links(ctx)));
    }

    public void act(Context ctx) {
        AlmaHttp.ok(
                ctx,
                fees.act(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        ctx.pathParam("fee_id"),
                        action(ctx),
                        AlmaHttp.links(ctx)));
    }

    public void payAll(Context ctx) {
        AlmaHttp.ok(
                ctx,
                fees.payAll(
                        ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"), action(ctx), AlmaHttp.links(ctx)));
    }

    private static FeeService.Action action(Context ctx) {
        return new FeeService.Action(
                Params.text(ctx, "op"),
                Params.text(ctx, "amount"),
                Params.text(ctx, "method"),
                Params.text(ctx, "reason"),
                Params.text(ctx, "comment"),
                Params.text(ctx, "external_transaction_id"));
    }
}

package org.almasim.simulator.requests;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/users/{user_id}/requests}: parse, call {@link RequestService}, render. */
public final class RequestController {
    private final RequestService requests;

    public RequestController(RequestService requests) {
        this.requests = requests;
    }

    public void list(Context ctx) {
        AlmaHttp.ok(
                ctx,
                requests.list(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        Params.text(ctx, "status"),
                        Params.text(ctx, "request_type"),
                        Params.page(ctx)));
    }

    public void place(Context ctx) {
        UserRequest body = AlmaHttp.hasBody(ctx) ? AlmaHttp.body(ctx, UserRequest.class) : null;
        AlmaHttp.ok(
                ctx,
                requests.place(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        Params.text(ctx, "mms_id"),
                        Params.text(ctx, "item_pid"),
                        "true".equalsIgnoreCase(Params.text(ctx, "allow_same_request")),
                        body));
    }

    public void get(Context ctx) {
        AlmaHttp.ok(
                ctx,
                requests.get(ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"), ctx.pathParam("request_id")));
    }

    public void cancel(Context ctx) {
        requests.cancel(
                ctx.pathParam("user_id"),
                ctx.pathParam("request_id"),
                Params.text(ctx, "reason"),
                Params.text(ctx, "note"));
        ctx.status(HttpStatus.NO_CONTENT);
    }
}

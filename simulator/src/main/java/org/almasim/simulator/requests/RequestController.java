package org.almasim.simulator.requests;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/users/{user_id}/requests}: parse, call {@link RequestService}, render. */
public final class RequestController {
    private final RequestService requests;
    private final ResourceSharingService sharing;

    public RequestController(RequestService requests, ResourceSharingService sharing) {
        this.requests = requests;
        this.sharing = sharing;
    }

    public void placeSharing(Context ctx) {
        ResourceSharingRequest body = AlmaHttp.hasBody(ctx) ? AlmaHttp.body(ctx, ResourceSharingRequest.class) : null;
        AlmaHttp.ok(ctx, sharing.place(ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"), body));
    }

    public void getSharing(Context ctx) {
        AlmaHttp.ok(
                ctx,
                sharing.get(ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"), ctx.pathParam("request_id")));
    }

    public void actOnSharing(Context ctx) {
        AlmaHttp.ok(
                ctx,
                sharing.act(
                        ctx.pathParam("user_id"),
                        ctx.pathParam("request_id"),
                        Params.text(ctx, "op"),
                        Params.text(ctx, "shipping_cost"),
                        Params.text(ctx, "fund_code")));
    }

    public void cancelSharing(Context ctx) {
        sharing.cancel(
                ctx.pathParam("user_id"),
                ctx.pathParam("request_id"),
                "true".equalsIgnoreCase(Params.text(ctx, "remove_request")),
                Params.text(ctx, "reason"));
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /** The control plane's lending partner: {@code {"status":"ON_HOLD_SHELF"}} moves a borrowing request along. */
    public void moveSharing(Context ctx) {
        JsonNode body = AlmaFormats.readTree(ctx.bodyAsBytes(), AlmaFormats.BodyFormat.JSON);
        AlmaHttp.json(
                ctx,
                sharing.moveTo(
                        ctx.pathParam("user_id"),
                        ctx.pathParam("request_id"),
                        body.path("status").asText(null)));
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

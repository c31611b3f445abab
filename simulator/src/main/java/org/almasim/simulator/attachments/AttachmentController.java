package org.almasim.simulator.attachments;

import io.javalin.http.Context;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/users/{user_id}/attachments}: parse, call {@link AttachmentService}, render. */
public final class AttachmentController {
    private final AttachmentService attachments;

    public AttachmentController(AttachmentService attachments) {
        this.attachments = attachments;
    }

    public void add(Context ctx) {
        Attachment body = AlmaHttp.hasBody(ctx) ? AlmaHttp.body(ctx, Attachment.class) : null;
        AlmaHttp.ok(
                ctx,
                attachments.add(ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"), body, AlmaHttp.links(ctx)));
    }

    public void get(Context ctx) {
        AlmaHttp.ok(
                ctx,
                attachments.get(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        ctx.pathParam("attachment_id"),
                        AttachmentService.Expand.of(Params.text(ctx, "expand")),
                        AlmaHttp.links(ctx)));
    }
}

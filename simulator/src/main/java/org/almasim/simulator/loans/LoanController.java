package org.almasim.simulator.loans;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for loans under {@code /almaws/v1/users/{user_id}/loans} and for scan-in under {@code /almaws/v1/bibs}. */
public final class LoanController {
    private final LoanService loans;

    public LoanController(LoanService loans) {
        this.loans = loans;
    }

    public void create(Context ctx) {
        Loan request = AlmaHttp.hasBody(ctx) ? AlmaHttp.body(ctx, Loan.class) : null;
        AlmaHttp.ok(
                ctx,
                loans.create(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        Params.text(ctx, "item_barcode"),
                        Params.text(ctx, "item_pid"),
                        request,
                        AlmaHttp.links(ctx)));
    }

    public void list(Context ctx) {
        AlmaHttp.ok(
                ctx,
                loans.list(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        Params.text(ctx, "loan_status"),
                        Params.page(ctx),
                        Params.text(ctx, "order_by"),
                        Params.text(ctx, "direction"),
                        AlmaHttp.links(ctx)));
    }

    public void get(Context ctx) {
        AlmaHttp.ok(ctx, loans.get(ctx.pathParam("user_id"), ctx.pathParam("loan_id"), AlmaHttp.links(ctx)));
    }

    public void renew(Context ctx) {
        AlmaHttp.ok(
                ctx,
                loans.renew(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        ctx.pathParam("loan_id"),
                        Params.text(ctx, "op"),
                        AlmaHttp.links(ctx)));
    }

    public void changeDueDate(Context ctx) {
        AlmaHttp.ok(
                ctx,
                loans.changeDueDate(
                        ctx.pathParam("user_id"),
                        ctx.pathParam("loan_id"),
                        AlmaHttp.body(ctx, Loan.class),
                        AlmaHttp.links(ctx)));
    }

    public void scanIn(Context ctx) {
        AlmaHttp.ok(
                ctx,
                loans.scanIn(
                                ctx.pathParam("mms_id"),
                                ctx.pathParam("holding_id"),
                                ctx.pathParam("item_pid"),
                                Params.text(ctx, "op"),
                                Params.text(ctx, "library"),
                                Params.text(ctx, "circ_desk"),
                                AlmaHttp.links(ctx))
                        .answer());
    }

    public void item(Context ctx) {
        AlmaHttp.ok(
                ctx,
                loans.item(
                                ctx.pathParam("mms_id"),
                                ctx.pathParam("holding_id"),
                                ctx.pathParam("item_pid"),
                                AlmaHttp.links(ctx))
                        .answer());
    }

    /**
     * Alma answers an item asked for by barcode with a redirect to the item's URL; clients follow it. The redirect
     * names the item's path only, resolved against the address the client called: a client that called 127.0.0.1 and
     * were sent to localhost would drop its Authorization header on the changed host (python-requests does).
     */
    public void itemByBarcode(Context ctx) {
        String location = URI.create(loans.itemLocation(Params.text(ctx, "item_barcode"), AlmaHttp.links(ctx)))
                .getRawPath();
        String query = ctx.queryString() == null ? "" : stripBarcode(ctx.queryString());
        ctx.redirect(query.isEmpty() ? location : location + "?" + query, HttpStatus.FOUND);
    }

    /** The query without item_barcode: the format and key a client sent still apply at the item's URL. */
    private static String stripBarcode(String query) {
        return Arrays.stream(query.split("&"))
                .filter(p -> !p.startsWith("item_barcode="))
                .collect(Collectors.joining("&"));
    }
}

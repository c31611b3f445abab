package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRootName;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;

/** HTTP for {@code /almaws/v1/users}: parse, call {@link UserService} or {@link UserListing}, render. */
public final class UserController {
    /** Where Alma's clients send a password to check: a header keeps it out of URLs and their logs. */
    public static final String PASSWORD_HEADER = "Exl-User-Pw";

    private final UserService users;
    private final UserListing listing;

    public UserController(UserService users, UserListing listing) {
        this.users = users;
        this.listing = listing;
    }

    /** What {@code /users/operation/test} answers: which operation the key was allowed. */
    @JsonRootName("test")
    public record OperationTest(@JsonProperty("result") String result) {}

    /**
     * {@code GET} and {@code POST /users/operation/test}: clients call them to check that a key opens the Users API, and
     * that it may write (a read-only key's POST is refused by the gate, as Alma refuses it). Nothing is read or written.
     */
    public void operationTest(Context ctx) {
        AlmaHttp.ok(ctx, new OperationTest(ctx.method().name() + " operation test succeeded"));
    }

    public void list(Context ctx) {
        boolean full = "full".equalsIgnoreCase(Params.text(ctx, "expand"));
        UserSearch search = UserSearch.parse(
                Params.text(ctx, "q"), Params.text(ctx, "order_by"), Params.text(ctx, "modify_date_from"));
        if (full && AlmaHttp.responseFormat(ctx) == BodyFormat.JSON) {
            // Full pages are the stored documents: written as they are, as a plain GET is.
            String json = listing.fullPage(search, Params.page(ctx), AlmaHttp.links(ctx))
                    .json();
            ctx.contentType("application/json;charset=utf-8").result(json);
            return;
        }
        AlmaHttp.ok(ctx, listing.list(search, Params.page(ctx), full, AlmaHttp.links(ctx)));
    }

    public void get(Context ctx) {
        var expand = Params.list(ctx, "expand");
        String view = Params.text(ctx, "view");
        String id = ctx.pathParam("user_id");
        String idType = Params.text(ctx, "user_id_type");
        boolean fullView = view == null || view.equalsIgnoreCase("full");
        if (fullView && AlmaHttp.responseFormat(ctx) == BodyFormat.JSON) {
            // The stored document is already the answer (with any counts appended): no parsing on the hottest paths.
            boolean plain = expand.isEmpty() || expand.equals(Set.of("none"));
            ctx.contentType("application/json;charset=utf-8")
                    .result(
                            plain
                                    ? users.answer(id, idType)
                                    : users.documentWithCounts(id, idType, expand, AlmaHttp.links(ctx)));
            return;
        }
        AlmaHttp.ok(ctx, users.get(id, idType, expand, view, AlmaHttp.links(ctx)));
    }

    public void create(Context ctx) {
        AlmaHttp.ok(ctx, users.create(AlmaHttp.body(ctx, User.class)));
    }

    public void update(Context ctx) {
        User incoming = AlmaHttp.body(ctx, User.class);
        AlmaHttp.ok(
                ctx,
                users.update(
                        ctx.pathParam("user_id"),
                        Params.text(ctx, "user_id_type"),
                        incoming,
                        Params.list(ctx, "override")));
    }

    public void delete(Context ctx) {
        users.delete(ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"));
        ctx.status(204);
    }

    /**
     * {@code POST /users/{id}?op=auth}: 204 when the password (the {@code Exl-User-Pw} header, URL-encoded, or the
     * {@code password} parameter) is the user's, else 401866. {@code op=refresh} (linked accounts) is not simulated.
     */
    public void act(Context ctx) {
        String op = Params.text(ctx, "op");
        if (op != null && !op.equalsIgnoreCase("auth")) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("almasim supports op=auth on a user, not op=" + op + ".");
        }
        String header = ctx.header(PASSWORD_HEADER);
        String password =
                header != null ? URLDecoder.decode(header, StandardCharsets.UTF_8) : Params.text(ctx, "password");
        users.authenticate(ctx.pathParam("user_id"), Params.text(ctx, "user_id_type"), password);
        ctx.status(204);
    }
}

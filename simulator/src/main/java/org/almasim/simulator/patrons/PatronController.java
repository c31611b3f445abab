package org.almasim.simulator.patrons;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.almasim.simulator.http.AlmaException;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.users.UserController;

/** HTTP for {@code /almasim/v1/patrons} (control plane, JSON), which the trainer console reads. */
public final class PatronController {
    private final PatronDirectory directory;

    public PatronController(PatronDirectory directory) {
        this.directory = directory;
    }

    public void list(Context ctx) {
        PatronFilter filter = new PatronFilter(text(ctx, "q"), code(ctx, "status"), code(ctx, "user_group"), code(ctx, "account_type"),
                text(ctx, "expired_since").map(PatronController::date), text(ctx, "has_blockers").map(PatronController::bool));
        AlmaHttp.json(ctx, directory.search(filter, Params.page(ctx)));
    }

    public void summary(Context ctx) {
        AlmaHttp.json(ctx, directory.summary());
    }

    public void get(Context ctx) {
        AlmaHttp.json(ctx, directory.detail(ctx.pathParam("user_id"), UserController.linkBase(ctx)));
    }

    private static Optional<String> text(Context ctx, String name) {
        return Optional.ofNullable(Params.text(ctx, name));
    }

    private static Optional<String> code(Context ctx, String name) {
        return text(ctx, name).map(s -> s.toUpperCase(Locale.ROOT));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw AlmaException.parameterNotValid("expired_since must be a date (YYYY-MM-DD), got '" + text + "'.");
        }
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw AlmaException.parameterNotValid("has_blockers must be true or false, got '" + text + "'.");
        };
    }
}

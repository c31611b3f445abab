package org.almasim.simulator.patrons;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaHttp;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.jobs.PurgeParameters;
import org.almasim.simulator.jobs.PurgeVerdict;

/** HTTP for {@code /almasim/v1/patrons} (control plane, JSON), which the trainer console reads. */
public final class PatronController {
    private final PatronDirectory directory;

    public PatronController(PatronDirectory directory) {
        this.directory = directory;
    }

    public void list(Context ctx) {
        PatronFilter filter = new PatronFilter(
                text(ctx, "q"),
                code(ctx, "status"),
                code(ctx, "user_group"),
                code(ctx, "account_type"),
                text(ctx, "expired_since").map(PatronController::date),
                text(ctx, "has_blockers").map(PatronController::bool),
                code(ctx, "purge_job_today").map(PatronController::outcome));
        AlmaHttp.json(ctx, directory.search(filter, Params.page(ctx)));
    }

    public void summary(Context ctx) {
        AlmaHttp.json(ctx, directory.summary());
    }

    /** One patron; the purge job's parameters may be given as the job takes them, else it is assumed run without any. */
    public void get(Context ctx) {
        AlmaHttp.json(ctx, directory.detail(ctx.pathParam("user_id"), purgeParameters(ctx), AlmaHttp.links(ctx)));
    }

    private static PurgeParameters purgeParameters(Context ctx) {
        int grace = text(ctx, "number_of_days_after_purge_date")
                .map(days -> {
                    if (!days.matches("[0-9]{1,5}")) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(
                                "number_of_days_after_purge_date must be a whole number of days, got '" + days + "'.");
                    }
                    return Integer.parseInt(days);
                })
                .orElse(0);
        BigDecimal waive = text(ctx, "waive_threshold")
                .map(amount -> {
                    if (!Params.isMoney(amount)) {
                        throw AlmaError.PARAMETER_NOT_VALID.refusal(
                                "waive_threshold must be an amount such as 5.00, got '" + amount + "'.");
                    }
                    return new BigDecimal(amount);
                })
                .orElse(BigDecimal.ZERO);
        return new PurgeParameters(grace, code(ctx, "user_group"), code(ctx, "record_type"), waive);
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
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "expired_since must be a date (YYYY-MM-DD), got '" + text + "'.");
        }
    }

    private static PurgeVerdict.Outcome outcome(String text) {
        try {
            return PurgeVerdict.Outcome.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "purge_job_today must be one of DELETED, REFUSED or NOT_A_CANDIDATE, got '" + text + "'.");
        }
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default ->
                throw AlmaError.PARAMETER_NOT_VALID.refusal("has_blockers must be true or false, got '" + text + "'.");
        };
    }
}

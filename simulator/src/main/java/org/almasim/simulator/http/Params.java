package org.almasim.simulator.http;

import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.store.Page;

/** Query parameters as Alma reads them: optional, with documented ranges, and an Alma error when one is off. */
public final class Params {
    private Params() {}

    /** Parameters every route accepts: the key and the answer's format. */
    private static final Set<String> EVERY_ROUTE = Set.of("apikey", "format");

    /**
     * Refuses a query parameter the route does not take (401666): on routes where Alma has parameters almasim does
     * not simulate, a client must learn that its parameter was not applied rather than get an answer that ignored it.
     */
    public static void refuseOthers(Context ctx, String... accepted) {
        Set<String> known = Set.of(accepted);
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name) && !EVERY_ROUTE.contains(name)) {
                throw AlmaError.PARAMETER_NOT_VALID.refusal("almasim does not implement the parameter " + name
                        + " on this route (it takes " + String.join(", ", accepted) + ").");
            }
        }
    }

    /** {@code limit} 0 to 100 (default 10) and {@code offset} from 0 (default 0). */
    public static Page page(Context ctx) {
        int limit = intParam(ctx, "limit", 10);
        int offset = intParam(ctx, "offset", 0);
        if (limit < 0 || limit > Page.MAX_LIMIT) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "limit must be between 0 and " + Page.MAX_LIMIT + ", got " + limit + ".");
        }
        if (offset < 0) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("offset must not be negative, got " + offset + ".");
        }
        return new Page(limit, offset);
    }

    public static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(name + " must be a whole number, got '" + value + "'.");
        }
    }

    public static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A comma-separated list such as {@code expand=loans,fees}, lower-cased. */
    public static Set<String> list(Context ctx, String name) {
        String value = text(ctx, name);
        if (value == null) {
            return Set.of();
        }
        return Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The largest amount of money the simulator takes: more than any fee, and inside the database's columns. */
    public static final BigDecimal MAX_MONEY = new BigDecimal("99999999.99");
    /** Plain ASCII digits with at most two decimals: no exponents, signs, or digits of other scripts (١٢ or １２). */
    private static final Pattern MONEY = Pattern.compile("[0-9]{1,8}(\\.[0-9]{1,2})?");

    /** True for an amount written as Alma writes money: {@code 12}, {@code 12.5}, {@code 12.50}. */
    public static boolean isMoney(String value) {
        return value != null && MONEY.matcher(value.trim()).matches();
    }

    /** A money amount with at most two decimals, so no cent is ever lost or invented. */
    public static BigDecimal amount(String name, String value) {
        if (!isMoney(value)) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    name + " must be an amount such as 12.50 (digits, at most two decimals, at most "
                            + MAX_MONEY.toPlainString() + "), got '" + value + "'.");
        }
        BigDecimal amount = new BigDecimal(value.trim());
        if (amount.signum() <= 0) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(name + " must be greater than zero, got " + value + ".");
        }
        return amount.setScale(2);
    }
}

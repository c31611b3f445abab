package org.almasim.simulator.sets;

import java.util.Locale;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.errors.AlmaError;

/** The fields of a set a client writes, checked as Alma checks them: each answers the value to store or refuses. */
final class SetFields {
    private SetFields() {}

    static String checkedQuery(Code query) {
        String text = query == null ? null : query.value();
        SetQueryParser.parse(text);
        return text.trim();
    }

    static boolean privacy(Code code, boolean fallback) {
        if (code == null) {
            return fallback;
        }
        if (!code.value().equalsIgnoreCase("true") && !code.value().equalsIgnoreCase("false")) {
            throw AlmaError.SET_PRIVATE_INVALID.refusal(code.value());
        }
        return Boolean.parseBoolean(code.value().toLowerCase(Locale.ROOT));
    }

    static String status(Code code, String fallback) {
        if (code == null) {
            return fallback;
        }
        String status = code.value().toUpperCase(Locale.ROOT);
        if (!status.equals("ACTIVE") && !status.equals("INACTIVE")) {
            throw AlmaError.SET_STATUS_INVALID.refusal(code.value());
        }
        return status;
    }

    static String nameWords(String q) {
        if (q == null) {
            return null;
        }
        int tilde = q.indexOf('~');
        if (tilde < 0 || !q.substring(0, tilde).trim().equalsIgnoreCase("name")) {
            throw AlmaError.SEARCH_QUERY_INVALID.refusal("almasim searches sets by name~words.");
        }
        return q.substring(tilde + 1).trim();
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("" + field + ".");
        }
        return value;
    }
}

package org.almasim.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.almasim.common.csv.SpreadsheetCsv;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.preview.PreviewReport;

/** A preview as people read it (text), as spreadsheets read it (CSV), and as programs read it (JSON). */
public enum PreviewFormat {
    TEXT,
    CSV,
    JSON;

    private static final ObjectWriter WRITER = AlmaJson.MAPPER.writerWithDefaultPrettyPrinter();

    public static PreviewFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String render(PreviewReport report) {
        return switch (this) {
            case TEXT -> text(report);
            case CSV -> csv(report);
            case JSON -> json(report);
        };
    }

    private static String text(PreviewReport report) {
        StringBuilder out = new StringBuilder();
        out.append("Preview of \"")
                .append(report.policy())
                .append("\" as of ")
                .append(report.asOf())
                .append(" (nothing was changed)\n");
        out.append(report.patrons()).append(" patrons: ");
        report.counts()
                .forEach((action, count) -> out.append(action.name().toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(count)
                        .append("  "));
        out.append('\n');
        if (report.safe()) {
            out.append("Safety: within the policy's limits.\n");
        } else {
            report.safety()
                    .forEach(s -> out.append("Safety: the run would be refused: ")
                            .append(s)
                            .append('\n'));
        }
        if (!report.nearMisses().isEmpty()) {
            out.append("\nNear misses (one thing from another outcome):\n");
            report.nearMisses()
                    .forEach(n -> out.append("  ")
                            .append(n.primaryId())
                            .append(": ")
                            .append(n.why())
                            .append('\n'));
        }
        out.append('\n');
        for (Decision d : report.decisions()) {
            out.append(String.format("%-14s %s%n", d.action(), d.primaryId()));
            d.newExpiryDate()
                    .ifPresent(date -> out.append("               new expiry date ")
                            .append(date)
                            .append('\n'));
            d.newPurgeDate()
                    .ifPresent(date -> out.append("               new purge date ")
                            .append(date)
                            .append('\n'));
            d.reasons()
                    .forEach(r ->
                            out.append("               - ").append(r.sentence()).append('\n'));
        }
        return out.toString();
    }

    private static String csv(PreviewReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("primary_id", "action", "new_expiry_date", "new_purge_date", "reason_codes", "reasons"));
        for (Decision d : report.decisions()) {
            rows.add(List.of(
                    d.primaryId(),
                    d.action().name(),
                    d.newExpiryDate().map(Object::toString).orElse(""),
                    d.newPurgeDate().map(Object::toString).orElse(""),
                    d.reasons().stream().map(r -> r.code().name()).collect(Collectors.joining(" ")),
                    d.reasons().stream().map(Reason::sentence).collect(Collectors.joining("; "))));
        }
        return SpreadsheetCsv.rows(rows);
    }

    private static String json(PreviewReport report) {
        return toJson(report);
    }

    /** Any report of the engine as indented JSON. */
    public static String toJson(Object report) {
        try {
            return WRITER.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A preview could not be written as JSON", e);
        }
    }
}

package org.almasim.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.almasim.common.csv.SpreadsheetCsv;
import org.almasim.engine.consortium.ConsortiumReport;

/**
 * A consortium's report as text (each member's section with its own full report, then the totals), CSV (a line per
 * member and one of totals, a column per figure) or JSON.
 */
public enum ConsortiumFormat {
    TEXT,
    CSV,
    JSON;

    public static ConsortiumFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** {@code memberText} renders a finished member's own report as text. */
    public String render(ConsortiumReport report, Function<Object, String> memberText) {
        return switch (this) {
            case TEXT -> text(report, memberText);
            case CSV -> csv(report);
            case JSON -> PreviewFormat.toJson(report);
        };
    }

    private static String text(ConsortiumReport report, Function<Object, String> memberText) {
        StringBuilder out = new StringBuilder();
        out.append("Consortium ")
                .append(report.consortium())
                .append(": ")
                .append(report.what())
                .append(" of \"")
                .append(report.policy())
                .append("\", member by member\n");
        for (ConsortiumReport.MemberSection member : report.members()) {
            out.append("\n== ").append(member.code());
            if (!member.name().equals(member.code())) {
                out.append(" (").append(member.name()).append(')');
            }
            out.append(" ==\n");
            if (member.finished()) {
                out.append(memberText.apply(member.report().orElseThrow()));
            } else {
                out.append("STOPPED: ").append(member.failure().orElse("")).append('\n');
            }
        }
        out.append("\n== Consortium totals (members that finished) ==\n");
        report.totals()
                .forEach((figure, value) -> out.append("  ")
                        .append(figure)
                        .append(": ")
                        .append(value)
                        .append('\n'));
        if (!report.stopped().isEmpty()) {
            out.append("Stopped members were left as they were; run again to finish them (finished members find"
                    + " nothing left to do).\n");
        }
        return out.toString();
    }

    private static String csv(ConsortiumReport report) {
        Set<String> figures = new LinkedHashSet<>();
        report.members().forEach(m -> figures.addAll(m.figures().keySet()));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("code", "name", "status", "failure"));
        header.addAll(figures);
        rows.add(header);
        for (ConsortiumReport.MemberSection member : report.members()) {
            List<String> row = new ArrayList<>(List.of(
                    member.code(),
                    member.name(),
                    member.status(),
                    member.failure().orElse("")));
            figures.forEach(f ->
                    row.add(member.finished() ? String.valueOf(member.figures().getOrDefault(f, 0)) : ""));
            rows.add(row);
        }
        List<String> totals = new ArrayList<>(List.of("", report.consortium(), "TOTAL", ""));
        figures.forEach(f -> totals.add(String.valueOf(report.totals().getOrDefault(f, 0))));
        rows.add(totals);
        return SpreadsheetCsv.rows(rows);
    }
}

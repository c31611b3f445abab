package org.almasim.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.almasim.common.csv.SpreadsheetCsv;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.evaluation.Reason;
import org.almasim.engine.execution.RunReport;

/** A run report as text, CSV (one line per exception) or JSON. */
public enum RunFormat {
    TEXT,
    CSV,
    JSON;

    private static final ObjectWriter WRITER = AlmaJson.MAPPER.writerWithDefaultPrettyPrinter();

    public static RunFormat parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String render(RunReport report) {
        return switch (this) {
            case TEXT -> text(report);
            case CSV -> csv(report);
            case JSON -> json(report);
        };
    }

    private static String text(RunReport r) {
        StringBuilder out = new StringBuilder();
        out.append("Run of \"")
                .append(r.policy())
                .append("\" as of ")
                .append(r.asOf())
                .append(" (")
                .append(r.mode())
                .append(")\n");
        out.append("Planned: ").append(r.planned()).append('\n');
        out.append("Dates fixed: ").append(r.datesFixed()).append('\n');
        stage(out, "Marked inactive", r.inactive());
        stage(out, "Purged", r.purge());
        if (!r.predicted()) {
            out.append("Not predicted: the purge candidates' loans and balances were left to Alma's job, which refused"
                    + " the patrons above with its reasons (policy run --predict reads them first).\n");
            r.differences().forEach(d -> out.append("  ").append(d).append('\n'));
        } else if (r.differences().isEmpty()) {
            out.append("Alma did what the preview predicted.\n");
        } else {
            out.append("Differences from the preview:\n");
            r.differences().forEach(d -> out.append("  ").append(d).append('\n'));
        }
        return out.toString();
    }

    private static void stage(StringBuilder out, String label, RunReport.StageResult s) {
        out.append(label)
                .append(": ")
                .append(s.done())
                .append(" (records processed ")
                .append(s.processed())
                .append(", with exceptions ")
                .append(s.exceptions().size());
        if (s.jobInstance() != null) {
            out.append(", job instance ").append(s.jobInstance());
        }
        out.append(")\n");
        s.exceptions()
                .forEach((id, why) ->
                        out.append("  ").append(id).append(": ").append(why).append('\n'));
        if (!s.heldBack().isEmpty()) {
            out.append("Held back by the engine, not sent to Alma: ")
                    .append(s.heldBack().size())
                    .append('\n');
            s.heldBack()
                    .forEach((id, why) -> out.append("  ")
                            .append(id)
                            .append(": ")
                            .append(Reason.join(why))
                            .append('\n'));
        }
        if (!s.notDoneByReason().isEmpty()) {
            out.append("Not ")
                    .append(label.toLowerCase(Locale.ROOT))
                    .append(", by reason (a patron counts under each of theirs):\n");
            s.notDoneByReason()
                    .forEach((reason, count) -> out.append("  ")
                            .append(reason)
                            .append(": ")
                            .append(count)
                            .append('\n'));
        }
    }

    private static String csv(RunReport r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("stage", "primary_id", "reason_codes", "reason"));
        exceptions(rows, "inactive", r.inactive().exceptions());
        exceptions(rows, "purge", r.purge().exceptions());
        r.purge()
                .heldBack()
                .forEach((id, why) -> rows.add(List.of("purge, held back", id, codes(why), Reason.join(why))));
        return SpreadsheetCsv.rows(rows);
    }

    private static void exceptions(List<List<String>> rows, String stage, Map<String, String> exceptions) {
        exceptions.forEach((id, why) -> rows.add(List.of(stage, id, codes(Reason.fromAlma(why)), why)));
    }

    private static String codes(List<Reason> reasons) {
        return reasons.stream().map(r -> r.code().name()).collect(Collectors.joining(" "));
    }

    private static String json(RunReport r) {
        try {
            return WRITER.writeValueAsString(r) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A run report could not be written as JSON", e);
        }
    }
}

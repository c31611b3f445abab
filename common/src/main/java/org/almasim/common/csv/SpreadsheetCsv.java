package org.almasim.common.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.util.List;

/**
 * CSV as a spreadsheet opens it: Jackson's quoting, and any cell that a spreadsheet would run as a formula
 * ({@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return first) kept as text with a leading apostrophe,
 * so a patron's id such as {@code =HYPERLINK(...)} in a report is shown, never evaluated. The simulator's job reports
 * and the engine's run reports are written here alike.
 */
public final class SpreadsheetCsv {
    /** Quotes a cell only when it must be (a comma, a quote, a line break), as the reports always have. */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private SpreadsheetCsv() {}

    public static String rows(List<List<String>> rows) {
        List<List<String>> safe = rows.stream()
                .map(row -> row.stream().map(SpreadsheetCsv::cell).toList())
                .toList();
        try {
            return MAPPER.writer().writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A report could not be written as CSV", e);
        }
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}

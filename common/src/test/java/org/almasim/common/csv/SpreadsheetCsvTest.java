package org.almasim.common.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadsheetCsvTest {
    @Test
    void aCellASpreadsheetWouldRunAsAFormulaIsKeptAsText() {
        String csv = SpreadsheetCsv.rows(
                List.of(List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain, with a comma")));
        assertThat(csv).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),\"plain, with a comma\"\n");
    }
}

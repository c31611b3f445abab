package org.almasim.app.copy;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.copy.LibraryCopy;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.errors.AlmaRefusal;

/**
 * What stops Alma deleting a user that Alma's users API does not show (PO lines, invoices, locked records...), from a
 * CSV staff export from an Analytics report: a header, then {@code primary_id,kind,detail} a row (docs/your-library.md).
 * The ids are turned into the copy's pseudonyms and the details into stand-ins, as the users were; a row whose user is
 * not in the copy (a copy of some users only) is counted, not loaded.
 */
public final class BlockerCsv {
    /** Rows per population document. */
    private static final int CHUNK = 1_000;

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final Path file;

    public BlockerCsv(Path file) {
        this.file = file;
    }

    /** What the file added: blockers by kind, and rows whose user the copy does not hold. */
    public record Loaded(Map<String, Integer> byKind, int patrons, int notInCopy) {}

    /** Reads the whole file once, loading nothing: a mistake is told by its line before anything is written. */
    public void check() {
        each(row -> {});
    }

    /**
     * Loads the blockers into {@code target}, each on the copy of its user ({@code copiedId}) when {@code inCopy} holds
     * that copy.
     */
    public Loaded load(
            LibraryCopy.Target target,
            Pseudonyms pseudonyms,
            Function<String, String> copiedId,
            Predicate<String> inCopy) {
        Map<String, Integer> byKind = new TreeMap<>();
        java.util.Set<String> patrons = new java.util.HashSet<>();
        int[] notInCopy = {0};
        ObjectNode[] document = {null};
        each(row -> {
            String user = copiedId.apply(row.primaryId());
            if (!inCopy.test(user)) {
                notInCopy[0]++;
                return;
            }
            if (document[0] == null) {
                document[0] = AlmaJson.MAPPER.createObjectNode();
                document[0].putArray("blockers");
            }
            ((ArrayNode) document[0].get("blockers"))
                    .addObject()
                    .put("user", user)
                    .put("kind", row.kind())
                    .put("detail", row.detail().isEmpty() ? "" : pseudonyms.identifier("blocker", row.detail()));
            byKind.merge(row.kind(), 1, Integer::sum);
            patrons.add(user);
            if (document[0].get("blockers").size() == CHUNK) {
                target.load(document[0]);
                document[0] = null;
            }
        });
        if (document[0] != null) {
            target.load(document[0]);
        }
        return new Loaded(byKind, patrons.size(), notInCopy[0]);
    }

    private record Row(String primaryId, String kind, String detail) {}

    private interface RowAction {
        void accept(Row row);
    }

    private void each(RowAction action) {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows =
                CSV.readerForMapOf(String.class).with(header).readValues(file.toFile())) {
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                // The parser stands at the end of the row it read, which is the next line's start.
                int line = rows.getCurrentLocation().getLineNr() - 1;
                String id = value(row, "primary_id");
                String kind = value(row, "kind").toUpperCase(Locale.ROOT);
                if (id.isEmpty()) {
                    throw new IllegalArgumentException(where(line) + ": no primary_id");
                }
                try {
                    BlockerService.kind(kind);
                } catch (AlmaRefusal e) {
                    throw new IllegalArgumentException(where(line) + ": " + e.getMessage());
                }
                action.accept(new Row(id, kind, value(row, "detail")));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known) {
                throw known;
            }
            throw new IllegalArgumentException(
                    file.getFileName() + " cannot be read as a CSV of blockers" + " (primary_id,kind,detail): "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private String where(int line) {
        return file.getFileName() + ", line " + line;
    }

    private static String value(Map<String, String> row, String column) {
        return Optional.ofNullable(row.get(column)).map(String::strip).orElse("");
    }
}

package org.almasim.app.copy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.almasim.engine.alma.AlmaJson;
import org.almasim.engine.copy.AnonymizedUser;
import org.almasim.engine.copy.CopyState;
import org.almasim.engine.copy.LibraryCopy;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.engine.copy.UserCodes;
import org.almasim.simulator.population.UserExportFile;

/**
 * Users copied from Alma's "Export users" files (or the files a library's SIS sends Alma), anonymized as a copy through
 * the API is ({@link AnonymizedUser}, the same pseudonyms under the same salt), a thousand at a time into population
 * documents: a file of a million users passes in the memory of a thousand. A user the target refuses is told by its
 * file, line and place.
 */
public final class FileCopy {
    /** Users per population document: each is one transaction of the target. */
    static final int CHUNK = 1_000;

    private static final Pattern USER_AT = Pattern.compile("\\buser (\\d+)\\b");

    private final List<Path> files;
    private final Pseudonyms pseudonyms;
    private final boolean keepIds;
    private final LibraryCopy.Target target;
    private final Path stateFile;
    private final Consumer<LibraryCopy.Progress> progress;
    private final Map<String, Set<String>> knownCodes;

    /**
     * @param knownCodes the target's codes of {@link UserCodes#TABLES}, by table: a code a file's user carries and the
     *     target lacks (a user group, a block description...) is added with its code as its description (a file carries
     *     no descriptions); one it has keeps its own
     */
    public FileCopy(
            List<Path> files,
            Pseudonyms pseudonyms,
            boolean keepIds,
            LibraryCopy.Target target,
            Path stateFile,
            Map<String, Set<String>> knownCodes,
            Consumer<LibraryCopy.Progress> progress) {
        this.files = List.copyOf(files);
        this.pseudonyms = pseudonyms;
        this.keepIds = keepIds;
        this.target = target;
        this.stateFile = stateFile;
        this.knownCodes = new HashMap<>();
        knownCodes.forEach((table, codes) -> this.knownCodes.put(table, new HashSet<>(codes)));
        this.progress = progress;
    }

    /** What the state file names as the source: the files' names, in order. */
    public static String source(List<Path> files) {
        return "files "
                + String.join(
                        ", ",
                        files.stream().map(f -> f.getFileName().toString()).toList());
    }

    public CopyState newState() {
        return CopyState.start(source(files), "export files", pseudonyms.fingerprint(), keepIds);
    }

    /**
     * Reads the first user of every file: a file that is not an export of users is refused before anything is
     * written. An IllegalArgumentException says which and why.
     */
    public static void check(List<Path> files) {
        for (Path file : files) {
            try (UserExportFile users = UserExportFile.open(file)) {
                users.hasNext();
            }
        }
    }

    /** Copies the files from where {@code state} stands (the users already copied are read past, not copied again). */
    public CopyState copy(CopyState state) {
        long skip = state.nextOffset();
        long read = 0;
        Chunk chunk = new Chunk();
        for (Path file : files) {
            try (UserExportFile users = UserExportFile.open(file)) {
                while (users.hasNext()) {
                    UserExportFile.Record record = users.next();
                    if (read++ < skip) {
                        continue;
                    }
                    chunk.add(record);
                    if (chunk.records.size() == CHUNK) {
                        state = chunk.load(state);
                        chunk = new Chunk();
                    }
                }
            }
        }
        state = chunk.load(state);
        state = state.withTotal(state.users()).finishedWith(0);
        state.write(stateFile);
        return state;
    }

    /** A thousand users of the files, as one population document. */
    private final class Chunk {
        final List<UserExportFile.Record> records = new ArrayList<>(CHUNK);
        final ArrayNode users = AlmaJson.MAPPER.createArrayNode();
        final ObjectNode addedCodes = AlmaJson.MAPPER.createObjectNode();

        void add(UserExportFile.Record record) {
            JsonNode user = record.user();
            String sourceId = user.path("primary_id").asText();
            if (sourceId.isBlank()) {
                throw new IllegalArgumentException(record.where() + ": the user has no primary_id");
            }
            records.add(record);
            users.add(AnonymizedUser.of(user, keepIds ? sourceId : pseudonyms.primaryId(sourceId), pseudonyms));
            UserCodes.of(user).forEach((table, codes) -> {
                Set<String> known = knownCodes.computeIfAbsent(table, t -> new HashSet<>());
                for (String code : codes) {
                    if (known.add(code)) {
                        ArrayNode added =
                                addedCodes.has(table) ? (ArrayNode) addedCodes.get(table) : addedCodes.putArray(table);
                        added.addObject().put("code", code).put("description", code);
                    }
                }
            });
        }

        CopyState load(CopyState state) {
            if (records.isEmpty()) {
                return state;
            }
            ObjectNode document = AlmaJson.MAPPER.createObjectNode();
            document.set("code_tables", addedCodes);
            document.set("users", users);
            document.putArray("featured");
            try {
                target.load(document);
            } catch (RuntimeException refused) {
                throw new IllegalArgumentException(where(refused.getMessage()), refused);
            }
            CopyState next = state.after(records.size(), new CopyState.Copied(records.size(), 0, 0, 0, 0));
            next.write(stateFile);
            progress.accept(new LibraryCopy.Progress(next.users(), -1, 0));
            return next;
        }

        /** The target's refusal, with the file, line and place of the user it names ("user 12" of the document). */
        private String where(String refusal) {
            Matcher user = USER_AT.matcher(refusal == null ? "" : refusal);
            if (user.find()) {
                int index = Integer.parseInt(user.group(1)) - 1;
                if (index >= 0 && index < records.size()) {
                    return records.get(index).where() + ": " + refusal;
                }
            }
            return records.get(0).where() + " and the " + (records.size() - 1) + " users after it: " + refusal;
        }
    }
}

package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.almasim.control.ControlPlane;
import org.almasim.engine.copy.AnonymizedUser;
import org.almasim.engine.copy.Pseudonyms;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.population.UserExportFile;
import org.almasim.simulator.users.User;

/**
 * A SIS load's users as almasim's SIS load takes them: the XML a SIS sends Alma. On a copy of a library, made under a
 * salt, the feed is pseudonymized under the same salt, so its users meet their copies (the same primary ids) and no
 * name of the real feed reaches the copy.
 */
public final class SisFeed {
    private final UnaryOperator<JsonNode> user;
    private final boolean pseudonymized;

    private SisFeed(UnaryOperator<JsonNode> user, boolean pseudonymized) {
        this.user = user;
        this.pseudonymized = pseudonymized;
    }

    /** The feed as it is, or pseudonymized by the copy's salt file (which must exist: a new salt matches no copy). */
    public static SisFeed of(Optional<Path> saltFile, boolean keepIds) {
        if (saltFile.isEmpty()) {
            return new SisFeed(UnaryOperator.identity(), false);
        }
        Path file = saltFile.get();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("the salt file " + file + " does not exist: give the one the copy was"
                    + " made with (almasim import --salt-file)");
        }
        Pseudonyms pseudonyms = Pseudonyms.fromFile(file).pseudonyms();
        return new SisFeed(
                source -> {
                    String id = source.path("primary_id").asText("");
                    return AnonymizedUser.of(source, keepIds ? id : pseudonyms.primaryId(id), pseudonyms);
                },
                true);
    }

    /**
     * Synchronises a SIS file on the almasim {@code target}: sent as it is, or pseudonymized first into a temporary file,
     * removed once sent. Answers the load's report.
     */
    public JsonNode load(Path file, ControlPlane target) {
        if (!pseudonymized) {
            return target.sisLoad(file);
        }
        try {
            Path rewritten = Files.createTempFile("almasim-sis", ".xml.gz");
            try {
                rewrite(file, rewritten);
                return target.sisLoad(rewritten, file.getFileName() + " (pseudonymized)");
            } finally {
                Files.deleteIfExists(rewritten);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Synchronises users written as a scenario holds them (as {@code POST /users} takes them), called {@code name}. */
    public JsonNode load(List<JsonNode> users, String name, ControlPlane target) {
        return target.sisLoad(asXml(users), name);
    }

    private String asXml(List<JsonNode> users) {
        StringBuilder xml = new StringBuilder("<users>\n");
        users.forEach(one -> xml.append(userXml(user.apply(one))).append('\n'));
        return xml.append("</users>\n").toString();
    }

    /** An export file rewritten, a user at a time, into a gzipped file of the feed's users. */
    private void rewrite(Path exportFile, Path into) {
        try (UserExportFile records = UserExportFile.open(exportFile);
                Writer out = new OutputStreamWriter(
                        new GZIPOutputStream(Files.newOutputStream(into), 1 << 16), StandardCharsets.UTF_8)) {
            out.write("<users>\n");
            while (records.hasNext()) {
                out.write(userXml(user.apply(records.next().user())));
                out.write('\n');
            }
            out.write("</users>\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String userXml(JsonNode user) {
        try {
            return AlmaFormats.toXml(AlmaFormats.JSON.treeToValue(user, User.class))
                    .replaceFirst("^<\\?xml[^>]*\\?>", "");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "user " + user.path("primary_id").asText("?") + ": " + AlmaFormats.problem(e));
        }
    }
}

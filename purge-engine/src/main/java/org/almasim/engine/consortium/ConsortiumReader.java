package org.almasim.engine.consortium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.almasim.engine.policy.FileSchema;
import org.almasim.engine.policy.PolicyException;
import org.almasim.engine.policy.YamlLines;

/** Reads a consortium file, checked against docs/consortium.schema.json; every problem is told at once, with its line. */
public final class ConsortiumReader {
    // Unknown fields are refused by the schema first; the mapper refuses them too, so a field it cannot map is never
    // lost.
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConsortiumReader() {}

    public static Consortium load(Path file) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            return read(Files.readAllBytes(file), file.toString()).readFrom(directory);
        } catch (IOException e) {
            throw new PolicyException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static Consortium read(byte[] yaml, String source) {
        JsonNode tree = YamlLines.tree(YAML, yaml, source);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new PolicyException(source, List.of("the file is empty"));
        }
        Map<String, Integer> lines = YamlLines.of(yaml);
        List<String> problems = new ArrayList<>(FileSchema.CONSORTIUM.problems(tree, lines));
        if (!problems.isEmpty()) {
            throw new PolicyException(source, problems);
        }
        Consortium consortium;
        try {
            consortium = YAML.treeToValue(tree, Consortium.class);
        } catch (JsonProcessingException e) {
            throw new PolicyException(source, List.of(YamlLines.where(e, lines) + YamlLines.what(e)));
        }
        // What the schema cannot say: each member once.
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < consortium.members().size(); i++) {
            String code = consortium.members().get(i).code();
            if (!codes.add(code)) {
                problems.add(YamlLines.problemAt(lines, "/members/" + i + "/code", code + " is listed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(source, problems);
        }
        return consortium;
    }
}

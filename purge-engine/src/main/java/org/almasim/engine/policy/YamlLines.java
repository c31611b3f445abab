package org.almasim.engine.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Where things are in a YAML file, so that every problem with a policy or a scenario file can name its line. */
public final class YamlLines {
    private YamlLines() {
    }

    /** The line of the field a mapping error is about (the parser's position can be past it), else the parser's. */
    public static String where(JsonProcessingException e, byte[] yaml) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            for (var ref : mapping.getPath()) {
                pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            Integer line = of(yaml).get(pointer.toString());
            if (line != null) {
                return "line " + line + ": ";
            }
        }
        JsonLocation at = e.getLocation();
        return at == null ? "" : "line " + at.getLineNr() + ": ";
    }

    /** The line of every field, by its JSON pointer (/purge/cutoffs/0/run). */
    public static Map<String, Integer> of(byte[] yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token.isScalarValue()) {
                    lines.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // The mapper has already read the file; an unreadable token here only costs line numbers.
        }
        return lines;
    }

}

package org.almasim.engine.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where things are in a YAML file, so that every problem with a policy or a scenario file can name its line. */
public final class YamlLines {
    private YamlLines() {}

    /** The line of the field a mapping error is about (the parser's position can be past it), else the parser's. */
    public static String where(JsonProcessingException e, byte[] yaml) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            for (var ref : mapping.getPath()) {
                pointer.append('/')
                        .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            Integer line = of(yaml).get(pointer.toString());
            if (line != null) {
                return "line " + line + ": ";
            }
        }
        JsonLocation at = e.getLocation();
        return at == null ? "" : "line " + at.getLineNr() + ": ";
    }

    /**
     * Where and what the problem is, quoting only short values of the file (a misspelt field name): a long one is left
     * out, so a file that is not a policy or a scenario at all (a password file, a key) is not echoed to a terminal.
     */
    public static String problem(JsonProcessingException e, byte[] yaml) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        Matcher quoted = QUOTED.matcher(what);
        StringBuilder shortened = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(shortened, Matcher.quoteReplacement(quoted.group(1) + "..." + quoted.group(1)));
        }
        quoted.appendTail(shortened);
        return where(e, yaml) + shortened.toString().lines().findFirst().orElse("");
    }

    private static final int QUOTED_AT_MOST = 30;
    private static final Pattern QUOTED = Pattern.compile("(['\"])([^'\"]{" + (QUOTED_AT_MOST + 1) + ",})\\1");

    /** The line of every field, by its JSON pointer (/purge/cutoffs/0/run). */
    public static Map<String, Integer> of(byte[] yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token.isScalarValue()) {
                    lines.putIfAbsent(
                            parser.getParsingContext().pathAsPointer().toString(),
                            parser.currentLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // The mapper has already read the file; an unreadable token here only costs line numbers.
        }
        return lines;
    }
}

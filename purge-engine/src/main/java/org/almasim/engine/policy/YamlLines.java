package org.almasim.engine.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where things are in a YAML file, so that every problem with a policy or a scenario file can name its line. */
public final class YamlLines {
    private YamlLines() {}

    /** A file's tree; a file that is not YAML is a PolicyException naming its line. */
    public static JsonNode tree(ObjectMapper mapper, byte[] yaml, String source) {
        try {
            return mapper.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new PolicyException(source, List.of(problem(e, yaml)));
        } catch (IOException e) {
            throw new PolicyException(source, List.of(e.getMessage()));
        }
    }

    /** The line of the field a mapping error is about (the parser's position can be past it), else the parser's. */
    public static String where(JsonProcessingException e, byte[] yaml) {
        return where(e, of(yaml));
    }

    /** As above, with the lines of the file's fields already known. */
    public static String where(JsonProcessingException e, Map<String, Integer> lines) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            for (var ref : mapping.getPath()) {
                pointer.append('/')
                        .append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            Integer line = lines.get(pointer.toString());
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
        return where(e, yaml) + what(e);
    }

    /** What a parse or mapping error says, long quoted values shortened (see {@link #problem}). */
    public static String what(JsonProcessingException e) {
        String what = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        Matcher quoted = QUOTED.matcher(what);
        StringBuilder shortened = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(shortened, Matcher.quoteReplacement(quoted.group(1) + "..." + quoted.group(1)));
        }
        quoted.appendTail(shortened);
        return shortened.toString().lines().findFirst().orElse("");
    }

    private static final int QUOTED_AT_MOST = 30;
    private static final Pattern QUOTED = Pattern.compile("(['\"])([^'\"]{" + (QUOTED_AT_MOST + 1) + ",})\\1");

    /**
     * The line of the field at {@code pointer}; for an object or a list entry, which has no line of its own, the line of
     * its first field; else the line of the nearest field above it. Nothing for the whole file.
     */
    public static Integer lineOf(Map<String, Integer> lines, String pointer) {
        if (pointer.isEmpty()) {
            return null;
        }
        Integer line = lines.get(pointer);
        if (line == null) {
            line = lines.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(pointer + "/"))
                    .map(Map.Entry::getValue)
                    .min(Integer::compare)
                    .orElse(null);
        }
        for (String at = pointer;
                line == null && !at.isEmpty();
                at = at.substring(0, Math.max(0, at.lastIndexOf('/')))) {
            line = lines.get(at);
        }
        return line;
    }

    /**
     * A problem as every file check writes one: {@code line N: where: what}, the line of {@code pointer} (nothing when
     * it has none) and the pointer without its first slash (nothing for the whole file).
     */
    public static String problemAt(Map<String, Integer> lines, String pointer, String what) {
        Integer line = lineOf(lines, pointer);
        return (line == null ? "" : "line " + line + ": ")
                + (pointer.isEmpty() || pointer.equals("/") ? "" : pointer.substring(1) + ": ")
                + what;
    }

    private static final Pattern LINE = Pattern.compile("^line (\\d+): ");

    /** Problems in the order of their lines (those of the whole file first), each once. */
    public static List<String> inFileOrder(List<String> problems) {
        return problems.stream()
                .distinct()
                .sorted(Comparator.comparingInt(problem -> {
                    Matcher line = LINE.matcher(problem);
                    return line.find() ? Integer.parseInt(line.group(1)) : 0;
                }))
                .toList();
    }

    /** The lines of the fields under {@code pointer}, by their pointers relative to it (a policy inside a scenario). */
    public static Map<String, Integer> under(Map<String, Integer> lines, String pointer) {
        Map<String, Integer> inside = new HashMap<>();
        lines.forEach((at, line) -> {
            if (at.startsWith(pointer + "/")) {
                inside.put(at.substring(pointer.length()), line);
            }
        });
        return inside;
    }

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

package org.almasim.simulator.population;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A population document with YAML merge keys ({@code <<: *defaults}), which Jackson's YAML reader leaves unresolved, or
 * with top-level {@code x-} keys holding the anchors: SnakeYAML reads it with the keys merged and the x- keys left out,
 * and with dates kept as text so that almasim's own date rules read them.
 */
final class MergedYaml {
    private static final Pattern MERGE_KEY = Pattern.compile("<<\\s*:");
    /** Top-level keys starting with x- hold what a document shares through anchors (as docker-compose files do). */
    private static final Pattern EXTENSION_KEY = Pattern.compile("(?m)^x-[^:\\s]*\\s*:");

    // Many aliases are fine (a default merged into every patron); what they expand to is bounded by maxValues.
    private static final int MAX_ALIASES = 1_000_000;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    private MergedYaml() {}

    static boolean uses(String document) {
        return MERGE_KEY.matcher(document).find()
                || EXTENSION_KEY.matcher(document).find();
    }

    /** The document as plain maps, lists and scalars, with every merge key applied and its x- keys left out. */
    static Object read(String document) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        DumperOptions unused = new DumperOptions();
        Object loaded = new Yaml(
                        new SafeConstructor(options), new Representer(unused), unused, options, new DatesAsText())
                .load(document);
        if (loaded instanceof Map<?, ?> top) {
            top.keySet().removeIf(key -> String.valueOf(key).startsWith("x-"));
        }
        refuseIfExpandsPast(loaded, maxValues(document));
        return loaded;
    }

    /**
     * The values a document may stand for once its aliases are followed: SnakeYAML's alias limit counts aliases written,
     * not what they expand to, so 438 bytes of nested aliases stood for 823,543 values. A merge of shared defaults into
     * every patron expands by the few fields it shares, far below this.
     */
    static long maxValues(String document) {
        return 100_000L + 20L * document.length();
    }

    /** Counts values as Jackson would visit them (a shared one each time), and stops at the bound: no cycle loops. */
    private static void refuseIfExpandsPast(Object loaded, long bound) {
        Deque<Object> toVisit = new ArrayDeque<>();
        toVisit.push(loaded == null ? "" : loaded);
        long values = 0;
        while (!toVisit.isEmpty()) {
            Object value = toVisit.pop();
            if (++values > bound) {
                throw new YAMLException("the document stands for more than " + bound
                        + " values once its aliases (*name) are followed; write the values out or share fewer");
            }
            if (value instanceof Map<?, ?> map) {
                map.forEach((key, entry) -> {
                    toVisit.push(key == null ? "" : key);
                    toVisit.push(entry == null ? "" : entry);
                });
            } else if (value instanceof Collection<?> list) {
                list.forEach(element -> toVisit.push(element == null ? "" : element));
            }
        }
    }

    /** YAML 1.1's resolvers but the timestamp one: {@code 2024-08-01} stays the text almasim reads as a date. */
    private static final class DatesAsText extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789", 64);
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.", 64);
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }
}

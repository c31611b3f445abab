package org.almasim.simulator.population;

import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
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

    private MergedYaml() {}

    static boolean uses(String document) {
        return MERGE_KEY.matcher(document).find()
                || EXTENSION_KEY.matcher(document).find();
    }

    /** The document as plain maps, lists and scalars, with every merge key applied and its x- keys left out. */
    static Object read(String document) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(1000);
        DumperOptions unused = new DumperOptions();
        Object loaded = new Yaml(
                        new SafeConstructor(options), new Representer(unused), unused, options, new DatesAsText())
                .load(document);
        if (loaded instanceof Map<?, ?> top) {
            top.keySet().removeIf(key -> String.valueOf(key).startsWith("x-"));
        }
        return loaded;
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

package org.almasim.simulator.population;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
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
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(unused), unused, options, new DatesAsText());
        // Counted on the composed nodes before anything is built from them: what the aliases stand for is checked
        // before it is expanded, and a refusal can name the line it was reached at.
        refuseIfExpandsPast(yaml.compose(new StringReader(document)), maxValues(document));
        Object loaded = yaml.load(document);
        if (loaded instanceof Map<?, ?> top) {
            top.keySet().removeIf(key -> String.valueOf(key).startsWith("x-"));
        }
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

    /** Counts nodes as they stand once aliases are followed (a shared one each time), and stops at the bound. */
    private static void refuseIfExpandsPast(Node root, long bound) {
        Deque<Node> toVisit = new ArrayDeque<>();
        if (root != null) {
            toVisit.push(root);
        }
        long values = 0;
        while (!toVisit.isEmpty()) {
            Node node = toVisit.pop();
            if (++values > bound) {
                throw new YAMLException("the document stands for more than " + bound + " values once its aliases"
                        + " (*name) are followed, reached at line "
                        + (node.getStartMark().getLine() + 1)
                        + "; write the values out or share fewer");
            }
            if (node instanceof MappingNode mapping) {
                mapping.getValue().forEach(entry -> {
                    toVisit.push(entry.getKeyNode());
                    toVisit.push(entry.getValueNode());
                });
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(toVisit::push);
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

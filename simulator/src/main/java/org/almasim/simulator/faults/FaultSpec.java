package org.almasim.simulator.faults;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A fault rule written on one line, as {@code serve --fault} and scenario files take it:
 * {@code FAULT[:key=value[,key=value...]]} with the keys of the JSON rule, such as
 * {@code HTTP_503:method=DELETE,path=/almaws/v1/users/*,probability=0.2,count=5}.
 */
public final class FaultSpec {
    private FaultSpec() {}

    public static FaultRule parse(String spec) {
        String[] head = spec.strip().split(":", 2);
        FaultRule rule;
        try {
            rule = FaultRule.of(Fault.valueOf(head[0].strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown fault '" + head[0].strip() + "'; one of " + Arrays.toString(Fault.values()));
        }
        if (head.length == 2 && !head[1].isBlank()) {
            for (String pair : head[1].split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException(
                            "Expected key=value in the fault '" + spec + "', got '" + pair + "'");
                }
                rule = with(rule, kv[0].strip(), kv[1].strip());
            }
        }
        Optional<String> problem = rule.problem();
        if (problem.isPresent()) {
            throw new IllegalArgumentException("Fault '" + spec + "': " + problem.get());
        }
        return rule;
    }

    /** The rule as {@link #parse} reads it. */
    public static String format(FaultRule rule) {
        List<String> pairs = new ArrayList<>();
        rule.method().ifPresent(v -> pairs.add("method=" + v));
        rule.path().ifPresent(v -> pairs.add("path=" + v));
        rule.op().ifPresent(v -> pairs.add("op=" + v));
        rule.user().ifPresent(v -> pairs.add("user=" + v));
        rule.probability().ifPresent(v -> pairs.add("probability=" + v));
        rule.count().ifPresent(v -> pairs.add("count=" + v));
        rule.delayMillis().ifPresent(v -> pairs.add("delay_ms=" + v));
        rule.minutes().ifPresent(v -> pairs.add("minutes=" + v));
        return rule.fault() + (pairs.isEmpty() ? "" : ":" + String.join(",", pairs));
    }

    private static FaultRule with(FaultRule rule, String key, String value) {
        try {
            return switch (key) {
                case "method" -> rule.onMethod(value);
                case "path" -> rule.onPath(value);
                case "op" -> rule.onOp(value);
                case "user" -> rule.onUser(value);
                case "probability" -> rule.withProbability(Double.parseDouble(value));
                case "count" -> rule.times(Integer.parseInt(value));
                case "delay_ms" -> rule.delayedBy(Integer.parseInt(value));
                case "minutes" -> rule.forMinutes(Integer.parseInt(value));
                default ->
                    throw new IllegalArgumentException("Unknown key '" + key
                            + "' in a fault; use method, path, op, user, probability, count, delay_ms or minutes");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got '" + value + "'");
        }
    }
}

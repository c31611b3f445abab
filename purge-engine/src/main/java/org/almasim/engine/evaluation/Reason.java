package org.almasim.engine.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One reason, as data: its code and the values it names. Programs read the code and the parameters; people read the
 * sentence, which {@link ReasonCode} renders. Nothing reads a sentence back.
 */
public record Reason(
        @JsonProperty("code") ReasonCode code,
        @JsonProperty("parameters") Map<String, Object> parameters) {

    public Reason {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A reason from its code and its parameters, given as name, value, name, value... */
    public static Reason of(ReasonCode code, Object... namesAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Reason(code, parameters);
    }

    @JsonProperty("sentence")
    public String sentence() {
        return code.sentence(parameters);
    }

    /** What this reason has in common with others, for a chart or a table of counts: Alma's own words when the engine does not know them. */
    public String label() {
        return code == ReasonCode.OTHER_ALMA_REASON ? String.valueOf(parameters.get("alma_reason")) : code.label();
    }

    /** Several reasons as one text: Alma's sentences as they are, the engine's separated by semicolons. */
    public static String join(List<Reason> reasons) {
        StringBuilder text = new StringBuilder();
        for (Reason reason : reasons) {
            if (!text.isEmpty()) {
                text.append(text.charAt(text.length() - 1) == '.' ? " " : "; ");
            }
            text.append(reason.sentence());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return sentence();
    }

    /**
     * The blockers of one refusal in Alma's job report, each with its code: Alma writes one text naming every blocker,
     * a sentence each ("User has 2 active loans. User has PO lines assigned."). Alma's words are kept as it wrote them.
     */
    public static List<Reason> fromAlma(String almaText) {
        List<Reason> reasons = new ArrayList<>();
        for (String sentence : almaText.split("(?<=\\.)\\s+")) {
            if (!sentence.isBlank()) {
                String words = sentence.toLowerCase(Locale.ROOT);
                ReasonCode code = Arrays.stream(ReasonCode.values())
                        .filter(c -> c.almaWords().filter(words::contains).isPresent())
                        .findFirst()
                        .orElse(ReasonCode.OTHER_ALMA_REASON);
                reasons.add(of(code, "alma_reason", sentence.strip()));
            }
        }
        return reasons;
    }

    static String almaText(Map<String, Object> parameters) {
        return String.valueOf(parameters.get("alma_reason"));
    }
}

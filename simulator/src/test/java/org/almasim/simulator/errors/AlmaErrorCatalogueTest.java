package org.almasim.simulator.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.almasim.simulator.http.AlmaErrors;
import org.almasim.simulator.http.AlmaFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every entry of Alma's error catalogue, rendered as a client reads it, and the rule that errors live only here. */
class AlmaErrorCatalogueTest {
    private static final Set<Integer> ALMA_STATUSES = Set.of(400, 404, 405, 429, 500);
    private static final Pattern ALMA_CODE = Pattern.compile("\\d{5,8}|[A-Z]+(_[A-Z]+)*");
    private static final Pattern JAVA_WORDS = Pattern.compile("java\\.|org\\.almasim|[A-Za-z]+Exception\\b|%[^s]");

    @ParameterizedTest
    @EnumSource(AlmaError.class)
    void everyErrorRendersAsAlmasEnvelopeWithItsCodeAndDetails(AlmaError error) throws IOException {
        Object[] details = IntStream.range(0, error.placeholders())
                .mapToObj(i -> "detail-" + i)
                .toArray();

        AlmaRefusal refusal = error.refusal(details);
        JsonNode json = AlmaFormats.JSON.readTree(
                AlmaFormats.toJson(AlmaErrors.envelope(refusal.code(), refusal.getMessage())));
        String xml = AlmaFormats.toXml(AlmaErrors.envelope(refusal.code(), refusal.getMessage()));

        assertThat(refusal.status()).as("HTTP status").isIn(ALMA_STATUSES);
        assertThat(ALMA_CODE.matcher(error.code()).matches())
                .as("Alma's code %s", error.code())
                .isTrue();
        assertThat(json.path("errorsExist").asBoolean()).isTrue();
        JsonNode answered = json.path("errorList").path("error").path(0);
        assertThat(answered.path("errorCode").asText()).isEqualTo(error.code());
        String message = answered.path("errorMessage").asText();
        assertThat(message).isNotBlank().doesNotContain("%s").doesNotContainPattern(JAVA_WORDS);
        Arrays.stream(details).forEach(detail -> assertThat(message).contains(String.valueOf(detail)));
        assertThat(xml).contains("<errorCode>" + error.code() + "</errorCode>", "web_service_result");
    }

    @Test
    void aRefusalWithTheWrongNumberOfDetailsIsAProgrammingError() {
        assertThatThrownBy(() -> AlmaError.USER_NOT_FOUND.refusal()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlmaError.GENERAL_ERROR.refusal("extra")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesThatShareACodeSayDifferentThings() {
        List<String> templates = Stream.of(AlmaError.values())
                .map(e -> e.code() + " " + e.template())
                .toList();

        assertThat(templates).doesNotHaveDuplicates();
    }

    /** Alma's codes are spelled in the catalogue only: a code written anywhere else in the simulator is a second source. */
    @Test
    void noAlmaCodeIsSpelledOutsideTheCatalogue() throws IOException {
        Path main = Path.of("src/main/java/org/almasim/simulator");
        Pattern literal = Pattern.compile("\"(40\\d{4,6}|60\\d{3})\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(main.resolve("errors")))
                    .toList()) {
                Matcher matcher = literal.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(main.relativize(file) + ": " + matcher.group());
                }
            }
        }

        assertThat(found).isEmpty();
    }
}

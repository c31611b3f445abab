package org.almasim.simulator.properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.PropertyRunner;
import org.almasim.simulator.support.RandomUsers;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.users.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserRoundTripPropertyTest {
    private final RunningSimulator sim = RunningSimulator.start();
    private final AlmaClient alma = sim.client;

    @AfterAll
    void stop() {
        sim.close();
    }

    /** A generated user and the format it is posted in. */
    record Case(ObjectNode user, boolean postAsXml) {
        @Override
        public String toString() {
            return (postAsXml ? "XML " : "JSON ") + user;
        }
    }

    @Test
    void aUserPostedInEitherFormatIsReadBackTheSameInBoth() {
        PropertyRunner.check(
                "a user POSTed in JSON or XML is answered, and read back in JSON and in XML, with every field it was given",
                (random, i) -> new Case(RandomUsers.user(random, i, RunningSimulator.TODAY), random.nextBoolean()),
                this::roundTrip,
                c -> RandomUsers.shrink(c.user()).stream()
                        .map(u -> new Case(u, c.postAsXml()))
                        .toList());
    }

    private Optional<String> roundTrip(Case c) {
        String id = c.user().path("primary_id").asText();
        alma.attemptToDeleteUser(id);
        User sent = AlmaFormats.JSON.convertValue(c.user(), User.class);
        AlmaResponse posted = c.postAsXml()
                ? alma.send(
                        "POST", "/almaws/v1/users", Map.of(), AlmaFormats.toXml(sent), AlmaClient.XML, AlmaClient.JSON)
                : alma.attemptToCreateUser(c.user().toString());
        if (posted.status() != 200) {
            return Optional.of("POST refused a valid user: " + posted.body());
        }
        JsonNode asJson = alma.getUser(id);
        if (!asJson.equals(posted.json())) {
            return Optional.of("GET answered " + asJson + " after POST answered " + posted.body());
        }
        String xml = alma.get("/almaws/v1/users/" + id, Map.of(), AlmaClient.XML)
                .isOk()
                .body();
        User fromXml = AlmaFormats.read(xml.getBytes(StandardCharsets.UTF_8), BodyFormat.XML, User.class);
        User fromJson =
                AlmaFormats.read(asJson.toString().getBytes(StandardCharsets.UTF_8), BodyFormat.JSON, User.class);
        if (!fromXml.equals(fromJson)) {
            return Optional.of("XML and JSON differ:\n    XML  " + xml + "\n    JSON " + asJson);
        }
        return missingFrom(c.user(), asJson, "").map(path -> "the answer lost or changed " + path + ": " + asJson);
    }

    /** The first field of {@code sent} (ignoring descriptions) that {@code got} does not carry with the same value. */
    private static Optional<String> missingFrom(JsonNode sent, JsonNode got, String path) {
        if (sent.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = sent.properties().iterator(); it.hasNext(); ) {
                var field = it.next();
                if (field.getKey().equals("desc")) {
                    continue;
                }
                Optional<String> missing =
                        missingFrom(field.getValue(), got.path(field.getKey()), path + "/" + field.getKey());
                if (missing.isPresent()) {
                    return missing;
                }
            }
            return Optional.empty();
        }
        if (sent.isArray()) {
            if (!got.isArray() || got.size() != sent.size()) {
                return Optional.of(path);
            }
            for (int i = 0; i < sent.size(); i++) {
                Optional<String> missing = missingFrom(sent.get(i), got.get(i), path + "[" + i + "]");
                if (missing.isPresent()) {
                    return missing;
                }
            }
            return Optional.empty();
        }
        return sent.asText().equals(got.asText()) ? Optional.empty() : Optional.of(path);
    }
}

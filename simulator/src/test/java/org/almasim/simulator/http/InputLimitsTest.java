package org.almasim.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.Fixtures;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/**
 * The inputs an audit found answering 500 or burning CPU: each is refused with Alma's error before it reaches the
 * database, and changes nothing.
 */
class InputLimitsTest extends SimulatorTest {
    private static final String FEE =
            "{\"type\":{\"value\":\"OTHER\"},\"original_amount\":12.50,\"owner\":{\"value\":\"MAIN\"}}";

    @Test
    void aNameLongerThanAlmaAllowsIsRefusedAndNothingIsCreated() {
        String user = Fixtures.user("long-name").replace("\"Dana\"", "\"" + "D".repeat(256) + "\"");
        JsonNode before = digest();
        assertThat(alma.attemptToCreateUser(user).hasAlmaError("401666").json().toString())
                .contains("first_name");
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void aBodyOfNullIsAnInvalidBodyNotAServerError() {
        alma.attemptToCreateUser("null").hasAlmaError("401676");
        alma.createUser(Fixtures.user("with-fee"));
        alma.postJson("/almaws/v1/users/with-fee/fees", Map.of(), "null").hasAlmaError("401676");
        alma.postJson("/almaws/v1/conf/sets", Map.of(), "null").hasAlmaError("401676");
    }

    @Test
    void controlCharactersInANameStillGiveReadableXml() {
        alma.createUser(Fixtures.user("bell").replace("\"Dana\"", "\"Da\\u0007na\""));
        AlmaResponse list = alma.get("/almaws/v1/users", Map.of("limit", "10"), AlmaClient.XML);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("Da\uFFFDna");
        AlmaResponse refused = alma.get("/almaws/v1/users", Map.of("limit", "a\u0000b"), AlmaClient.XML);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("<errorsExist>true</errorsExist>");
    }

    @Test
    void hostileSetQueriesAreRefusedByTheParser() {
        for (String query : new String[] {
            "(".repeat(3000) + "status = ACTIVE" + ")".repeat(3000),
            "not ".repeat(3000) + "status = ACTIVE",
            "expiry_date before today+99999999999y",
            "active_balance > 1e999999999",
            "expiry_date before today-P999999999Y"
        }) {
            String set =
                    "{\"name\":\"Hostile\",\"type\":{\"value\":\"LOGICAL\"},\"content\":{\"value\":\"USER\"},\"query\":{\"value\":"
                            + AlmaFormats.JSON.valueToTree(query) + "}}";
            AlmaResponse answer = alma.postJson("/almaws/v1/conf/sets", Map.of(), set);
            assertThat(answer.status())
                    .as(query.substring(0, Math.min(40, query.length())))
                    .isEqualTo(400);
            assertThat(answer.json()
                            .path("errorList")
                            .path("error")
                            .path(0)
                            .path("errorCode")
                            .asText())
                    .isIn("402270", "401666");
        }
    }

    @Test
    void theClockStaysWithinItsDocumentedRange() {
        alma.send(
                        "PUT",
                        "/almasim/v1/clock",
                        Map.of(),
                        "{\"today\":\"+999999999-12-31\"}",
                        AlmaClient.JSON,
                        AlmaClient.JSON)
                .hasAlmaError("401666");
        alma.postJson("/almasim/v1/clock/advance", Map.of(), "{\"period\":\"P999999999Y\"}")
                .hasAlmaError("401666");
        assertThat(alma.getJson("/almasim/v1/clock", Map.of())
                        .json()
                        .path("today")
                        .asText())
                .isEqualTo("2024-08-01");
    }

    @Test
    void anAmountWithAnExponentOrDigitsOfAnotherScriptPaysNothing() {
        alma.createUser(Fixtures.user("payer"));
        String feeId = alma.createFee("payer", FEE).path("id").asText();
        for (String amount : new String[] {"1e10000000", "１２", "1E1", "-1", "12.505"}) {
            alma.attemptFeeAction("payer", feeId, Map.of("op", "pay", "amount", amount, "method", "CASH"))
                    .hasAlmaError("401666");
        }
        assertThat(alma.fees("payer", Map.of()).path("total_sum").decimalValue())
                .isEqualByComparingTo("12.50");
    }

    @Test
    void whatJettyRefusesByItselfIsAnsweredInAlmasEnvelope() throws IOException {
        URI base = URI.create(sim.simulator.baseUrl());
        String longUri =
                raw(base, "GET /almaws/v1/users?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(longUri).startsWith("HTTP/1.1 414").contains("<errorsExist>true</errorsExist>");
        String bigHeaders = raw(
                base, "GET /almaws/v1/users HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n");
        assertThat(bigHeaders).startsWith("HTTP/1.1 431").contains("<errorsExist>true</errorsExist>");
        for (String method : List.of("PUT", "DELETE", "POST")) {
            String bigHeadersWrite = raw(
                    base,
                    method + " /almaws/v1/users/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nX-Big: "
                            + "y".repeat(20_000) + "\r\n\r\n");
            String longUriWrite = raw(
                    base,
                    method + " /almaws/v1/users?q=" + "x".repeat(20_000)
                            + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(bigHeadersWrite)
                    .as(method)
                    .startsWith("HTTP/1.1 431")
                    .contains("<errorsExist>true</errorsExist>");
            assertThat(longUriWrite).as(method).startsWith("HTTP/1.1 41").contains("<errorsExist>true</errorsExist>");
        }
        String nul = raw(
                base,
                "GET /almaws/v1/users/a%00b HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                        + "Authorization: apikey " + ApiKeys.DEVELOPMENT_KEY + "\r\nConnection: close\r\n\r\n");
        // Refused while the request line is read, before its Accept header: in Alma's default format, XML.
        assertThat(nul).startsWith("HTTP/1.1 400").contains("<errorsExist>true</errorsExist>");
    }

    @Test
    void linksInAnswersComeFromTheSimulatorsAddressNotFromTheHostHeader() throws IOException {
        alma.createUser(Fixtures.user("linked"));
        String request = "GET /almaws/v1/users?limit=10 HTTP/1.1\r\nHost: %s\r\n"
                + "Accept: application/json\r\nAuthorization: apikey " + ApiKeys.DEVELOPMENT_KEY
                + "\r\nConnection: close\r\n\r\n";
        String byAddress = raw(URI.create(sim.simulator.baseUrl()), request.formatted("127.0.0.1"));
        String byOtherName = raw(URI.create(sim.simulator.baseUrl()), request.formatted("evil.example"));

        assertThat(byAddress).startsWith("HTTP/1.1 200").contains(sim.simulator.baseUrl() + "/almaws/v1/users/linked");
        assertThat(byOtherName).startsWith("HTTP/1.1 400").doesNotContain("linked");
    }

    @Test
    void searchesOfManyWordsAreRefusedBeforeTheyReachTheDatabase() {
        String words = String.join(" ", java.util.Collections.nCopies(300, "a"));
        AlmaClient readOnly = alma.withKey(RunningSimulator.READ_ONLY_KEY);

        AlmaResponse users = readOnly.getJson("/almaws/v1/users", Map.of("q", "first_name~" + words));
        AlmaResponse terms = readOnly.getJson(
                "/almaws/v1/users",
                Map.of("q", String.join(" AND ", java.util.Collections.nCopies(50, "first_name~a"))));
        AlmaResponse stars = readOnly.getJson("/almaws/v1/users", Map.of("q", "note_text~" + "a*".repeat(40)));
        AlmaResponse patrons = readOnly.getJson("/almasim/v1/patrons", Map.of("q", words));

        for (AlmaResponse refused : List.of(users, terms, stars, patrons)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("at most");
        }
        assertThat(readOnly.getJson("/almaws/v1/users", Map.of("q", "first_name~jo sm*"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void controlPlaneErrorsAreJsonUnlessXmlIsAskedFor() {
        AlmaResponse refused =
                alma.send("PUT", "/almasim/v1/clock", Map.of(), "{\"today\":\"someday\"}", AlmaClient.JSON, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    private JsonNode digest() {
        return alma.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
    }

    /**
     * One request written byte for byte, as no well-behaved client would send it, on a socket of its own; answers the
     * raw response. Jetty answers an oversized request and closes while part of
     * it is still unread, and the reset that close sends can reach this end before the answer is read, which is then
     * lost (seen once in a full run): such a request is sent again, up to three times.
     */
    private static String raw(URI base, String request) throws IOException {
        String answer = "";
        for (int attempt = 0; attempt < 3 && answer.isEmpty(); attempt++) {
            try {
                answer = rawOnce(base, request);
            } catch (java.net.SocketException reset) {
                answer = "";
            }
        }
        return answer;
    }

    /** One request written once; answers whatever came back before the connection closed. */
    private static String rawOnce(URI base, String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package org.almasim.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DNS rebinding: a page on a name its owner points at 127.0.0.1 sends its own name as Host and as Origin. */
class HostCheckTest {
    private static RunningSimulator sim;

    @BeforeAll
    static void start() {
        sim = RunningSimulator.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A raw request, since Java's client will not let a test set Host. */
    private static String send(String method, String path, String host, String origin, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sim.simulator.port())) {
            String request = method + " " + path + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "Authorization: apikey " + ApiKeys.DEVELOPMENT_KEY + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Accept: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + "Connection: close\r\n\r\n" + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRebindingPageWithMatchingHostAndOriginIsRefusedAndTheClockStays() throws IOException {
        int port = sim.simulator.port();
        String evil = "evil.example:" + port;

        String answer = send("POST", "/almasim/v1/clock/advance", evil, "http://" + evil, "{\"period\":\"P1D\"}");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("Host header does not name this server");
        assertThat(sim.simulator.clock().today()).isEqualTo(RunningSimulator.TODAY);
        assertThat(send("GET", "/almaws/v1/users", evil, null, "")).startsWith("HTTP/1.1 400");
    }

    @Test
    void localhostAndAddressesAreAnswered() throws IOException {
        int port = sim.simulator.port();
        for (String host : new String[] {"localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST"}) {
            assertThat(send("GET", "/almaws/v1/users", host, null, "")).as(host).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void namesGivenWithHostOrPublicUrlAreAllowedAndNoOtherName() {
        HostCheck check = new HostCheck("0.0.0.0", Optional.of("https://almasim.example.org/base"));

        assertThat(check.allows("almasim.example.org")).isTrue();
        assertThat(check.allows("ALMASIM.example.org:443")).isTrue();
        assertThat(check.allows("app.localhost:8080")).isTrue();
        assertThat(check.allows("192.168.1.5:8080")).isTrue();
        assertThat(check.allows("evil.example")).isFalse();
        assertThat(check.allows("almasim.example.org.evil.example")).isFalse();
        assertThat(check.allows("localhost.evil.example")).isFalse();
        assertThat(new HostCheck("myhost.lan", Optional.empty()).allows("myhost.lan:9000"))
                .isTrue();
    }
}

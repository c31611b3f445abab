package org.almasim.app.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The standalone jar as a team uses it: on a classpath beside its own libraries, and run with {@code java -jar}. */
class StandaloneJarIT {
    private static final Path JAR = Path.of(System.getProperty("almasim.standalone.jar", "target/almasim.jar"));
    private static final Pattern SERVING = Pattern.compile("serving a mock Alma at (http://\\S+)/almaws/v1");

    @Test
    void everyDependencyIsRelocatedSoNoneCanClashWithAProjectsOwn() throws IOException {
        List<String> unrelocated;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            unrelocated = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class"))
                    .map(name -> name.replaceFirst("^META-INF/versions/\\d+/", ""))
                    .filter(name -> !name.startsWith("org/almasim/") && !name.startsWith("org/jline/"))
                    .filter(name -> !name.equals("module-info.class"))
                    .toList();
        }

        assertThat(unrelocated)
                .as("classes outside org.almasim (jline keeps its name)")
                .isEmpty();
    }

    @Test
    void theJarServesAlmasApiWithItsRelocatedLibraries() throws Exception {
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        JAR.toString(),
                        "serve",
                        "--port",
                        "0",
                        "--population",
                        "demo")
                .redirectErrorStream(true)
                .start();
        try {
            String base = baseUrl(server);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> xml = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/almaws/v1/users?limit=1"))
                            .header("Authorization", "apikey l8xxalmasimdevelopmentkey")
                            .header("Accept", "application/xml")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(xml.statusCode()).isEqualTo(200);
            assertThat(xml.body()).contains("<users total_record_count=");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Reads the server's welcome until it says where it listens; the read blocks, so no wait is guessed. */
    private static String baseUrl(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                return serving.group(1);
            }
        }
        throw new AssertionError("the server ended without serving:\n" + seen);
    }
}

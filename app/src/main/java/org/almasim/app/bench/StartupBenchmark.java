package org.almasim.app.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.almasim.control.ControlPlane;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.population.PopulationService;

/**
 * Start-up inside a JVM, as a JUnit test pays it: from {@code Simulator.create} to the first answer, for an empty
 * library and the demo library, {@code runs} times each. The first start pays for loading and compiling the classes; the
 * median of the later ones is what each further test class pays. (A fresh process, beside WireMock's standalone jar, is
 * {@code bench/startup.sh}.)
 */
public final class StartupBenchmark {
    private final int runs;

    public StartupBenchmark(int runs) {
        this.runs = runs;
    }

    public void run(PrintStream out) throws IOException, InterruptedException {
        out.println(Machine.line());
        HttpClient http = HttpClient.newHttpClient();
        for (boolean demo : new boolean[] {false, true}) {
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long started = System.nanoTime();
                try (Simulator simulator =
                        Simulator.create(SimulatorConfig.defaults()).start(0)) {
                    if (demo) {
                        simulator.load(PopulationService.demo());
                    }
                    HttpResponse<Void> health = http.send(
                            HttpRequest.newBuilder(ControlPlane.health(simulator.baseUrl()))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (health.statusCode() != 200) {
                        throw new IllegalStateException("health answered " + health.statusCode());
                    }
                    millis.add((System.nanoTime() - started) / 1e6);
                }
            }
            List<Double> later =
                    millis.subList(1, millis.size()).stream().sorted().toList();
            out.printf(
                    "%-14s first start %6.0f ms; median of the next %d: %5.0f ms (runs: %s)%n",
                    demo ? "demo library" : "empty library",
                    millis.get(0),
                    later.size(),
                    later.isEmpty() ? Double.NaN : later.get(later.size() / 2),
                    millis.stream().map(m -> String.format("%.0f", m)).toList());
        }
        out.println("(from Simulator.create to the first answer of the health route, in this JVM)");
    }
}

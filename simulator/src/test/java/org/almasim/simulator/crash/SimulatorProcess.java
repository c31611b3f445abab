package org.almasim.simulator.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;

/**
 * A simulator in a process of its own on a file database, for tests that kill it as an operating system would
 * ({@code kill -9}): {@link #main} serves, {@link #start} launches one and waits for its port.
 */
public final class SimulatorProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private SimulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves the database at {@code args[0]}, starting on {@code args[1]} when given; prints its port, then waits. */
    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig config = SimulatorConfig.defaults().withDatabase(args[0]);
        if (args.length > 1) {
            config = config.withToday(LocalDate.parse(args[1]));
        }
        Simulator simulator = Simulator.create(config).start(0);
        System.out.println("PORT " + simulator.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    public static SimulatorProcess start(Path database, Optional<LocalDate> today) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SimulatorProcess.class.getName(),
                database.toString()));
        today.ifPresent(day -> command.add(day.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                int port = Integer.parseInt(line.substring(5).trim());
                // Keep reading its output, so a full pipe never stalls the child.
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> {}), "simulator-process-output");
                drain.setDaemon(true);
                drain.start();
                return new SimulatorProcess(process, port);
            }
        }
        throw new IOException("The simulator process ended before it served (exit " + process.exitValue() + ")");
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown hook runs, nothing is flushed. */
    public void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    @Override
    public void close() {
        kill();
    }
}

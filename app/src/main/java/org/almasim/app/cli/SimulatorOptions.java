package org.almasim.app.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.population.Population.Loaded;
import picocli.CommandLine.Option;

/** The options every command that starts a simulator shares. */
final class SimulatorOptions {
    @Option(
            names = "--port",
            description = "HTTP port (0 picks a free one). Default: ${DEFAULT-VALUE}.",
            defaultValue = "8080")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description =
                    "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 for every address.",
            defaultValue = Simulator.Config.LOOPBACK)
    String host;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "The base of the links in answers, when clients reach the simulator through another address. "
                    + "Default: the address it listens on.")
    String publicUrl;

    @Option(
            names = "--db",
            description = "mem (default), a file path for a database kept between runs, or a JDBC URL.",
            defaultValue = "mem")
    String database;

    @Option(
            names = "--population",
            paramLabel = "demo|synthetic:N|FILE",
            description =
                    "Patrons to load at start: the demo set, N generated patrons, or a population document (YAML or JSON).")
    String population;

    @Option(
            names = "--seed",
            description = "Seed for synthetic:N populations. Default: ${DEFAULT-VALUE}.",
            defaultValue = "42")
    long seed;

    @Option(
            names = "--today",
            paramLabel = "YYYY-MM-DD",
            description = "The simulated date to start on. Default: the real date.")
    LocalDate today;

    @Option(
            names = "--api-key",
            paramLabel = "KEY[:ro]",
            description = "An accepted API key; add :ro for a read-only key. Repeatable. Default: the development key.")
    List<String> apiKeys = new ArrayList<>();

    @Option(
            names = "--per-second-threshold",
            paramLabel = "N",
            description = "Refuse more than N calls a second per key with 429 PER_SECOND_THRESHOLD. Default: off.",
            defaultValue = "0")
    int perSecond;

    Simulator.Config config() {
        return new Simulator.Config(
                database,
                Optional.ofNullable(today),
                apiKeys,
                perSecond,
                10_000_000L,
                host,
                Optional.ofNullable(publicUrl));
    }

    /** Loads the chosen population; synthetic ones go in chunks so a million patrons never sit in memory at once. */
    Optional<Loaded> loadInto(Simulator simulator) {
        if (population == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(simulator.load(population, seed));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}

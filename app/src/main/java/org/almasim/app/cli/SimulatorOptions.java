package org.almasim.app.cli;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.almasim.simulator.Database;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
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
            defaultValue = SimulatorConfig.LOOPBACK)
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

    @Option(
            names = "--institution",
            paramLabel = "CODE[=POPULATION]",
            description =
                    "Another member institution, with its own library and keys, such as 01FALSC_FSU=synthetic:5000."
                            + " Repeatable. Its key is l8xx and its code in small letters unless --institution-key names one.")
    List<String> institutions = new ArrayList<>();

    @Option(
            names = "--institution-key",
            paramLabel = "CODE=KEY[:ro]",
            description = "An API key of a member institution; add :ro for a read-only key. Repeatable.")
    List<String> institutionKeys = new ArrayList<>();

    @Option(
            names = "--max-institutions",
            paramLabel = "N",
            description = "At most N institutions, the default one included, however many clients add. Default:"
                    + " ${DEFAULT-VALUE}.",
            defaultValue = "" + SimulatorConfig.DEFAULT_MAX_INSTITUTIONS)
    int maxInstitutions;

    /** Every option is checked before anything is opened, read or written. */
    SimulatorConfig config() {
        try {
            Database.checkLocation(database);
            ApiKeys.parse(apiKeys);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
        return new SimulatorConfig(
                database,
                Optional.ofNullable(today),
                apiKeys,
                perSecond,
                10_000_000L,
                host,
                Optional.ofNullable(publicUrl),
                maxInstitutions,
                System::nanoTime);
    }

    /**
     * Adds the member institutions and loads each population asked for; synthetic ones go in chunks so a million
     * patrons never sit in memory at once. Answers what the default institution loaded.
     */
    Optional<Loaded> loadInto(Simulator simulator) {
        try {
            for (String named : institutions) {
                String code = named.contains("=") ? named.substring(0, named.indexOf('=')) : named;
                // A file database reopens the institutions it had; naming one again only loads its population.
                Institution member = simulator
                        .institution(code)
                        .orElseGet(() -> simulator.addInstitution(new Institution.Spec(code, code, keysOf(code))));
                if (named.contains("=")) {
                    member.load(named.substring(named.indexOf('=') + 1), seed);
                }
            }
            Optional<Loaded> loaded =
                    population == null ? Optional.empty() : Optional.of(simulator.load(population, seed));
            // --today wins over the day a population document names (the demo names FLVC's 2024 run date).
            if (today != null) {
                simulator.clock().set(today);
            }
            return loaded;
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private List<String> keysOf(String code) {
        for (String spec : institutionKeys) {
            if (!spec.contains("=")) {
                throw new CommandFailure("--institution-key takes CODE=KEY[:ro], got " + spec);
            }
        }
        return institutionKeys.stream()
                .filter(spec -> spec.startsWith(code + "="))
                .map(spec -> spec.substring(code.length() + 1))
                .toList();
    }
}

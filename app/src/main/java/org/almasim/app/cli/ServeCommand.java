package org.almasim.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.almasim.app.console.TrainerConsole;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.faults.FaultRule;
import org.almasim.simulator.faults.FaultSpec;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.Population.Loaded;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code almasim serve}: a mock Alma on a port until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve a mock Alma REST API until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    SimulatorOptions options;

    @Option(
            names = "--import",
            paramLabel = "FILE",
            description = "Start from a snapshot (GET " + ControlPlane.ROOT
                    + "/snapshot, or --export-on-exit), then load any --population.")
    Path importFrom;

    @Option(
            names = "--export-on-exit",
            paramLabel = "FILE",
            description = "Save the whole library to FILE when the server stops (Ctrl-C), to --import it later.")
    Path exportOnExit;

    @Option(
            names = "--fault",
            paramLabel = "FAULT[:key=value,...]",
            description = "Inject a fault into Alma's API (repeatable), such as "
                    + "HTTP_503:method=DELETE,path=" + AlmaClient.API
                    + "/users/*,probability=0.2 or DROP_AFTER:op=run,count=1 "
                    + "(docs/testing.md lists every fault).")
    List<String> faults = List.of();

    @Option(
            names = "--fault-seed",
            paramLabel = "N",
            defaultValue = "0",
            description = "The seed fault probabilities are drawn from: the same seed, the same faults. Default: 0.")
    long faultSeed;

    @Override
    public Integer call() throws InterruptedException {
        List<FaultRule> rules = new ArrayList<>();
        for (String spec : faults) {
            try {
                rules.add(FaultSpec.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new CommandFailure("--fault " + e.getMessage());
            }
        }
        serve(options, "", Optional.ofNullable(importFrom), Optional.ofNullable(exportOnExit), simulator -> {
            simulator.faults().reseed(faultSeed);
            rules.forEach(simulator.faults()::add);
        });
        return 0;
    }

    static void serve(SimulatorOptions options, String headline) throws InterruptedException {
        serve(options, headline, Optional.empty(), Optional.empty(), simulator -> {});
    }

    /** Starts, loads, prints how to reach it, and blocks until the process is stopped. */
    static void serve(
            SimulatorOptions options,
            String headline,
            Optional<Path> importFrom,
            Optional<Path> exportOnExit,
            Consumer<Simulator> harness)
            throws InterruptedException {
        // Load before listening, so no client ever sees a half-loaded population.
        Simulator simulator = Simulator.create(options.config(), new TrainerConsole());
        importFrom.ifPresent(file -> {
            try {
                simulator.importFrom(file);
            } catch (IllegalArgumentException e) {
                simulator.close();
                throw new CommandFailure(e.getMessage());
            }
        });
        var loaded = options.loadInto(simulator);
        harness.accept(simulator);
        simulator.start(options.port);
        printWelcome(simulator, loaded.orElse(null), headline);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exportOnExit.ifPresent(file -> {
                simulator.exportTo(file);
                System.err.println("almasim: the library is saved in " + file + " (serve --import " + file + ")");
            });
            simulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    static void printWelcome(Simulator simulator, Loaded loaded, String headline) {
        String base = simulator.baseUrl();
        // The example names the development key when it opens the library, and otherwise only where a key goes.
        String key = simulator.apiKeys().developmentKeyOnly() ? ApiKeys.DEVELOPMENT_KEY : "YOUR_KEY";
        StringBuilder out = new StringBuilder();
        if (!headline.isEmpty()) {
            out.append(headline).append("\n\n");
        }
        out.append("almasim is serving a mock Alma at ")
                .append(base)
                .append(AlmaClient.API)
                .append("\n");
        out.append("  listening on:    ")
                .append(simulator.host())
                .append(
                        simulator.host().equals(SimulatorConfig.LOOPBACK)
                                ? " (this machine only; --host 0.0.0.0 lets other machines in)"
                                : " (other machines can reach it)")
                .append('\n');
        out.append("  simulated today: ").append(simulator.clock().today()).append('\n');
        simulator
                .apiKeys()
                .describe()
                .forEach(k -> out.append("  API key:         ").append(k).append('\n'));
        simulator
                .faults()
                .rules()
                .forEach(r -> out.append("  fault:           ")
                        .append(r.id())
                        .append(' ')
                        .append(FaultSpec.format(r.rule()))
                        .append('\n'));
        simulator.institutions().stream()
                .filter(member -> member != simulator.defaultInstitution())
                .forEach(member -> out.append("  institution:     ")
                        .append(member.code())
                        .append(", API key ")
                        .append(String.join(", ", member.apiKeys().describe()))
                        .append('\n'));
        if (loaded != null) {
            out.append("  population:      ")
                    .append(loaded.users())
                    .append(" users, ")
                    .append(loaded.items())
                    .append(" items, ")
                    .append(loaded.loans())
                    .append(" loans, ")
                    .append(loaded.fees())
                    .append(" fees\n");
        }
        out.append("  control plane:   ")
                .append(base)
                .append(ControlPlane.ROOT + " (clock, reset, population; each needs a key but health)\n");
        out.append("  trainer console: ").append(base).append("/ (open it in a browser; it asks for the API key)\n\n");
        out.append("Try:\n  curl -H 'Authorization: apikey ")
                .append(key)
                .append("' -H 'Accept: application/json' '")
                .append(base)
                .append(AlmaClient.API)
                .append("/users?limit=5'\n\n");
        out.append("Press Ctrl-C to stop.\n");
        System.out.print(out);
        System.out.flush();
    }
}

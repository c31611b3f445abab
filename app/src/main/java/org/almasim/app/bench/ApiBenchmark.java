package org.almasim.app.bench;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.Population.Loaded;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * {@code almasim bench api}: GET /users/{id} throughput with concurrent keep-alive clients ({@link KeepAliveClient}) over a synthetic population,
 * then the time and heap to load a large synthetic population. Prints figures; asserts nothing.
 */
public final class ApiBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2024, 8, 1);
    private static final long SEED = 42;

    private final int users;
    private final int clients;
    private final int seconds;
    private final int load;
    private final String loadDatabase;

    public ApiBenchmark(int users, int clients, int seconds, int load, String loadDatabase) {
        this.users = users;
        this.clients = clients;
        this.seconds = seconds;
        this.load = load;
        this.loadDatabase = loadDatabase;
    }

    public void run(PrintStream out) throws Exception {
        out.println(Machine.line());
        getThroughput(out);
        if (load > 0) {
            bulkLoad(out);
        }
    }

    private void getThroughput(PrintStream out) throws Exception {
        try (Simulator simulator =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY)).start(0)) {
            long started = System.nanoTime();
            simulator.load(SyntheticPopulation.chunks(SEED, users, TODAY));
            out.printf(
                    "GET /users/{id}: %,d synthetic patrons loaded in %.1f s%n",
                    users, (System.nanoTime() - started) / 1e9);
            runClients(simulator.port(), 5, null);
            long[] latencies = new long[2_000_000];
            Result result = runClients(simulator.port(), seconds, latencies);
            long[] measured = Arrays.copyOf(latencies, (int) Math.min(result.ok, latencies.length));
            Arrays.sort(measured);
            out.printf(
                    "GET /users/{id}: %d clients, %d s: %,d requests, %,.0f requests/s, %d errors, p50 %.2f ms, p99 %.2f ms%n",
                    clients,
                    seconds,
                    result.ok,
                    result.ok / (double) seconds,
                    result.errors,
                    percentile(measured, 0.50) / 1e6,
                    percentile(measured, 0.99) / 1e6);
        }
    }

    private record Result(long ok, long errors) {}

    private Result runClients(int port, int durationSeconds, long[] latencies) throws Exception {
        String[] ids = new String[users];
        for (int i = 0; i < users; i++) {
            ids[i] = AlmaUsers.path(String.format("S%08d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + durationSeconds * 1_000_000_000L;
        AtomicInteger slot = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int clientNo = c;
            futures.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(clientNo);
                long ok = 0;
                long errors = 0;
                try (KeepAliveClient http = new KeepAliveClient("127.0.0.1", port)) {
                    while (System.nanoTime() < deadline) {
                        String path = ids[random.nextInt(users)];
                        long t0 = System.nanoTime();
                        int status = http.get(path, ApiKeys.DEVELOPMENT_KEY);
                        long took = System.nanoTime() - t0;
                        if (status == 200) {
                            ok++;
                            if (latencies != null) {
                                int at = slot.getAndIncrement();
                                if (at < latencies.length) {
                                    latencies[at] = took;
                                }
                            }
                        } else {
                            errors++;
                        }
                    }
                }
                return new long[] {ok, errors};
            }));
        }
        long ok = 0;
        long errors = 0;
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            ok += r[0];
            errors += r[1];
        }
        pool.shutdown();
        return new Result(ok, errors);
    }

    private void bulkLoad(PrintStream out) {
        long before = Machine.heapInUse();
        try (Simulator simulator =
                Simulator.create(SimulatorConfig.defaults().withToday(TODAY).withDatabase(loadDatabase))) {
            long started = System.nanoTime();
            Loaded loaded = simulator.load(SyntheticPopulation.chunks(SEED, load, TODAY));
            double took = (System.nanoTime() - started) / 1e9;
            long peak = Machine.heapPoolsPeak();
            long after = Machine.heapInUse();
            out.printf(
                    "load (%s database): %,d users (%,d items, %,d loans, %,d fees) in %.1f s (%,.0f users/s); heap after load %d MB "
                            + "(database and all), heap pools' peak %d MB%n",
                    loadDatabase,
                    loaded.users(),
                    loaded.items(),
                    loaded.loans(),
                    loaded.fees(),
                    took,
                    loaded.users() / took,
                    (after - before) / (1024 * 1024),
                    peak / (1024 * 1024));
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }
}

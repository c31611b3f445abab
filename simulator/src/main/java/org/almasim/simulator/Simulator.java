package org.almasim.simulator;

import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.staticfiles.Location;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.almasim.simulator.admin.AdminController;
import org.almasim.simulator.blockers.BlockerController;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.fees.FeeController;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.http.AlmaErrors;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.http.ApiThresholds;
import org.almasim.simulator.jobs.JobController;
import org.almasim.simulator.jobs.JobService;
import org.almasim.simulator.loans.LoanController;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.population.Population;
import org.almasim.simulator.population.Population.Loaded;
import org.almasim.simulator.patrons.PatronController;
import org.almasim.simulator.patrons.PatronDirectory;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.sets.SetController;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.users.UserController;
import org.almasim.simulator.users.UserListing;
import org.almasim.simulator.users.UserService;

/**
 * A mock Alma: the database, the simulated clock, the services and an unstarted Javalin app wired together.
 * {@link #create(Config)} builds it; {@link #start(int)} serves it (port 0 picks a free one).
 */
public final class Simulator implements AutoCloseable {
    /** Requests larger than this are refused with Alma's invalid-body error. */
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    /** How the simulator is set up; {@link #defaults()} gives an in-memory database starting today. */
    public record Config(String database, Optional<LocalDate> today, List<String> apiKeys, int perSecondThreshold,
                         long dailyThreshold) {
        public static Config defaults() {
            return new Config("mem", Optional.empty(), List.of(), 0, 10_000_000L);
        }

        public Config withToday(LocalDate date) {
            return new Config(database, Optional.of(date), apiKeys, perSecondThreshold, dailyThreshold);
        }

        public Config withApiKeys(List<String> keys) {
            return new Config(database, today, keys, perSecondThreshold, dailyThreshold);
        }

        public Config withPerSecondThreshold(int perSecond) {
            return new Config(database, today, apiKeys, perSecond, dailyThreshold);
        }

        public Config withDatabase(String location) {
            return new Config(location, today, apiKeys, perSecondThreshold, dailyThreshold);
        }
    }

    private final Database database;
    private final SimulatedClock clock;
    private final CodeTables codes;
    private final ApiKeys keys;
    private final ApiThresholds thresholds;
    private final PopulationService population;
    private final JobService jobs;
    private final Javalin app;

    private Simulator(Config config, Function<Simulator, EndpointGroup> extension) {
        this.database = Database.open(config.database());
        this.clock = config.today().map(SimulatedClock::startingAt).orElseGet(SimulatedClock::startingToday);
        this.codes = new CodeTables(database.dsl());
        this.keys = ApiKeys.parse(config.apiKeys());
        this.thresholds = new ApiThresholds(config.dailyThreshold(), config.perSecondThreshold(), System::nanoTime);
        var dsl = database.dsl();
        UserService users = new UserService(dsl, codes, clock);
        UserListing listing = new UserListing(dsl, codes, database::version);
        FeeService fees = new FeeService(dsl, codes, clock, users);
        LoanService loans = new LoanService(dsl, codes, clock, users);
        SetService sets = new SetService(dsl, codes, clock, users, database::version);
        BlockerService blockers = new BlockerService(dsl, users, codes);
        this.jobs = new JobService(dsl, codes, clock, sets, users);
        this.population = new PopulationService(dsl, codes, clock, users, loans, fees);
        ApiGate gate = new ApiGate(keys, thresholds, clock);
        AdminController admin = new AdminController(clock, this::reset, population, dsl, codes);
        PatronDirectory patrons = new PatronDirectory(dsl, clock, users, loans, fees, sets, blockers);
        EndpointGroup extra = extension.apply(this);
        this.app = Javalin.create(javalin -> {
            javalin.http.maxRequestSize = MAX_BODY_BYTES;
            javalin.startup.showJavalinBanner = false;
            // The trainer console: plain files inside the jar, its chart library from a WebJar; no build step.
            javalin.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/console";
                files.location = Location.CLASSPATH;
            });
            javalin.staticFiles.enableWebjars();
            AlmaErrors.register(javalin);
            Routes.register(javalin, gate, new UserController(users, listing), new FeeController(fees), new LoanController(loans),
                    new SetController(sets), new JobController(jobs), new BlockerController(blockers), admin,
                    new PatronController(patrons), extra);
        });
    }

    public static Simulator create(Config config) {
        return new Simulator(config, simulator -> () -> { });
    }

    /**
     * A simulator whose control plane also has the routes {@code extension} declares under {@code /almasim/v1}: how the
     * scenarios module adds the console's policies and scenarios, which need the purge engine this module cannot see.
     */
    public static Simulator create(Config config, Function<Simulator, EndpointGroup> extension) {
        return new Simulator(config, extension);
    }

    public Simulator start(int port) {
        app.start("0.0.0.0", port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public SimulatedClock clock() {
        return clock;
    }

    public ApiKeys apiKeys() {
        return keys;
    }

    /** Loads a population document (or a chunked synthetic one) as {@code POST /almasim/v1/population} does. */
    public Loaded load(Population document) {
        return population.load(document);
    }

    public Loaded load(Iterator<Population> chunks) {
        Loaded total = new Loaded(0, 0, 0, 0, clock.today().toString());
        while (chunks.hasNext()) {
            total = total.plus(population.load(chunks.next()));
        }
        return total;
    }

    /** Lets running jobs finish, empties the database and restores the default code tables; the clock stays where it is. */
    public void reset() {
        jobs.awaitIdle();
        database.reset();
        codes.reload();
        thresholds.clear();
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        database.close();
    }
}

package org.almasim.simulator;

import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.admin.AdminController;
import org.almasim.simulator.admin.SnapshotController;
import org.almasim.simulator.blockers.BlockerController;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTableController;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.faults.FaultInjector;
import org.almasim.simulator.fees.FeeController;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.http.AlmaErrorPages;
import org.almasim.simulator.http.AlmaErrors;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.http.ApiThresholds;
import org.almasim.simulator.http.FaultController;
import org.almasim.simulator.http.FaultGate;
import org.almasim.simulator.http.JournalController;
import org.almasim.simulator.http.JournalRecorder;
import org.almasim.simulator.http.PublicAddress;
import org.almasim.simulator.jobs.JobController;
import org.almasim.simulator.jobs.JobService;
import org.almasim.simulator.journal.RequestJournal;
import org.almasim.simulator.loans.LoanController;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.openapi.OpenApiController;
import org.almasim.simulator.openapi.OpenApiDocument;
import org.almasim.simulator.patrons.PatronController;
import org.almasim.simulator.patrons.PatronDirectory;
import org.almasim.simulator.personal.PersonalDataController;
import org.almasim.simulator.population.Population;
import org.almasim.simulator.population.Population.Loaded;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.sets.SetController;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.state.StateStore;
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

    /**
     * How the simulator is set up; {@link #defaults()} gives an in-memory database starting today, listening on the
     * loopback address only. {@code publicUrl} is the base of the links in answers (default: the address it listens on).
     */
    public record Config(
            String database,
            Optional<LocalDate> today,
            List<String> apiKeys,
            int perSecondThreshold,
            long dailyThreshold,
            String host,
            Optional<String> publicUrl) {
        /** Only this machine can reach a simulator unless it is told otherwise. */
        public static final String LOOPBACK = "127.0.0.1";

        public static Config defaults() {
            return new Config("mem", Optional.empty(), List.of(), 0, 10_000_000L, LOOPBACK, Optional.empty());
        }

        public Config withToday(LocalDate date) {
            return new Config(
                    database, Optional.of(date), apiKeys, perSecondThreshold, dailyThreshold, host, publicUrl);
        }

        public Config withApiKeys(List<String> keys) {
            return new Config(database, today, keys, perSecondThreshold, dailyThreshold, host, publicUrl);
        }

        public Config withPerSecondThreshold(int perSecond) {
            return new Config(database, today, apiKeys, perSecond, dailyThreshold, host, publicUrl);
        }

        public Config withDatabase(String location) {
            return new Config(location, today, apiKeys, perSecondThreshold, dailyThreshold, host, publicUrl);
        }

        public Config withHost(String listenOn) {
            return new Config(database, today, apiKeys, perSecondThreshold, dailyThreshold, listenOn, publicUrl);
        }

        public Config withPublicUrl(String url) {
            return new Config(database, today, apiKeys, perSecondThreshold, dailyThreshold, host, Optional.of(url));
        }
    }

    private static final String SIMULATED_DATE = "simulated_date";

    private final Database database;
    private final SimulatedClock clock;
    private final CodeTables codes;
    private final ApiKeys keys;
    private final ApiThresholds thresholds;
    private final PopulationService population;
    private final JobService jobs;
    private final Javalin app;
    private final Config config;
    private final StateStore state;
    private final PublicAddress address = new PublicAddress();
    private final RequestJournal journal = new RequestJournal();
    private final FaultInjector faults = new FaultInjector(0);

    private Simulator(Config config, SimulatorExtension extension) {
        this.config = config;
        this.database = Database.open(config.database());
        this.state = new StateStore(database.dsl());
        // A file database resumes on the day it was left on, unless the command names another.
        this.clock = config.today()
                .or(() -> state.get(SIMULATED_DATE).map(LocalDate::parse))
                .map(SimulatedClock::startingAt)
                .orElseGet(SimulatedClock::startingToday);
        clock.onChange(date -> state.put(SIMULATED_DATE, date.toString()));
        state.put(SIMULATED_DATE, clock.today().toString());
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
        jobs.recoverAfterStop();
        InstitutionSettings settings = new InstitutionSettings(dsl, codes, JobService.ALMASIM_JOB_IDS);
        this.population = new PopulationService(dsl, codes, clock, users, loans, fees, sets, settings);
        ApiGate gate = new ApiGate(keys, thresholds, clock);
        AdminController admin =
                new AdminController(clock, this::reset, population, dsl, codes, settings, keys.developmentKeyOnly());
        PatronDirectory patrons = new PatronDirectory(dsl, clock, users, loans, fees, sets, blockers, codes);
        EndpointGroup extra = extension.routes(this);
        this.app = Javalin.create(javalin -> {
            javalin.http.maxRequestSize = MAX_BODY_BYTES;
            javalin.startup.showJavalinBanner = false;
            // Header values are compared exactly: Jetty's per-connection cache would otherwise hand back an earlier
            // request's API key for the same key in another case.
            javalin.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            javalin.jetty.modifyServer(server -> server.setErrorHandler(new AlmaErrorPages()));
            javalin.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new AlmaErrorPages()));
            address.register(javalin);
            new JournalRecorder(journal, keys, clock).register(javalin);
            extension.configure(javalin);
            AlmaErrors.register(javalin);
            Routes.register(
                    javalin,
                    gate,
                    new UserController(users, listing),
                    new FeeController(fees),
                    new LoanController(loans),
                    new SetController(sets),
                    new JobController(jobs),
                    new BlockerController(blockers),
                    admin,
                    new PatronController(patrons),
                    new CodeTableController(codes),
                    new PersonalDataController(users, loans, fees),
                    new JournalController(journal),
                    new FaultGate(faults),
                    new FaultController(faults),
                    new OpenApiController(() -> routes().stream()
                            .map(r -> new OpenApiDocument.Operation(r.method(), r.path()))
                            .toList()),
                    new SnapshotController(this::exportTo, this::importFrom, clock),
                    extra);
        });
    }

    public static Simulator create(Config config) {
        return new Simulator(config, SimulatorExtension.NONE);
    }

    /**
     * A simulator with what {@code extension} adds: routes under {@code /almasim/v1} and anything else it serves. How the
     * app adds the trainer console (its page, policies and scenarios), which needs the purge engine this module cannot see.
     */
    public static Simulator create(Config config, SimulatorExtension extension) {
        return new Simulator(config, extension);
    }

    /** Listens on the configured host (the loopback address by default); port 0 picks a free one. */
    public Simulator start(int port) {
        app.start(config.host(), port);
        address.set(config.publicUrl().orElseGet(this::baseUrl));
        return this;
    }

    public int port() {
        return app.port();
    }

    public String host() {
        return config.host();
    }

    /** Where a client on this machine reaches the simulator. */
    public String baseUrl() {
        String host = reachableHere(config.host())
                ? "localhost"
                : config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    /** A route the app serves: its method and its path pattern, with {@code {name}} for each path parameter. */
    public record Route(String method, String path) {}

    /** Every route the app serves (Alma's API, the control plane and any extension's), in the order they were declared. */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> ROUTE_METHODS.contains(endpoint.method))
                .map(endpoint -> new Route(endpoint.method.name(), endpoint.path))
                .toList();
    }

    private static final Set<HandlerType> ROUTE_METHODS =
            Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH);

    /** A loopback or wildcard address is reached from this machine as localhost. */
    private static boolean reachableHere(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            return address.isLoopbackAddress() || address.isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The simulator's own named values kept in its database (for extensions such as the trainer console). */
    public StateStore state() {
        return state;
    }

    /** The requests Alma's API received (also {@code GET /almasim/v1/journal}). */
    public RequestJournal journal() {
        return journal;
    }

    /**
     * The fault rules in force (also {@code /almasim/v1/faults}): kept across {@link #reset} and snapshots, as the API
     * keys are, since they describe the harness rather than the library.
     */
    public FaultInjector faults() {
        return faults;
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

    /**
     * Loads a population named as the command line and the JUnit extension name one: {@code demo}, {@code synthetic:N}
     * (N patrons from {@code seed}, loaded in chunks so a million never sit in memory at once) or a population
     * document's path. A name that is none of these, or a file that cannot be read, is an IllegalArgumentException.
     */
    public Loaded load(String named, long seed) {
        if (named.equals("demo")) {
            return load(PopulationService.demo());
        }
        if (named.startsWith("synthetic:")) {
            int size;
            try {
                size = Integer.parseInt(named.substring("synthetic:".length()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("synthetic:N needs a number of patrons, got " + named);
            }
            return load(SyntheticPopulation.chunks(seed, size, clock.today(), 10_000));
        }
        try {
            return load(PopulationService.parse(Files.readAllBytes(Path.of(named))));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the population file " + named + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Lets running jobs finish, empties the database and restores the default code tables; the clock stays where it is. */
    public void reset() {
        jobs.awaitIdle();
        database.reset();
        codes.reload();
        thresholds.clear();
        state.put(SIMULATED_DATE, clock.today().toString());
    }

    /**
     * Saves the whole library (users, loans, fees, items, sets, job history, settings, the simulated date and whatever
     * extensions keep in the state store, such as the console's schedules) to {@code file}, once running jobs finish.
     */
    public void exportTo(Path file) {
        jobs.awaitIdle();
        database.exportTo(file);
    }

    /** Replaces the library with a snapshot {@link #exportTo} saved, the simulated date included. */
    public void importFrom(Path file) {
        jobs.awaitIdle();
        try {
            database.importFrom(file);
        } finally {
            codes.reload();
            thresholds.clear();
        }
        state.get(SIMULATED_DATE).map(LocalDate::parse).ifPresent(clock::set);
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        database.close();
    }
}

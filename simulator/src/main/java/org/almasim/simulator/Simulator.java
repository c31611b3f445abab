package org.almasim.simulator;

import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.HandlerType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.faults.FaultInjector;
import org.almasim.simulator.http.AlmaErrorPages;
import org.almasim.simulator.http.AlmaErrors;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.http.FaultController;
import org.almasim.simulator.http.FaultGate;
import org.almasim.simulator.http.HostCheck;
import org.almasim.simulator.http.JournalController;
import org.almasim.simulator.http.JournalRecorder;
import org.almasim.simulator.http.PublicAddress;
import org.almasim.simulator.institutions.InstitutionController;
import org.almasim.simulator.journal.RequestJournal;
import org.almasim.simulator.openapi.OpenApiController;
import org.almasim.simulator.openapi.OpenApiDocument;
import org.almasim.simulator.population.Population;
import org.almasim.simulator.population.Population.Loaded;
import org.almasim.simulator.state.StateStore;

/**
 * A mock Alma: the database, the simulated clock, the services and an unstarted Javalin app wired together.
 * {@link #create(SimulatorConfig)} builds it; {@link #start(int)} serves it (port 0 picks a free one).
 */
public final class Simulator implements AutoCloseable {
    /** Requests larger than this are refused with Alma's invalid-body error. */
    public static final long MAX_BODY_BYTES = 10L * 1024 * 1024;

    private final SimulatedClock clock;
    private final Javalin app;
    private final SimulatorConfig config;
    private final Institution home;
    private final Institutions institutions;
    private final PublicAddress address = new PublicAddress();
    private final RequestJournal journal = new RequestJournal();
    private final FaultInjector faults = new FaultInjector(0);

    private Simulator(SimulatorConfig config, SimulatorExtension extension) {
        this.config = config;
        Database homeDatabase = Database.open(config.database());
        StateStore homeState = new StateStore(homeDatabase.dsl());
        // A file database resumes on the day it was left on, unless the command names another.
        this.clock = config.today()
                .or(() -> Institution.rememberedDate(homeState))
                .map(SimulatedClock::startingAt)
                .orElseGet(SimulatedClock::startingToday);
        this.home = new Institution(
                new Institution.Spec(Institution.DEFAULT_CODE, Institution.DEFAULT_NAME, config.apiKeys()),
                homeDatabase,
                homeState,
                clock,
                config);
        this.institutions = new Institutions(home, clock, config);
        clock.onChange(institutions::rememberDate);
        institutions.reopenRemembered();
        ApiGate gate = new ApiGate(institutions::ownerOf, clock);
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
            new HostCheck(config.host(), config.publicUrl()).register(javalin);
            new JournalRecorder(journal, institutions::ownerOf, clock).register(javalin);
            extension.configure(javalin);
            AlmaErrors.register(javalin);
            Routes.register(
                    javalin,
                    gate,
                    ctx -> Institution.of(ctx, home).handlers(),
                    new InstitutionController(institutions),
                    new JournalController(journal, Institution.DEFAULT_CODE),
                    new FaultGate(faults),
                    new FaultController(faults),
                    new OpenApiController(() -> routes().stream()
                            .map(r -> new OpenApiDocument.Operation(r.method(), r.path()))
                            .toList()),
                    extra);
        });
    }

    public static Simulator create(SimulatorConfig config) {
        return new Simulator(config, SimulatorExtension.NONE);
    }

    /**
     * A simulator with what {@code extension} adds: routes under {@code /almasim/v1} and anything else it serves. How the
     * app adds the trainer console (its page, policies and scenarios), which needs the purge engine this module cannot see.
     */
    public static Simulator create(SimulatorConfig config, SimulatorExtension extension) {
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

    /** The default institution's named values kept in its database (for extensions such as the trainer console). */
    public StateStore state() {
        return home.state();
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

    /** The default institution's API keys. */
    public ApiKeys apiKeys() {
        return home.apiKeys();
    }

    /** The institution every simulator has ({@link Institution#DEFAULT_CODE}): what a single-library client reaches. */
    public Institution defaultInstitution() {
        return home;
    }

    /** Every institution, the default one first, then in the order they were added. */
    public List<Institution> institutions() {
        return institutions.all();
    }

    public Optional<Institution> institution(String code) {
        return institutions.byCode(code);
    }

    /**
     * Adds a member institution with its own empty library and keys (also {@code POST /almasim/v1/institutions}). On a
     * file database it gets a file of its own beside the default one, and it is reopened when the simulator restarts.
     * A code or a key already in use is an IllegalArgumentException.
     */
    public Institution addInstitution(Institution.Spec spec) {
        return institutions.add(spec);
    }

    /** Loads a population document into the default institution, as {@code POST /almasim/v1/population} does. */
    public Loaded load(Population document) {
        return home.load(document);
    }

    public Loaded load(Iterator<Population> chunks) {
        return home.load(chunks);
    }

    /** Loads a named population ({@link Institution#load(String, long)}) into the default institution. */
    public Loaded load(String named, long seed) {
        return home.load(named, seed);
    }

    /**
     * Moves after every write to any institution's library, the clock's date and the list of institutions included
     * (both are kept in the libraries), and only then: equal figures mean the same libraries.
     */
    public long writes() {
        return institutions().stream().mapToLong(Institution::writes).sum();
    }

    /** Lets running jobs finish and empties every institution's library; the clock stays where it is. */
    public void reset() {
        institutions.all().forEach(Institution::reset);
    }

    /**
     * Saves the default institution's whole library (users, loans, fees, items, sets, job history, settings, the
     * simulated date and whatever extensions keep in the state store, such as the console's schedules) to
     * {@code file}, once running jobs finish.
     */
    public void exportTo(Path file) {
        home.exportTo(file);
    }

    /** Replaces the default institution's library with a snapshot {@link #exportTo} saved, the simulated date included. */
    public void importFrom(Path file) {
        home.importFrom(file);
    }

    @Override
    public void close() {
        app.stop();
        institutions.close();
    }
}

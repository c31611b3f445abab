package org.almasim.simulator;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.almasim.simulator.admin.AdminController;
import org.almasim.simulator.admin.SnapshotController;
import org.almasim.simulator.attachments.AttachmentController;
import org.almasim.simulator.attachments.AttachmentService;
import org.almasim.simulator.blockers.BlockerController;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTableController;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.fees.FeeController;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.http.ApiThresholds;
import org.almasim.simulator.institutions.GeneralController;
import org.almasim.simulator.institutions.InstitutionController;
import org.almasim.simulator.jobs.JobController;
import org.almasim.simulator.jobs.JobService;
import org.almasim.simulator.loans.LoanController;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.patrons.PatronController;
import org.almasim.simulator.patrons.PatronDirectory;
import org.almasim.simulator.personal.PersonalDataController;
import org.almasim.simulator.population.NamedPopulation;
import org.almasim.simulator.population.Population;
import org.almasim.simulator.population.Population.Loaded;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.requests.RequestController;
import org.almasim.simulator.requests.RequestService;
import org.almasim.simulator.requests.ResourceSharingService;
import org.almasim.simulator.sets.SetController;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.sis.SisLoadController;
import org.almasim.simulator.sis.SisLoadService;
import org.almasim.simulator.snapshot.SnapshotArchive;
import org.almasim.simulator.state.StateStore;
import org.almasim.simulator.users.UserController;
import org.almasim.simulator.users.UserListing;
import org.almasim.simulator.users.UserService;

/**
 * One member institution of the simulated consortium, as Alma keeps one: its own database (users, loans, fees, items,
 * sets, job history, settings, code tables), API keys, API thresholds and jobs. The simulated date is the consortium's,
 * shared by every institution. A request reaches the institution its API key belongs to ({@link ApiGate}), and no
 * other.
 */
public final class Institution implements ApiGate.KeyOwner, AutoCloseable {
    /** The code of the institution every simulator has; Alma's codes are a region prefix, an underscore and a name. */
    public static final String DEFAULT_CODE = "01ALMASIM_INST";

    public static final String DEFAULT_NAME = "almasim library";

    private static final Pattern CODE = Pattern.compile("[0-9A-Z][0-9A-Z_]{2,39}");
    private static final String SIMULATED_DATE = "simulated_date";
    /** Set once a database written before passwords were hashed has had its clear ones hashed. */
    private static final String PASSWORDS_HASHED = "passwords_hashed";

    /**
     * What makes an institution: its code (such as {@code 01FALSC_FSU}), its name, and its API keys ({@code KEY} or
     * {@code KEY:ro}). With no key given, the default institution opens with {@link ApiKeys#DEVELOPMENT_KEY} and any
     * other with {@link ApiKeys#developmentKey(String)}.
     */
    public record Spec(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("api_keys") List<String> apiKeys) {
        public Spec {
            if (code == null || !CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("An institution code is 3 to 40 capital letters, digits and"
                        + " underscores, such as 01FALSC_FSU; got '" + code + "'");
            }
            name = name == null || name.isBlank() ? code : name.trim();
            apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
        }

        /** A member institution without keys of its own opens with its development key. */
        Spec withKeysOrDevelopmentKey() {
            return apiKeys.isEmpty() ? new Spec(code, name, List.of(ApiKeys.developmentKey(code))) : this;
        }

        public static Spec of(String code) {
            return new Spec(code, code, List.of());
        }
    }

    /** The per-institution handlers the routes dispatch to, once the gate has found the caller's institution. */
    record Handlers(
            UserController users,
            FeeController fees,
            LoanController loans,
            RequestController requests,
            AttachmentController attachments,
            SetController sets,
            JobController jobs,
            BlockerController blockers,
            AdminController admin,
            PatronController patrons,
            CodeTableController codeTables,
            PersonalDataController personalData,
            SnapshotController snapshot,
            SisLoadController sisLoad,
            GeneralController general) {}

    private final Spec spec;
    private final Database database;
    private final StateStore state;
    private final SimulatedClock clock;
    private final CodeTables codes;
    private final ApiKeys keys;
    private final ApiThresholds thresholds;
    private final PopulationService population;
    private final JobService jobs;
    private final Handlers handlers;
    private final PatronDirectory patrons;
    private final InstitutionSettings settings;
    private final SnapshotArchive snapshots = new SnapshotArchive(StateStore.SIMULATOR_OWNED, SnapshotChecks.all());
    private volatile Runnable afterReplaced = () -> {};

    /**
     * Wires an institution over an open database. The clock is the consortium's: {@code state} is where this
     * institution keeps the date it was left on, which the simulator reads before it builds the clock.
     */
    Institution(Spec spec, Database database, StateStore state, SimulatedClock clock, SimulatorConfig config) {
        this.spec = spec;
        String code = spec.code();
        this.database = database;
        this.state = state;
        this.clock = clock;
        state.put(SIMULATED_DATE, clock.today().toString());
        this.codes = new CodeTables(database.dsl());
        this.keys = ApiKeys.parse(spec.apiKeys()).of(spec.code());
        this.thresholds = new ApiThresholds(config.dailyThreshold(), config.perSecondThreshold(), config.ticker());
        var dsl = database.dsl();
        UserService users = new UserService(dsl, codes, clock, database::version);
        UserListing listing = new UserListing(dsl, codes, database::version);
        FeeService fees = new FeeService(dsl, codes, clock, users);
        LoanService loans = new LoanService(dsl, codes, clock, users);
        SetService sets = new SetService(dsl, codes, clock, users, database::version);
        BlockerService blockers = new BlockerService(dsl, users, codes);
        this.jobs = new JobService(dsl, codes, clock, sets, users);
        jobs.recoverAfterStop();
        // Once: after it, every write stores a hash, and a snapshot with a clear password is refused.
        if (state.get(PASSWORDS_HASHED).isEmpty()) {
            users.hashClearPasswords();
            state.put(PASSWORDS_HASHED, "true");
        }
        this.settings = new InstitutionSettings(dsl, codes, JobService.ALMASIM_JOB_IDS, spec.name());
        RequestService requests = new RequestService(dsl, codes, clock, users);
        this.population = new PopulationService(dsl, codes, clock, users, loans, fees, requests, sets, settings);
        this.patrons = new PatronDirectory(dsl, clock, users, loans, fees, sets, blockers, codes);
        this.handlers = new Handlers(
                new UserController(users, listing),
                new FeeController(fees),
                new LoanController(loans),
                new RequestController(requests, new ResourceSharingService(dsl, codes, clock, users)),
                new AttachmentController(new AttachmentService(dsl, clock, users)),
                new SetController(sets),
                new JobController(jobs),
                new BlockerController(blockers),
                new AdminController(clock, this::reset, population, dsl, codes, settings, keys.developmentKeyOnly()),
                new PatronController(patrons),
                new CodeTableController(codes),
                new PersonalDataController(users, loans, fees),
                new SnapshotController(this::exportTo, this::importFrom, clock),
                new SisLoadController(new SisLoadService(users)),
                new GeneralController(code, settings::institutionName));
    }

    /** Counts for the consortium's overview ({@code GET /almasim/v1/institutions/overview}). */
    InstitutionController.Overview overview(boolean isDefault) {
        PatronDirectory.Summary summary = patrons.summary();
        JobService.Runs runs = jobs.runs();
        return new InstitutionController.Overview(
                code(),
                name(),
                isDefault,
                summary.total(),
                summary.byStatus(),
                runs.count(),
                runs.newest(),
                keys.onlyPublicKeys() ? keys.readWriteKey() : Optional.empty());
    }

    /** The institution a request reached: the one its key belongs to (the default one for health, which needs none). */
    static Institution of(Context ctx, Institution fallback) {
        return ApiGate.<Institution>owner(ctx).orElse(fallback);
    }

    Handlers handlers() {
        return handlers;
    }

    public String code() {
        return spec.code();
    }

    /** The library's name: the one it was made with, until its settings' {@code institution_name} renames it. */
    public String name() {
        return settings.institutionName();
    }

    /** What the institution was made with: its code, name and keys as given. */
    Spec spec() {
        return spec;
    }

    @Override
    public Optional<ApiKeys.Access> access(String key) {
        return keys.access(key);
    }

    /** Moves after every write to this institution's library ({@link Database#version()}), and only then. */
    public long writes() {
        return database.version();
    }

    @Override
    public ApiThresholds thresholds() {
        return thresholds;
    }

    public ApiKeys apiKeys() {
        return keys;
    }

    /** The institution's own named values kept in its database (for extensions such as the trainer console). */
    public StateStore state() {
        return state;
    }

    /** Remembers the consortium's date, so a restart on a file database resumes the same day. */
    void rememberDate(LocalDate today) {
        state.put(SIMULATED_DATE, today.toString());
    }

    static Optional<LocalDate> rememberedDate(StateStore state) {
        try {
            return state.get(SIMULATED_DATE).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Loads a population document (or a chunked synthetic one) as {@code POST /almasim/v1/population} does. */
    public Loaded load(Population document) {
        return population.load(document);
    }

    /** Loads a population document by document, each its own transaction, building the deferred indexes at the end. */
    public Loaded load(Iterator<Population> chunks) {
        return database.withoutDeferredIndexes(() -> {
            Loaded total = new Loaded(0, 0, 0, 0, clock.today().toString());
            while (chunks.hasNext()) {
                total = total.plus(population.load(chunks.next()));
            }
            return total;
        });
    }

    /**
     * Loads a population named as the command line and the JUnit extension name one ({@link NamedPopulation}): {@code
     * demo}, {@code synthetic:N} from {@code seed}, or a population document's path.
     */
    public Loaded load(String named, long seed) {
        NamedPopulation.check(named);
        return NamedPopulation.isSynthetic(named)
                ? load(NamedPopulation.chunks(named, seed, clock.today()))
                : load(NamedPopulation.document(named));
    }

    /** Lets running jobs finish, empties the database and restores the default code tables; the clock stays. */
    public void reset() {
        jobs.awaitIdle();
        database.reset();
        codes.reload();
        thresholds.clear();
        rememberDate(clock.today());
        afterReplaced.run();
    }

    /**
     * Run after each reset or snapshot import, which replace the state too: the simulator writes back what it keeps
     * there (the list of institutions is the simulator's, not the library's).
     */
    void afterReplaced(Runnable action) {
        this.afterReplaced = action;
    }

    /** Saves the institution's whole library as a {@link SnapshotArchive}, once running jobs finish. */
    public void exportTo(OutputStream out) {
        jobs.awaitIdle();
        snapshots.export(database.dsl(), out);
    }

    public void exportTo(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            exportTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the institution's library with a snapshot {@link #exportTo} saved; the clock moves to its date. A file
     * that is not one is a {@link SnapshotArchive.Refused} and changes nothing.
     */
    public void importFrom(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            importFrom(in);
        } catch (IOException e) {
            throw new SnapshotArchive.Refused(
                    "Cannot read the snapshot " + file + " (" + e.getClass().getSimpleName() + ").");
        }
    }

    public void importFrom(InputStream in) {
        jobs.awaitIdle();
        try {
            snapshots.importFrom(database.dsl(), in, SnapshotArchive.MAX_UNPACKED_BYTES);
        } finally {
            codes.reload();
            thresholds.clear();
            afterReplaced.run();
        }
        rememberedDate(state).ifPresent(clock::set);
    }

    @Override
    public void close() {
        jobs.close();
        database.close();
    }
}

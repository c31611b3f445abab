package org.almasim.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.ApiGate;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.institutions.InstitutionController;
import org.almasim.simulator.population.NamedPopulation;
import org.almasim.simulator.state.StateStore;

/**
 * The simulator's institutions, the default one first, and which institution each API key opens. The list of added
 * institutions is remembered in the default institution's state, so a file database reopens them after a restart.
 */
final class Institutions implements InstitutionController.Registry, AutoCloseable {
    private static final TypeReference<List<Institution.Spec>> SPECS = new TypeReference<>() {};

    private final Institution home;
    private final SimulatedClock clock;
    private final SimulatorConfig config;
    private final Map<String, Institution> byCode = new LinkedHashMap<>();
    // Read on every request without a lock; replaced whole when an institution is added.
    private volatile Map<String, Institution> byKeyHash = Map.of();

    Institutions(Institution home, SimulatedClock clock, SimulatorConfig config) {
        this.home = home;
        this.clock = clock;
        this.config = config;
        byCode.put(home.code(), home);
        index();
        home.afterReplaced(this::remember);
    }

    Optional<ApiGate.KeyOwner> ownerOf(String key) {
        return Optional.ofNullable(key == null ? null : byKeyHash.get(ApiKeys.hash(key)));
    }

    synchronized List<Institution> all() {
        return List.copyOf(byCode.values());
    }

    synchronized Optional<Institution> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Reopens the institutions added before a restart (none on an in-memory database). */
    synchronized void reopenRemembered() {
        for (Institution.Spec spec : remembered(home.state())) {
            open(spec);
        }
    }

    synchronized Institution add(Institution.Spec spec) {
        Institution institution = open(spec);
        remember();
        return institution;
    }

    @Override
    public synchronized List<InstitutionController.Listed> list() {
        return byCode.values().stream()
                .map(i -> new InstitutionController.Listed(i.code(), i.name(), i == home))
                .toList();
    }

    @Override
    public List<InstitutionController.Overview> overview() {
        return all().stream().map(i -> i.overview(i == home)).toList();
    }

    @Override
    public InstitutionController.Added add(InstitutionController.Request request) {
        // Checked before the institution is made: a refused population must not leave an institution behind.
        request.population().ifPresent(NamedPopulation::check);
        Institution institution = add(new Institution.Spec(request.code(), request.name(), request.apiKeys()));
        return new InstitutionController.Added(
                institution.code(),
                institution.name(),
                institution.apiKeys().describe(),
                request.population().map(named -> institution.load(named, request.seed())));
    }

    /** Every institution keeps the consortium's date, so each file resumes on the same day. */
    void rememberDate(LocalDate today) {
        all().forEach(institution -> institution.rememberDate(today));
    }

    /** Everything is checked before the database is made; a refusal leaves nothing behind. */
    private Institution open(Institution.Spec asked) {
        Institution.Spec spec = asked.withKeysOrDevelopmentKey();
        if (byCode.containsKey(spec.code())) {
            throw new IllegalArgumentException("There is already an institution " + spec.code());
        }
        if (byCode.size() >= config.maxInstitutions()) {
            throw new IllegalArgumentException("This simulator holds at most " + config.maxInstitutions()
                    + " institutions (serve --max-institutions)");
        }
        ApiKeys given = ApiKeys.parse(spec.apiKeys());
        given.ownHashes().stream().filter(byKeyHash::containsKey).findFirst().ifPresent(hash -> {
            String key = given.all().stream()
                    .filter(clear -> ApiKeys.hash(clear).equals(hash))
                    .findFirst()
                    .orElse(hash);
            throw new IllegalArgumentException("The API key ending " + last4(key)
                    + " already opens another institution; each key opens one institution");
        });
        Database database = Database.open(besideHome(config.database(), spec.code()));
        Institution institution;
        try {
            institution = new Institution(spec, database, new StateStore(database.dsl()), clock, config);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        byCode.put(spec.code(), institution);
        index();
        return institution;
    }

    private void index() {
        Map<String, Institution> keys = new HashMap<>();
        byCode.values().forEach(i -> i.apiKeys().hashes().forEach(hash -> keys.put(hash, i)));
        byKeyHash = Map.copyOf(keys);
    }

    private synchronized void remember() {
        try {
            // A key is a secret: kept as its hash, but an institution's public development key.
            List<Institution.Spec> added = byCode.values().stream()
                    .filter(institution -> institution != home)
                    .map(institution -> new Institution.Spec(
                            institution.code(),
                            institution.spec().name(),
                            institution.apiKeys().kept()))
                    .toList();
            home.state().put(StateStore.INSTITUTIONS, AlmaFormats.JSON.writeValueAsString(added));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot remember the institutions", e);
        }
    }

    private static List<Institution.Spec> remembered(StateStore state) {
        return state.get(StateStore.INSTITUTIONS)
                .map(json -> {
                    try {
                        return AlmaFormats.JSON.readValue(json, SPECS);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the remembered institutions cannot be read", e);
                    }
                })
                .orElse(List.of());
    }

    /**
     * Where a member institution's database lives: in memory beside an in-memory default, else a file beside the
     * default's ({@code library} gives {@code library-01falsc_fsu}). A JDBC URL names one database only.
     */
    static String besideHome(String homeLocation, String code) {
        if (homeLocation == null || homeLocation.isBlank() || homeLocation.equals("mem")) {
            return "mem";
        }
        if (homeLocation.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "More institutions need --db mem or a file path: a JDBC URL names one database");
        }
        return homeLocation + "-" + code.toLowerCase(Locale.ROOT);
    }

    private static String last4(String key) {
        return key.length() <= 4 ? key : key.substring(key.length() - 4);
    }

    @Override
    public synchronized void close() {
        List<Institution> members = new ArrayList<>(byCode.values());
        Collections.reverse(members);
        members.forEach(Institution::close);
    }
}

package org.almasim.simulator.population;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.almasim.simulator.blockers.BlockerRepository;
import org.almasim.simulator.blockers.BlockerService;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.errors.Echo;
import org.almasim.simulator.fees.FeeImport;
import org.almasim.simulator.fees.FeeService;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.inventory.InventoryItem;
import org.almasim.simulator.inventory.InventoryRepository;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.loans.LoanService;
import org.almasim.simulator.loans.LoanService.LoanImport;
import org.almasim.simulator.population.Population.Loaded;
import org.almasim.simulator.requests.RequestImport;
import org.almasim.simulator.requests.RequestService;
import org.almasim.simulator.sets.AlmaSet;
import org.almasim.simulator.sets.SetService;
import org.almasim.simulator.settings.InstitutionSettings;
import org.almasim.simulator.users.UserService;
import org.jooq.DSLContext;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads population documents through the same services the API uses, so a population obeys Alma's rules.
 * Everything is checked before anything is written: a document with a mistake changes nothing.
 */
public final class PopulationService {
    /** The most codes a code table holds: far more than any library configures, a bound on what a client adds. */
    public static final int MAX_CODES_PER_TABLE = 10_000;

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;
    private final LoanService loans;
    private final FeeService fees;
    private final RequestService requests;
    private final SetService sets;
    private final InstitutionSettings settings;

    public PopulationService(
            DSLContext dsl,
            CodeTables codes,
            SimulatedClock clock,
            UserService users,
            LoanService loans,
            FeeService fees,
            RequestService requests,
            SetService sets,
            InstitutionSettings settings) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
        this.requests = requests;
        this.loans = loans;
        this.fees = fees;
        this.sets = sets;
        this.settings = settings;
    }

    /** Parses a YAML or JSON document; a malformed one is refused with its line and column. */
    public static Population parse(byte[] document) {
        try {
            Population population;
            if (isJson(document)) {
                // YAML reads JSON too, but its parser took a third of copying a library's documents into almasim.
                population = AlmaFormats.POPULATION_JSON.readValue(document, Population.class);
            } else {
                String text = new String(document, StandardCharsets.UTF_8);
                // Merge keys are resolved by SnakeYAML first; such a document's mistakes then name the field.
                population = MergedYaml.uses(text)
                        ? AlmaFormats.YAML.convertValue(MergedYaml.read(text), Population.class)
                        : AlmaFormats.YAML.readValue(document, Population.class);
            }
            if (population == null) {
                throw invalid("the document is empty.");
            }
            return population;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            AlmaRefusal cause = almaCause(e);
            throw invalid(
                    (cause != null ? cause.getMessage() : AlmaFormats.problem(e).replaceFirst("\\.$", "")) + where
                            + ".");
        } catch (IllegalArgumentException e) {
            // convertValue wraps what Jackson found wrong in the merged document.
            if (e.getCause() instanceof JacksonException jackson) {
                AlmaRefusal cause = almaCause(jackson);
                throw invalid(cause != null ? cause.getMessage() : AlmaFormats.problem(jackson));
            }
            throw invalid("the document could not be read.");
        } catch (YAMLException e) {
            throw invalid("the document is not well-formed YAML: "
                    + e.getMessage().lines().findFirst().orElse("") + ".");
        } catch (IOException e) {
            throw invalid(e.getMessage());
        }
    }

    /** A document whose first character, after any spaces, opens a JSON object. */
    private static boolean isJson(byte[] document) {
        for (byte b : document) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    /**
     * The demo population shipped with the simulator (population/demo.yaml): one patron per rule in the seeds. Read
     * once: a test class that puts the demo back before every test would otherwise parse it every time, and the
     * document is immutable (its lists are copies, its records values).
     */
    public static Population demo() {
        return Demo.POPULATION;
    }

    /** Initialised on first use, as a class of its own is. */
    private static final class Demo {
        static final Population POPULATION = read();

        private static Population read() {
            try (var in = PopulationService.class.getClassLoader().getResourceAsStream("population/demo.yaml")) {
                return parse(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException("The demo population is missing from the jar", e);
            }
        }
    }

    public Loaded load(byte[] document, String contentType) {
        return load(parse(document));
    }

    public Loaded load(Population population) {
        LocalDate previousToday = clock.today();
        var previousCodes = codes.snapshot();
        try {
            if (population.today() != null) {
                clock.set(population.today());
            }
            Map<String, Object> jobIds =
                    population.jobIds().isEmpty() ? Map.of() : Map.of(InstitutionSettings.JOB_IDS, population.jobIds());
            settings.check(jobIds);
            addCodes(population);
            new PopulationReferences(dsl, codes, clock, users, fees, requests).check(population);
            List<InventoryItem> items = population.items().stream()
                    .map(i -> new InventoryItem(
                            i.itemPid(),
                            i.holdingId(),
                            i.mmsId(),
                            i.barcode(),
                            i.title(),
                            i.author(),
                            i.publicationYear(),
                            i.library() == null ? "MAIN" : i.library(),
                            i.location() == null ? "STACKS" : i.location(),
                            i.callNumber(),
                            i.description()))
                    .toList();
            // One transaction for the whole document: it loads entirely or not at all.
            int created = dsl.transactionResult(tx -> {
                int count = users.imports().createAll(tx.dsl(), population.users());
                users.feature(tx.dsl(), population.featuredIds());
                new InventoryRepository(tx.dsl()).addAll(items);
                loans.importAll(
                        tx.dsl(),
                        population.loans().stream()
                                .map(l ->
                                        new LoanImport(l.user(), l.barcode(), l.loanDate(), l.dueDate(), l.returned()))
                                .toList());
                fees.imports().importAll(tx.dsl(), feeImports(population));
                requests.importAll(tx.dsl(), requestImports(population));
                addBlockers(tx.dsl(), population.blockers());
                settings.write(tx.dsl(), jobIds);
                for (Population.SetSpec set : population.sets()) {
                    sets.createIn(
                            tx.dsl(), almaSet(set), Optional.ofNullable(set.id()), Optional.empty(), new AlmaLinks(""));
                }
                return count;
            });
            return new Loaded(
                    created,
                    items.size(),
                    population.loans().size(),
                    population.fees().size(),
                    clock.today().toString());
        } catch (RuntimeException e) {
            clock.set(previousToday);
            codes.restore(previousCodes);
            throw e;
        }
    }

    /** A document's set in the shape Alma's Sets API takes, so that it is checked by the same rules. */
    private static AlmaSet almaSet(Population.SetSpec spec) {
        ObjectNode set = AlmaFormats.JSON.createObjectNode();
        set.put("name", spec.name());
        set.putObject("type")
                .put("value", spec.type() == null ? (spec.query() != null ? "LOGICAL" : "ITEMIZED") : spec.type());
        set.putObject("content").put("value", "USER");
        if (spec.description() != null) {
            set.put("description", spec.description());
        }
        if (spec.query() != null) {
            set.putObject("query").put("value", spec.query());
        }
        if (spec.members() != null) {
            var members = set.putObject("members").putArray("member");
            spec.members().forEach(id -> members.addObject().put("id", id));
        }
        try {
            return AlmaFormats.JSON.treeToValue(set, AlmaSet.class);
        } catch (JsonProcessingException e) {
            throw invalid("sets: " + AlmaFormats.problem(e));
        }
    }

    /**
     * The document's codes, checked whole before any is written: tables a library fills itself only, codes of 1 to 255
     * characters, at most {@link #MAX_CODES_PER_TABLE} in a table (the tables are held in memory).
     */
    private void addCodes(Population population) {
        population.codeTables().keySet().forEach(table -> {
            if (!CodeTables.LIBRARY_CONFIGURED.contains(table)) {
                throw invalid("code_tables: " + table + " is not a table a library fills with codes of its own; these"
                        + " are " + new TreeSet<>(CodeTables.LIBRARY_CONFIGURED) + ".");
            }
        });
        Map<String, List<Population.CodeSpec>> added = new LinkedHashMap<>(population.codeTables());
        added.merge(CodeTables.USER_GROUPS, population.userGroups(), PopulationService::both);
        added.merge(CodeTables.IDENTIFIER_TYPES, population.identifierTypes(), PopulationService::both);
        added.merge(CodeTables.LIBRARIES, population.libraries(), PopulationService::both);
        Map<String, Map<String, String>> present = codes.snapshot();
        added.forEach((table, entries) -> {
            Set<String> inTable =
                    new HashSet<>(present.getOrDefault(table, Map.of()).keySet());
            for (var entry : entries) {
                String code = required(entry == null ? null : entry.code(), table + "[].code");
                if (code.isBlank()
                        || code.length() > 255
                        || (entry.description() != null && entry.description().length() > 1000)) {
                    throw invalid(table + ": a code has 1 to 255 characters and a description at most 1,000, got '"
                            + Echo.shortened(code) + "'.");
                }
                inTable.add(code);
            }
            if (inTable.size() > MAX_CODES_PER_TABLE) {
                throw invalid(table + ": a table holds at most " + MAX_CODES_PER_TABLE + " codes.");
            }
        });
        dsl.transaction(tx -> added.forEach((table, entries) -> entries.forEach(entry -> CodeTables.upsert(
                tx.dsl(), table, entry.code(), entry.description() == null ? entry.code() : entry.description()))));
        codes.reload();
    }

    private static List<Population.CodeSpec> both(List<Population.CodeSpec> a, List<Population.CodeSpec> b) {
        List<Population.CodeSpec> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void addBlockers(DSLContext tx, List<Population.BlockerSpec> specs) {
        if (specs.isEmpty()) {
            return;
        }
        var keys = users.keysByPrimaryId(
                tx, specs.stream().map(Population.BlockerSpec::user).toList());
        List<Long> owners =
                specs.stream().map(b -> keys.get(UserService.foldId(b.user()))).toList();
        List<List<BlockerRepository.StoredBlocker>> blockers = specs.stream()
                .map(b -> List.of(new BlockerRepository.StoredBlocker(BlockerService.kind(b.kind()), b.detail())))
                .toList();
        new BlockerRepository(tx).addAll(owners, blockers);
    }

    static List<FeeImport> feeImports(Population population) {
        return population.fees().stream()
                .map(f -> new FeeImport(
                        f.user(),
                        f.type(),
                        f.amount(),
                        f.balance(),
                        f.status(),
                        f.owner() == null ? "MAIN" : f.owner(),
                        f.comment(),
                        f.created(),
                        f.transactions().stream()
                                .map(t -> new FeeImport.TransactionImport(
                                        t.type(), t.amount(), t.method(), t.reason(), t.date()))
                                .toList()))
                .toList();
    }

    static List<RequestImport> requestImports(Population population) {
        return population.requests().stream()
                .map(r -> new RequestImport(
                        r.user(), r.barcode(), r.status(), r.pickup(), r.created(), r.lastInterestDate()))
                .toList();
    }

    static String required(String value, String field) {
        if (value == null) {
            throw invalid(field + " is missing.");
        }
        return value;
    }

    private static AlmaRefusal almaCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AlmaRefusal alma) {
                return alma;
            }
        }
        return null;
    }

    static AlmaRefusal invalid(String detail) {
        return AlmaError.PARAMETER_NOT_VALID.refusal("Population document: " + detail);
    }
}

package org.almasim.simulator.population;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.population.Population.FeeSpec;
import org.almasim.simulator.population.Population.ItemSpec;
import org.almasim.simulator.population.Population.LoanSpec;
import org.almasim.simulator.users.ContactInfo;
import org.almasim.simulator.users.User;
import org.almasim.simulator.users.UserIdentifier;

/**
 * A seeded, reproducible population with the spread a consortium sees: mostly students loaded from the SIS,
 * faculty and staff, community borrowers, ILL and internal patrons with far-future dates; expiry and purge dates
 * in the past, near and far future, or missing; some loans and some fees, open, partly paid or closed.
 * Patron {@code i} of seed {@code s} is always the same patron, however the population is cut into chunks,
 * so property tests and benchmarks can name the patron that failed.
 */
public final class SyntheticPopulation {
    /** Where internal and ILL patrons are parked, as FLVC does. */
    public static final LocalDate FAR_FUTURE = LocalDate.of(2050, 1, 1);

    private static final String[] FIRST = {
        "Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lena", "Mateo", "Nia",
        "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wen", "Xena", "Yusuf", "Zoe"
    };
    private static final String[] LAST = {
        "Alvarez",
        "Brown",
        "Chowdhury",
        "Diaz",
        "Evans",
        "Fischer",
        "Garcia",
        "Haddad",
        "Ito",
        "Johnson",
        "Kowalski",
        "Lee",
        "Martin",
        "Nguyen",
        "Okafor",
        "Patel",
        "Quispe",
        "Rossi",
        "Smith",
        "Tanaka",
        "Ueda",
        "Varga",
        "Williams",
        "Xu",
        "Yilmaz",
        "Zhang"
    };
    private static final String[] TITLES = {
        "Knowledge concepts",
        "The particle play",
        "Short history of Georgia",
        "Bananboken",
        "Re-reading Harry Potter",
        "Creative design in wall hangings",
        "Patron privacy in practice",
        "Florida waterways"
    };

    private SyntheticPopulation() {}

    /** One patron with everything that hangs on it. */
    public record Patron(User user, List<ItemSpec> items, List<LoanSpec> loans, List<FeeSpec> fees) {}

    /** The {@code index}-th patron of the population with this seed, relative to {@code today}. */
    public static Patron patron(long seed, int index, LocalDate today) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String id = String.format("S%08d", index);
        String group = pick(
                random,
                new String[] {
                    "UNDERGRAD", "GRAD", "FACULTY", "STAFF", "ALUMNI", "COMMUNITY", "ILL", "ILL_LENDER", "INTERNAL"
                },
                new int[] {50, 15, 8, 6, 6, 10, 2, 2, 1});
        boolean parked = group.equals("ILL") || group.equals("ILL_LENDER") || group.equals("INTERNAL");
        boolean fromSis = !parked && !group.equals("COMMUNITY") && random.nextInt(100) < 80;
        String recordType = group.equals("STAFF") || group.equals("FACULTY") && random.nextBoolean()
                ? "STAFF"
                : group.equals("ILL_LENDER") ? "CONTACT" : "PUBLIC";

        LocalDate expiry;
        int roll = random.nextInt(100);
        if (parked) {
            expiry = FAR_FUTURE;
        } else if (roll < 30) {
            expiry = today.minusDays(1 + random.nextInt(6 * 365));
        } else if (roll < 40) {
            expiry = today.plusDays(random.nextInt(61));
        } else if (roll < 94) {
            expiry = today.plusDays(61 + random.nextInt(4 * 365));
        } else {
            expiry = null;
        }
        LocalDate purge;
        roll = random.nextInt(100);
        if (parked) {
            purge = FAR_FUTURE;
        } else if (roll < 55) {
            purge = expiry;
        } else if (roll < 70) {
            purge = expiry == null ? null : expiry.plusYears(1);
        } else if (roll < 95) {
            purge = null;
        } else {
            purge = today.plusDays(random.nextInt(2 * 365) - 365);
        }
        boolean expiredLongAgo = expiry != null && expiry.isBefore(today.minusDays(7));
        String status = expiredLongAgo && random.nextInt(100) < 60 ? "INACTIVE" : "ACTIVE";

        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        var email = new ContactInfo.Email(
                true,
                fromSis ? "External" : "Internal",
                (first + "." + last + index + "@example.edu").toLowerCase(),
                null,
                List.of(Code.of("personal")));
        var barcode =
                new UserIdentifier(fromSis ? "External" : "Internal", Code.of("BARCODE"), "B" + id, null, "ACTIVE");
        User user = new User(
                null,
                Code.of(recordType),
                id,
                first,
                null,
                last,
                null,
                null,
                null,
                null,
                null,
                null,
                Code.of(group),
                null,
                null,
                null,
                null,
                null,
                expiry,
                purge,
                Code.of(fromSis ? "EXTERNAL" : "INTERNAL"),
                fromSis ? "SIS" : null,
                null,
                null,
                Code.of(status),
                null,
                null,
                null,
                null,
                null,
                new ContactInfo(List.of(), List.of(email), List.of()),
                List.of(barcode),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());

        List<ItemSpec> items = new ArrayList<>();
        List<LoanSpec> loans = new ArrayList<>();
        int activeLoans = random.nextInt(100) < 12 ? 1 + random.nextInt(3) : 0;
        int pastLoans = random.nextInt(100) < 10 ? 1 : 0;
        for (int k = 0; k < activeLoans + pastLoans; k++) {
            String itemBarcode = "I" + id + "-" + k;
            items.add(new ItemSpec(
                    itemBarcode,
                    TITLES[random.nextInt(TITLES.length)],
                    LAST[random.nextInt(LAST.length)],
                    null,
                    "MAIN",
                    "STACKS",
                    null,
                    null,
                    null,
                    null,
                    null));
            LocalDate lent = today.minusDays(random.nextInt(120));
            LocalDate back = lent.plusDays(random.nextInt(28));
            LocalDate returned = k < activeLoans ? null : back.isAfter(today) ? today : back;
            loans.add(new LoanSpec(id, itemBarcode, lent, lent.plusDays(28), returned));
        }
        List<FeeSpec> fees = new ArrayList<>();
        if (random.nextInt(100) < 10) {
            BigDecimal amount = BigDecimal.valueOf(25 + random.nextInt(5000), 2);
            int kind = random.nextInt(10);
            BigDecimal balance = kind < 6
                    ? amount
                    : kind < 9 ? BigDecimal.ZERO : amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
            fees.add(new FeeSpec(
                    id,
                    kind < 6 ? "OVERDUEFINE" : "LOSTITEMREPLACEMENTFEE",
                    amount,
                    balance,
                    null,
                    "MAIN",
                    null,
                    today.minusDays(random.nextInt(400)),
                    List.of()));
        }
        return new Patron(user, items, loans, fees);
    }

    /** Patrons {@code from} (inclusive) to {@code to} (exclusive) as one population document. */
    public static Population chunk(long seed, int from, int to, LocalDate today) {
        List<User> users = new ArrayList<>(to - from);
        List<ItemSpec> items = new ArrayList<>();
        List<LoanSpec> loans = new ArrayList<>();
        List<FeeSpec> fees = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Patron p = patron(seed, i, today);
            users.add(p.user());
            items.addAll(p.items());
            loans.addAll(p.loans());
            fees.addAll(p.fees());
        }
        return new Population(
                null, List.of(), List.of(), List.of(), Map.of(), items, users, loans, fees, List.of(), List.of(),
                List.of(), List.of(), Map.of());
    }

    /**
     * Patrons per document when a population is loaded in chunks. Each document is one transaction, and H2 rewrites a
     * transaction's changed pages again each time its unsaved changes outgrow its buffer: a million patrons loaded in
     * 80.5 s in transactions of a thousand, 95.4 s in transactions of ten thousand (docs/benchmarks.md).
     */
    static final int CHUNK = 1_000;

    /** The whole population of {@code size} patrons, cut into documents of {@link #CHUNK} to bound memory. */
    public static Iterator<Population> chunks(long seed, int size, LocalDate today) {
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Population next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int to = Math.min(size, next + CHUNK);
                Population chunk = chunk(seed, next, to, today);
                next = to;
                return chunk;
            }
        };
    }

    private static String pick(SplittableRandom random, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}

package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * Turns cohorts into population entries: users with expiry dates spread evenly over the cohort's range, and, for a
 * seeded random share of them, an open fine or an active loan of an item of their own.
 */
final class Cohorts {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Cohorts() {}

    /** Adds the cohort's users, items, loans and fees to the population document. */
    static void addTo(ObjectNode population, Scenario.Cohort cohort, LocalDate today) {
        ArrayNode users = array(population, "users");
        long days = ChronoUnit.DAYS.between(cohort.expiryFrom(), cohort.expiryTo());
        SplittableRandom random = new SplittableRandom(
                cohort.seed() != null ? cohort.seed() : cohort.prefix().hashCode());
        double fines = share(cohort.withFines());
        double loans = share(cohort.withLoans());
        for (int i = 0; i < cohort.count(); i++) {
            String id = cohort.prefix() + "-" + (i + 1);
            LocalDate expiry = cohort.expiryFrom().plusDays(cohort.count() == 1 ? 0 : days * i / (cohort.count() - 1));
            ObjectNode user = users.addObject()
                    .put("primary_id", id)
                    .put("first_name", "Patron")
                    .put("last_name", id);
            user.putObject("record_type").put("value", "PUBLIC");
            String account = cohort.accountType() == null ? "EXTERNAL" : cohort.accountType();
            user.putObject("account_type").put("value", account);
            if (account.equals("EXTERNAL")) {
                user.put("external_id", "SIS");
            }
            user.putObject("user_group").put("value", cohort.userGroup() == null ? "UNDERGRAD" : cohort.userGroup());
            user.putObject("status").put("value", "ACTIVE");
            user.put("expiry_date", expiry.toString());
            if (!"none".equals(cohort.purgeDate())) {
                user.put("purge_date", expiry.toString());
            }
            if (random.nextDouble() < fines) {
                BigDecimal amount = cohort.fineAmount() == null ? new BigDecimal("5.00") : cohort.fineAmount();
                array(population, "fees")
                        .addObject()
                        .put("user", id)
                        .put("type", "OVERDUEFINE")
                        .put("amount", amount)
                        .put("created", today.toString());
            }
            if (random.nextDouble() < loans) {
                String barcode = id + "-item";
                array(population, "items").addObject().put("barcode", barcode).put("title", "Borrowed by " + id);
                array(population, "loans")
                        .addObject()
                        .put("user", id)
                        .put("barcode", barcode)
                        .put("loan_date", today.toString());
            }
        }
    }

    private static double share(BigDecimal share) {
        return share == null ? 0 : share.doubleValue();
    }

    private static ArrayNode array(ObjectNode population, String field) {
        return population.has(field) ? (ArrayNode) population.get(field) : population.putArray(field);
    }
}

package org.almasim.simulator.population;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.almasim.simulator.support.AlmaResponse;
import org.almasim.simulator.support.RunningSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A population document is checked whole: its aliases by what they stand for, each user by the rules, named by its place. */
class PopulationDocumentCheckTest {
    private static RunningSimulator sim;

    @BeforeAll
    static void start() {
        sim = RunningSimulator.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** Seven levels of seven aliases each: 7^7 = 823,543 values from a few hundred bytes. */
    private static String bomb(String shared) {
        StringBuilder yaml = new StringBuilder(shared + ":\n  a0: &a0 [x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 7; level++) {
            String previous = "*a" + (level - 1);
            yaml.append("  a").append(level).append(": &a").append(level).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(7, previous)))
                    .append("]\n");
        }
        return yaml.append("users:\n  - primary_id: bomb\n    account_type: {value: INTERNAL}\n    extra: *a7\n")
                .toString();
    }

    private JsonNode digest() {
        return sim.client.getJson("/almasim/v1/state/digest", Map.of()).isOk().json();
    }

    @Test
    void aliasesThatStandForTooManyValuesAreRefusedAndNothingIsLoaded() {
        JsonNode before = digest();
        String document = bomb("x-shared");

        AlmaResponse answer = sim.client.attemptToLoadPopulation(document);

        assertThat(document.length()).isLessThan(600);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("aliases").contains("at line");
        assertThat(digest()).isEqualTo(before);
        assertThat(sim.client.attemptToGetUser("bomb").status()).isEqualTo(400);
    }

    @Test
    void aBombWithoutSharedKeysIsNotExpandedEither() {
        JsonNode before = digest();

        AlmaResponse answer = sim.client.attemptToLoadPopulation(bomb("shared"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void anAliasThatContainsItselfIsRefused() {
        String document = "x-loop: &loop [*loop]\nusers:\n  - primary_id: loop\n    account_type: {value: INTERNAL}\n"
                + "    extra: *loop\n";

        AlmaResponse answer = sim.client.attemptToLoadPopulation(document);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(sim.client.attemptToGetUser("loop").status()).isEqualTo(400);
    }

    @Test
    void sharedDefaultsMergedIntoManyPatronsStillLoad() {
        StringBuilder yaml = new StringBuilder(
                "x-defaults: &defaults\n  account_type: {value: INTERNAL}\n  user_group: {value: UNDERGRAD}\nusers:\n");
        for (int i = 0; i < 2_000; i++) {
            yaml.append("  - <<: *defaults\n    primary_id: merged-").append(i).append('\n');
        }

        AlmaResponse answer = sim.client.attemptToLoadPopulation(yaml.toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(sim.client
                        .getUser("merged-1999")
                        .path("user_group")
                        .path("value")
                        .asText())
                .isEqualTo("UNDERGRAD");
    }

    @Test
    void aUserTheRulesRefuseIsNamedByItsPlaceAndId() {
        String document = "users:\n  - primary_id: fine\n    account_type: {value: INTERNAL}\n"
                + "  - primary_id: no-account-type\n";

        AlmaResponse answer = sim.client.attemptToLoadPopulation(document);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body())
                .contains("user 2 (primary_id no-account-type)")
                .contains("account_type");
        assertThat(sim.client.attemptToGetUser("fine").status())
                .as("nothing of the document")
                .isEqualTo(400);
    }

    @Test
    void aLibrarysOwnCodesAndAFeesTransactionsLoadAndAreAnsweredAsAlmaAnswersThem() {
        sim.reset();
        sim.client.loadPopulation("""
                code_tables:
                  UserBlockDescription: [{code: LIBRARY_HOLD, description: Held by the library}]
                  FineFeeTypes: [{code: LOCKER, description: Locker fee}]
                  UserStatCategories: [{code: HONORS, description: Honors college}]
                users:
                  - primary_id: paid-half
                    account_type: {value: INTERNAL}
                    user_block: [{block_type: {value: GENERAL}, block_description: {value: LIBRARY_HOLD}}]
                    user_statistic: [{statistic_category: {value: HONORS}}]
                fees:
                  - user: paid-half
                    type: LOCKER
                    amount: 10.00
                    balance: 4.00
                    created: 2024-05-01
                    transactions:
                      - {type: PAYMENT, amount: 5.00, method: CASH, date: 2024-05-10}
                      - {type: WAIVE, amount: 1.00, reason: LIBRARY_ERROR}
                """);

        JsonNode fee = sim.client.fees("paid-half", Map.of()).path("fee").path(0);
        assertThat(fee.path("type").path("desc").asText()).isEqualTo("Locker fee");
        assertThat(fee.path("balance").decimalValue()).isEqualByComparingTo("4");
        JsonNode transactions = fee.path("transaction");
        assertThat(transactions).hasSize(2);
        assertThat(transactions.path(0).path("type").path("value").asText()).isEqualTo("PAYMENT");
        assertThat(transactions.path(0).path("payment_method").path("value").asText())
                .isEqualTo("CASH");
        assertThat(transactions.path(0).path("transaction_time").asText()).startsWith("2024-05-10");
        assertThat(transactions.path(1).path("reason").path("value").asText()).isEqualTo("LIBRARY_ERROR");
        assertThat(transactions.path(1).path("transaction_time").asText())
                .as("a transaction without a date is the fee's creation day")
                .startsWith("2024-05-01");
        JsonNode user = sim.client.getUser("paid-half");
        assertThat(user.path("user_block")
                        .path(0)
                        .path("block_description")
                        .path("desc")
                        .asText())
                .isEqualTo("Held by the library");
        assertThat(sim.client
                        .getJson("/almaws/v1/conf/code-tables/UserStatCategories", Map.of())
                        .isOk()
                        .json()
                        .path("row")
                        .path(0)
                        .path("description")
                        .asText())
                .isEqualTo("Honors college");
    }

    @Test
    void aTableAlmasimsRulesReadOrABadTransactionIsRefusedAndNothingIsLoaded() {
        sim.reset();
        JsonNode before = digest();

        AlmaResponse statuses = sim.client.attemptToLoadPopulation("""
                code_tables:
                  UserStatuses: [{code: HALF_ACTIVE}]
                users: [{primary_id: u1, account_type: {value: INTERNAL}}]
                """);
        AlmaResponse overpaid = sim.client.attemptToLoadPopulation("""
                code_tables:
                  FineFeeTypes: [{code: LOCKER}]
                users: [{primary_id: u1, account_type: {value: INTERNAL}}]
                fees:
                  - {user: u1, type: LOCKER, amount: 10, transactions: [{type: PAYMENT, amount: 12}]}
                """);
        AlmaResponse unknownType = sim.client.attemptToLoadPopulation("""
                users: [{primary_id: u1, account_type: {value: INTERNAL}}]
                fees:
                  - {user: u1, type: OVERDUEFINE, amount: 10, transactions: [{type: REFUND, amount: 1}]}
                """);

        assertThat(statuses.status()).isEqualTo(400);
        assertThat(statuses.body()).contains("UserStatuses").contains("UserGroups");
        assertThat(overpaid.status()).isEqualTo(400);
        assertThat(overpaid.body()).contains("at most the fee's");
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.body()).contains("FineFeeTransactionTypes").contains("REFUND");
        assertThat(digest()).as("nothing of any document, code tables included").isEqualTo(before);
        assertThat(sim.client
                        .getJson("/almaws/v1/conf/code-tables/FineFeeTypes", Map.of())
                        .json()
                        .toString())
                .doesNotContain("LOCKER");
    }

    @Test
    void holdRequestsLoadOnItemsOfTheDocumentAndAreListedAsAlmaListsThem() {
        sim.reset();
        sim.client.loadPopulation("""
                items:
                  - {barcode: "B-1", title: A book}
                  - {barcode: "B-2", title: Another book}
                users:
                  - {primary_id: borrower, account_type: {value: INTERNAL}}
                  - {primary_id: waiter, account_type: {value: INTERNAL}}
                loans:
                  - {user: borrower, barcode: "B-1"}
                requests:
                  - {user: waiter, barcode: "B-1", created: 2024-07-20, last_interest_date: 2024-12-31}
                  - {user: waiter, barcode: "B-2", status: ON_HOLD_SHELF, pickup: SCIENCE}
                """);

        JsonNode listed = sim.client
                .getJson("/almaws/v1/users/waiter/requests", Map.of())
                .isOk()
                .json();
        assertThat(listed.path("total_record_count").asInt()).isEqualTo(2);
        JsonNode waiting = listed.path("user_request").path(0);
        assertThat(waiting.path("barcode").asText()).isEqualTo("B-1");
        assertThat(waiting.path("request_status").asText())
                .as("the item is on loan, so the request waits for it")
                .isEqualTo("NOT_STARTED");
        assertThat(waiting.path("request_date").asText()).startsWith("2024-07-20");
        JsonNode onShelf = listed.path("user_request").path(1);
        assertThat(onShelf.path("request_status").asText()).isEqualTo("ON_HOLD_SHELF");
        assertThat(onShelf.path("pickup_location_library").asText()).isEqualTo("SCIENCE");
        assertThat(sim.client
                        .getJson("/almaws/v1/users/waiter", Map.of("expand", "requests"))
                        .json()
                        .path("requests")
                        .path("value")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void aRequestOnAnItemNobodyHasOrWithAnotherStatusIsRefusedAndNothingIsLoaded() {
        sim.reset();
        JsonNode before = digest();

        AlmaResponse noItem = sim.client.attemptToLoadPopulation("""
                users: [{primary_id: u1, account_type: {value: INTERNAL}}]
                requests: [{user: u1, barcode: "NOPE"}]
                """);
        AlmaResponse badStatus = sim.client.attemptToLoadPopulation("""
                items: [{barcode: "B-1", title: A book}]
                users: [{primary_id: u1, account_type: {value: INTERNAL}}]
                requests: [{user: u1, barcode: "B-1", status: LOST_IN_SPACE}]
                """);

        assertThat(noItem.body()).contains("requests[0]").contains("NOPE");
        assertThat(badStatus.body()).contains("requests[0]").contains("ON_HOLD_SHELF");
        assertThat(digest()).isEqualTo(before);
    }

    @Test
    void aCodeTableHoldsABoundedNumberOfCodes() {
        sim.reset();
        StringBuilder groups = new StringBuilder("user_groups:\n");
        for (int i = 0; i <= PopulationService.MAX_CODES_PER_TABLE; i++) {
            groups.append("  - {code: G").append(i).append("}\n");
        }

        AlmaResponse tooMany = sim.client.attemptToLoadPopulation(groups.toString());

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("UserGroups").contains("at most " + PopulationService.MAX_CODES_PER_TABLE);
        assertThat(sim.client
                        .getJson("/almaws/v1/conf/code-tables/UserGroups", Map.of())
                        .json()
                        .toString())
                .doesNotContain("G1");
    }
}

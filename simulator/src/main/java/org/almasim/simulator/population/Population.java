package org.almasim.simulator.population;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.almasim.simulator.users.User;

/**
 * A population document (docs/population.md): code table additions, items, users in Alma's own JSON shape,
 * and the loans and fees that hang on them. Users are referred to by primary id, items by barcode.
 */
public record Population(
        @JsonProperty("today") LocalDate today,
        @JsonProperty("user_groups") List<CodeSpec> userGroups,
        @JsonProperty("identifier_types") List<CodeSpec> identifierTypes,
        @JsonProperty("libraries") List<CodeSpec> libraries,
        @JsonProperty("code_tables") Map<String, List<CodeSpec>> codeTables,
        @JsonProperty("items") List<ItemSpec> items,
        @JsonProperty("users") List<User> users,
        @JsonProperty("loans") List<LoanSpec> loans,
        @JsonProperty("fees") List<FeeSpec> fees,
        @JsonProperty("requests") List<RequestSpec> requests,
        @JsonProperty("blockers") List<BlockerSpec> blockers,
        @JsonProperty("featured") List<String> featured,
        @JsonProperty("sets") List<SetSpec> sets,
        @JsonProperty("job_ids") Map<String, String> jobIds) {

    public Population {
        userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
        identifierTypes = identifierTypes == null ? List.of() : List.copyOf(identifierTypes);
        sets = sets == null ? List.of() : List.copyOf(sets);
        jobIds = jobIds == null ? Map.of() : Map.copyOf(jobIds);
        libraries = libraries == null ? List.of() : List.copyOf(libraries);
        codeTables = codeTables == null ? Map.of() : Map.copyOf(codeTables);
        items = items == null ? List.of() : List.copyOf(items);
        users = users == null ? List.of() : List.copyOf(users);
        loans = loans == null ? List.of() : List.copyOf(loans);
        fees = fees == null ? List.of() : List.copyOf(fees);
        requests = requests == null ? List.of() : List.copyOf(requests);
        blockers = blockers == null ? List.of() : List.copyOf(blockers);
        featured = featured == null ? null : List.copyOf(featured);
    }

    /** The patrons the trainer console lists first: those {@code featured} names, or else every user of the document. */
    public List<String> featuredIds() {
        return featured != null
                ? featured
                : users.stream().map(User::primaryId).filter(Objects::nonNull).toList();
    }

    public record CodeSpec(
            @JsonProperty("code") String code,
            @JsonProperty("description") String description) {}

    /** An item with its bib and holding; their ids are new Alma-like ones unless given (items of one bib share its ids). */
    public record ItemSpec(
            @JsonProperty("barcode") String barcode,
            @JsonProperty("title") String title,
            @JsonProperty("author") String author,
            @JsonProperty("publication_year") String publicationYear,
            @JsonProperty("library") String library,
            @JsonProperty("location") String location,
            @JsonProperty("call_number") String callNumber,
            @JsonProperty("description") String description,
            @JsonProperty("mms_id") String mmsId,
            @JsonProperty("holding_id") String holdingId,
            @JsonProperty("item_pid") String itemPid) {}

    /** A set of users: itemized with {@code members} (primary ids) or logical with a {@code query}; a new id unless given. */
    public record SetSpec(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("type") String type,
            @JsonProperty("description") String description,
            @JsonProperty("query") String query,
            @JsonProperty("members") List<String> members) {}

    /** An active loan, or a complete one when {@code returned} is given. */
    public record LoanSpec(
            @JsonProperty("user") String user,
            @JsonProperty("barcode") String barcode,
            @JsonProperty("loan_date") LocalDate loanDate,
            @JsonProperty("due_date") LocalDate dueDate,
            @JsonProperty("returned") LocalDate returned) {}

    /** A fee of {@code amount} of which {@code balance} is still owed (all of it when absent). */
    public record FeeSpec(
            @JsonProperty("user") String user,
            @JsonProperty("type") String type,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("balance") BigDecimal balance,
            @JsonProperty("status") String status,
            @JsonProperty("owner") String owner,
            @JsonProperty("comment") String comment,
            @JsonProperty("created") LocalDate created,
            @JsonProperty("transactions") List<TransactionSpec> transactions) {
        public FeeSpec {
            transactions = transactions == null ? List.of() : List.copyOf(transactions);
        }
    }

    /** What was done to a fee (a payment, a waiver...), as Alma lists a fee's transactions. */
    public record TransactionSpec(
            @JsonProperty("type") String type,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("method") String method,
            @JsonProperty("reason") String reason,
            @JsonProperty("date") LocalDate date) {}

    /** A hold request of a user on an item (by barcode). */
    public record RequestSpec(
            @JsonProperty("user") String user,
            @JsonProperty("barcode") String barcode,
            @JsonProperty("status") String status,
            @JsonProperty("pickup") String pickup,
            @JsonProperty("created") LocalDate created,
            @JsonProperty("last_interest_date") LocalDate lastInterestDate) {}

    /** Something else that stops the user's deletion (docs/population.md lists the kinds). */
    public record BlockerSpec(
            @JsonProperty("user") String user,
            @JsonProperty("kind") String kind,
            @JsonProperty("detail") String detail) {}

    /** What a load added, as {@code POST /almasim/v1/population} answers it. */
    public record Loaded(
            @JsonProperty("users") int users,
            @JsonProperty("items") int items,
            @JsonProperty("loans") int loans,
            @JsonProperty("fees") int fees,
            @JsonProperty("today") String today) {
        public Loaded plus(Loaded other) {
            return new Loaded(
                    users + other.users, items + other.items, loans + other.loans, fees + other.fees, other.today);
        }
    }
}

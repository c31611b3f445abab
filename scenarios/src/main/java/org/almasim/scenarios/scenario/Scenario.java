package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.consortium.Consortium;
import org.almasim.scenarios.scenario.TimelineAction.AddToSet;
import org.almasim.scenarios.scenario.TimelineAction.Advance;
import org.almasim.scenarios.scenario.TimelineAction.AdvanceTo;
import org.almasim.scenarios.scenario.TimelineAction.Checkout;
import org.almasim.scenarios.scenario.TimelineAction.Faults;
import org.almasim.scenarios.scenario.TimelineAction.Fine;
import org.almasim.scenarios.scenario.TimelineAction.Pay;
import org.almasim.scenarios.scenario.TimelineAction.Payment;
import org.almasim.scenarios.scenario.TimelineAction.Reinstate;
import org.almasim.scenarios.scenario.TimelineAction.RemoveFromSet;
import org.almasim.scenarios.scenario.TimelineAction.Return;
import org.almasim.scenarios.scenario.TimelineAction.RunStage;
import org.almasim.scenarios.scenario.TimelineAction.SetChange;
import org.almasim.scenarios.scenario.TimelineAction.SisLoad;
import org.almasim.scenarios.scenario.TimelineAction.Waive;

/**
 * A scenario file (docs/scenarios.md): where the clock starts, the institution's settings, who is in the library, the
 * policies in force, and a timeline of steps, each with the expectations to check after it.
 */
public record Scenario(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("start") LocalDate start,
        @JsonProperty("settings") Map<String, Object> settings,
        @JsonProperty("policies") List<JsonNode> policies,
        @JsonProperty("patron_defaults") ObjectNode patronDefaults,
        @JsonProperty("snapshot") String snapshot,
        @JsonProperty("population") ObjectNode population,
        @JsonProperty("cohorts") List<Cohort> cohorts,
        @JsonProperty("sets") List<NamedSet> sets,
        @JsonProperty("members") List<Member> members,
        @JsonProperty("timeline") List<Step> timeline) {

    public Scenario {
        members = members == null ? List.of() : List.copyOf(members);
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        policies = policies == null ? List.of() : List.copyOf(policies);
        cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
        sets = sets == null ? List.of() : List.copyOf(sets);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /**
     * How steps name each policy: a shipped policy or file by what the scenario calls it, a policy written inline in
     * the scenario by its {@code name}.
     */
    public List<String> policyNames() {
        return policies.stream()
                .map(p -> p.isTextual() ? p.asText() : p.path("name").asText())
                .toList();
    }

    /**
     * A member of a consortium scenario: an institution of its own holding the scenario's population, cohorts and sets,
     * then its own; its settings over the scenario's; the scenario's policies with its exceptions (docs/consortium.md).
     */
    public record Member(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("settings") Map<String, Object> settings,
            @JsonProperty("snapshot") String snapshot,
            @JsonProperty("population") ObjectNode population,
            @JsonProperty("cohorts") List<Cohort> cohorts,
            @JsonProperty("sets") List<NamedSet> sets,
            @JsonProperty("protect_sets") List<String> protectSets,
            @JsonProperty("protect_user_groups") List<String> protectUserGroups,
            @JsonProperty("ill_group_descriptions") List<String> illGroupDescriptions,
            @JsonProperty("coordinators") List<String> coordinators) {
        public Member {
            name = name == null || name.isBlank() ? code : name;
            settings = settings == null ? Map.of() : Map.copyOf(settings);
            cohorts = cohorts == null ? List.of() : List.copyOf(cohorts);
            sets = sets == null ? List.of() : List.copyOf(sets);
        }

        /** The member as the engine's consortium runs know it: its exceptions to the shared policy. */
        public Consortium.Member asConsortiumMember() {
            return asConsortiumMember(null, null);
        }

        /** The same, reached at {@code almaUrl} with the key in the environment variable {@code apiKeyEnv}. */
        public Consortium.Member asConsortiumMember(String almaUrl, String apiKeyEnv) {
            return new Consortium.Member(
                    code,
                    name,
                    almaUrl,
                    apiKeyEnv,
                    null,
                    protectSets,
                    protectUserGroups,
                    illGroupDescriptions,
                    coordinators);
        }
    }

    /**
     * Generated patrons: {@code count} users of a group whose expiry dates are spread evenly between two dates, a share
     * of them with an open fine or an active loan. The same cohort always gives the same patrons.
     */
    public record Cohort(
            @JsonProperty("prefix") String prefix,
            @JsonProperty("count") int count,
            @JsonProperty("user_group") String userGroup,
            @JsonProperty("account_type") String accountType,
            @JsonProperty("expiry_from") LocalDate expiryFrom,
            @JsonProperty("expiry_to") LocalDate expiryTo,
            @JsonProperty("purge_date") String purgeDate,
            @JsonProperty("with_fines") BigDecimal withFines,
            @JsonProperty("fine_amount") BigDecimal fineAmount,
            @JsonProperty("with_loans") BigDecimal withLoans,
            @JsonProperty("seed") Long seed) {}

    /**
     * A set of users by name: itemized with its {@code members}, or logical with a {@code query} (docs/sets.md), such as
     * a policy's protected set or the logical set that holds a stage's candidates.
     */
    public record NamedSet(
            @JsonProperty("name") String name,
            @JsonProperty("members") List<String> members,
            @JsonProperty("query") String query) {
        public NamedSet {
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /**
     * One step of the timeline: at most one action, an optional line for the narration, and expectations checked after
     * the action.
     */
    public record Step(
            @JsonProperty("say") String say,
            @JsonProperty("advance_to") LocalDate advanceTo,
            @JsonProperty("advance") Period advance,
            @JsonProperty("run") RunStage run,
            @JsonProperty("sis_load") SisLoad sisLoad,
            @JsonProperty("checkout") Checkout checkout,
            @JsonProperty("return") Return giveBack,
            @JsonProperty("fine") Fine fine,
            @JsonProperty("pay") Payment pay,
            @JsonProperty("waive") Payment waive,
            @JsonProperty("reinstate") Reinstate reinstate,
            @JsonProperty("add_to_set") SetChange addToSet,
            @JsonProperty("remove_from_set") SetChange removeFromSet,
            @JsonProperty("faults") List<JsonNode> faults,
            @JsonProperty("member") String member,
            @JsonProperty("expect") List<Expectation> expect) {

        public Step {
            expect = expect == null ? List.of() : List.copyOf(expect);
        }

        /** The names of the actions this step has (a valid step has one at most). */
        public List<String> actions() {
            return List.copyOf(named().keySet());
        }

        /** What the step does, if anything: its one action. */
        public Optional<TimelineAction> action() {
            return named().values().stream().findFirst();
        }

        /** The step's actions by the names a scenario file gives them, in the file format's order. */
        private Map<String, TimelineAction> named() {
            Map<String, TimelineAction> all = new LinkedHashMap<>();
            putIf(all, "advance_to", advanceTo == null ? null : new AdvanceTo(advanceTo));
            putIf(all, "advance", advance == null ? null : new Advance(advance));
            putIf(all, "run", run);
            putIf(all, "sis_load", sisLoad);
            putIf(all, "checkout", checkout);
            putIf(all, "return", giveBack);
            putIf(all, "fine", fine);
            putIf(all, "pay", pay == null ? null : new Pay(pay));
            putIf(all, "waive", waive == null ? null : new Waive(waive));
            putIf(all, "reinstate", reinstate);
            putIf(all, "add_to_set", addToSet == null ? null : new AddToSet(addToSet));
            putIf(all, "remove_from_set", removeFromSet == null ? null : new RemoveFromSet(removeFromSet));
            putIf(all, "faults", faults == null ? null : new Faults(faults));
            return all;
        }

        private static void putIf(Map<String, TimelineAction> all, String name, TimelineAction action) {
            if (action != null) {
                all.put(name, action);
            }
        }
    }

    /**
     * What must be true after a step: about one patron ({@code patron} with {@code exists}, {@code status}, dates,
     * group), about how many patrons there are ({@code count}, optionally of a {@code status} or {@code user_group}),
     * or about the last run of a policy ({@code last_run}).
     */
    public record Expectation(
            @JsonProperty("member") String member,
            @JsonProperty("patron") String patron,
            @JsonProperty("exists") Boolean exists,
            @JsonProperty("status") String status,
            @JsonProperty("expiry_date") LocalDate expiryDate,
            @JsonProperty("purge_date") LocalDate purgeDate,
            @JsonProperty("user_group") String userGroup,
            @JsonProperty("account_type") String accountType,
            @JsonProperty("count") Integer count,
            @JsonProperty("last_run") LastRun lastRun) {}

    /** Numbers of the last run of a policy (the first policy when none is named): the engine's report and Alma's job. */
    public record LastRun(
            @JsonProperty("policy") String policy,
            @JsonProperty("dates_fixed") Integer datesFixed,
            @JsonProperty("marked_inactive") Integer markedInactive,
            @JsonProperty("processed") Integer processed,
            @JsonProperty("purged") Integer purged,
            @JsonProperty("exceptions") Integer exceptions,
            @JsonProperty("held_back") Integer heldBack,
            @JsonProperty("exception_for") List<String> exceptionFor,
            @JsonProperty("differences") Integer differences) {}
}

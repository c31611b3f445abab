package org.almasim.scenarios.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * What a timeline step does. Sealed (its kinds are the records declared here), and performed through {@link Performer},
 * which has one method per action: a new action does not compile until every performer handles it.
 */
public sealed interface TimelineAction {
    void performWith(Performer performer);

    /** Does each kind of action. */
    public interface Performer {
        void advanceTo(AdvanceTo action);

        void advance(Advance action);

        void run(RunStage action);

        void sisLoad(SisLoad action);

        void checkout(Checkout action);

        void giveBack(Return action);

        void fine(Fine action);

        void pay(Pay action);

        void waive(Waive action);

        void reinstate(Reinstate action);

        void addToSet(AddToSet action);

        void removeFromSet(RemoveFromSet action);

        void faults(Faults action);
    }

    public record AdvanceTo(LocalDate date) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.advanceTo(this);
        }
    }

    public record Advance(Period period) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.advance(this);
        }
    }

    public record Pay(Payment payment) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.pay(this);
        }
    }

    public record Waive(Payment payment) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.waive(this);
        }
    }

    public record AddToSet(SetChange change) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.addToSet(this);
        }
    }

    public record RemoveFromSet(SetChange change) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.removeFromSet(this);
        }
    }

    /**
     * The faults Alma's API meets from this step on, replacing any earlier ones (none: an empty list), each a rule as
     * the control plane takes it ({@code POST /almasim/v1/faults}, docs/testing.md).
     */
    public record Faults(List<JsonNode> rules) implements TimelineAction {
        public Faults {
            rules = List.copyOf(rules);
        }

        @Override
        public void performWith(Performer performer) {
            performer.faults(this);
        }
    }

    /** A policy's stages run by hand, today: every stage it has unless {@code stages} names some. */
    public record RunStage(
            @JsonProperty("policy") String policy,
            @JsonProperty("stages") List<String> stages,
            @JsonProperty("mode") String mode)
            implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.run(this);
        }

        public RunStage {
            stages = stages == null ? List.of() : List.copyOf(stages);
        }
    }

    /**
     * A student information system load: users as POST /users takes them, or a file of them beside the scenario; {@code
     * salt_file} pseudonymizes them as a copy of a library made under that salt was ({@code keep_ids} when the copy kept
     * primary ids).
     */
    public record SisLoad(
            @JsonProperty("file") String file,
            @JsonProperty("users") List<JsonNode> users,
            @JsonProperty("salt_file") String saltFileName,
            @JsonProperty("keep_ids") boolean keepIds)
            implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.sisLoad(this);
        }

        public SisLoad {
            users = users == null ? List.of() : List.copyOf(users);
        }

        public SisLoad(String file, List<JsonNode> users) {
            this(file, users, null, false);
        }

        public Optional<String> saltFile() {
            return Optional.ofNullable(saltFileName);
        }
    }

    public record Checkout(
            @JsonProperty("user") String user,
            @JsonProperty("barcode") String barcode) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.checkout(this);
        }
    }

    public record Return(
            @JsonProperty("user") String user,
            @JsonProperty("barcode") String barcode) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.giveBack(this);
        }
    }

    public record Fine(
            @JsonProperty("user") String user,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("type") String type)
            implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.fine(this);
        }
    }

    /** A payment or a waiver: of {@code amount}, or of everything the patron owes. */
    public record Payment(
            @JsonProperty("user") String user,
            @JsonProperty("amount") BigDecimal amount) {}

    public record Reinstate(
            @JsonProperty("policy") String policy,
            @JsonProperty("users") List<String> users) implements TimelineAction {
        @Override
        public void performWith(Performer performer) {
            performer.reinstate(this);
        }

        public Reinstate {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }

    public record SetChange(
            @JsonProperty("set") String set,
            @JsonProperty("users") List<String> users) {
        public SetChange {
            users = users == null ? List.of() : List.copyOf(users);
        }
    }
}

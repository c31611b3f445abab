package org.almasim.simulator.sets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.TextLimits;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.sets.SetRepository.StoredSet;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.store.Page;
import org.almasim.simulator.users.UserService;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Sets of users, itemized (members added by id) or logical (a query evaluated against the simulated clock every
 * time the set is read or used). Member changes apply whole or not at all.
 */
public final class SetService {
    /** almasim's bound on sets per institution (Alma's own is not published): far above any purge workflow's needs. */
    static final int MAX_SETS = 10_000;

    /** A set's description and note may run to 2,000 characters, its query to 4,000 (the query's own limit). */
    private static final Map<String, Integer> LONGER_TEXT = Map.of("description", 2000, "note", 2000, "query", 4000);

    public static final int MAX_MEMBERS_PER_CALL = 1000;

    private final DSLContext dsl;
    private final CodeTables codes;
    private final SimulatedClock clock;
    private final UserService users;
    private final SetMembership membership;
    private final SetViews views;

    /** {@code dataVersion} changes after every write (see {@code Database.version()}). */
    public SetService(
            DSLContext dsl, CodeTables codes, SimulatedClock clock, UserService users, LongSupplier dataVersion) {
        this.dsl = dsl;
        this.codes = codes;
        this.clock = clock;
        this.users = users;
        this.membership = new SetMembership(dsl, clock, dataVersion);
        this.views = new SetViews(codes);
    }

    public MemberList members(String id, Page page, AlmaLinks links) {
        return membership.members(id, page, links);
    }

    /** The users of a set as the clock stands now: what a job on the set works through. */
    public Map<Long, String> memberIds(DSLContext db, String id) {
        return membership.memberIds(db, id);
    }

    /** The names of the sets the user is in now: itemized sets holding them, logical sets whose query selects them today. */
    public List<String> setsOf(long userKey) {
        return membership.setsOf(userKey);
    }

    public SetList list(String contentType, String setType, String q, Page page, AlmaLinks links) {
        if (setType != null && !Set.of("ITEMIZED", "LOGICAL").contains(setType.toUpperCase(Locale.ROOT))) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("set_type must be ITEMIZED or LOGICAL.");
        }
        if (contentType != null && !contentType.equalsIgnoreCase("USER")) {
            return new SetList(List.of(), 0);
        }
        Condition filter =
                SetRepository.filter(setType == null ? null : setType.toUpperCase(Locale.ROOT), SetFields.nameWords(q));
        SetRepository sets = new SetRepository(dsl);
        List<AlmaSet> page1 = page.limit() == 0
                ? List.of()
                : sets.list(filter, page).stream()
                        .map(s -> views.set(s, membership.memberCount(sets, s), links))
                        .toList();
        return new SetList(page1, sets.count(filter));
    }

    public AlmaSet get(String id, AlmaLinks links) {
        SetRepository sets = new SetRepository(dsl);
        StoredSet set = find(sets, id);
        return views.set(set, membership.memberCount(sets, set), links);
    }

    public AlmaSet create(AlmaSet incoming, AlmaLinks links) {
        return create(incoming, Optional.empty(), links);
    }

    /**
     * Creates a set; with {@code fromLogicalSet} ({@code POST /conf/sets?from_logical_set=ID}), an itemized set that
     * holds the logical set's members as of today, as Alma's "save as itemized" does.
     */
    public AlmaSet create(AlmaSet incoming, Optional<String> fromLogicalSet, AlmaLinks links) {
        return dsl.transactionResult(tx -> createIn(tx.dsl(), incoming, Optional.empty(), fromLogicalSet, links));
    }

    /**
     * Creates a set inside the caller's transaction: a population document's sets load with its users or not at all,
     * with the ids a team's own tests expect ({@code givenId}; otherwise a new Alma-like id).
     */
    public AlmaSet createIn(
            DSLContext tx,
            AlmaSet incoming,
            Optional<String> givenId,
            Optional<String> fromLogicalSet,
            AlmaLinks links) {
        TextLimits.check(incoming, LONGER_TEXT);
        String name = SetFields.required(incoming.name(), "name");
        String type = SetFields.required(incoming.type(), "type").value().toUpperCase(Locale.ROOT);
        if (!type.equals("ITEMIZED") && !type.equals("LOGICAL")) {
            throw AlmaError.SET_TYPE_INVALID.refusal();
        }
        String content =
                SetFields.required(incoming.content(), "content").value().toUpperCase(Locale.ROOT);
        if (!content.equals("USER")) {
            throw AlmaError.SET_NOT_CREATED.refusal("almasim holds sets of users (content USER) only.");
        }
        String query = type.equals("LOGICAL") ? SetFields.checkedQuery(incoming.query()) : null;
        if (type.equals("ITEMIZED") && incoming.query() != null) {
            throw AlmaError.SET_OBJECT_INVALID.refusal("an itemized set has no query.");
        }
        SetRepository sets = new SetRepository(tx);
        if (sets.nameTaken(name, "")) {
            throw nameExists();
        }
        if (givenId.isPresent()
                && (givenId.get().isBlank()
                        || givenId.get().length() > 32
                        || sets.find(givenId.get()).isPresent())) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal(
                    "A set id must be new and at most 32 characters: " + givenId.get() + ".");
        }
        if (sets.count(DSL.noCondition()) >= MAX_SETS) {
            throw AlmaError.PARAMETER_NOT_VALID.refusal("The institution already has " + MAX_SETS
                    + " sets, as many as almasim keeps; delete sets it no longer needs first.");
        }
        Instant now = clock.now();
        StoredSet set = new StoredSet(
                givenId.orElseGet(() -> AlmaIds.next(tx)),
                name,
                incoming.description(),
                type,
                SetFields.privacy(incoming.isPrivate(), true),
                SetFields.status(incoming.status(), "ACTIVE"),
                now,
                incoming.note(),
                now,
                query);
        sets.insert(set);
        if (incoming.members() != null && !incoming.members().member().isEmpty()) {
            if (set.logical()) {
                throw AlmaError.SET_TYPE_MISMATCH.refusal("a logical set's members come from its query.");
            }
            sets.addMembers(set.id(), resolveMembers(tx, incoming.members(), null, true));
        }
        if (fromLogicalSet.isPresent()) {
            StoredSet source = find(sets, fromLogicalSet.get());
            if (!source.logical() || set.logical()) {
                throw AlmaError.SET_TYPE_MISMATCH.refusal("from_logical_set makes an ITEMIZED set from a LOGICAL one.");
            }
            sets.copyMembers(set.id(), membership.logicalCondition(source));
        }
        return views.set(set, sets.memberCount(set, membership.logicalCondition(set)), links);
    }

    public AlmaSet update(String id, AlmaSet incoming, AlmaLinks links) {
        TextLimits.check(incoming, LONGER_TEXT);
        String name = SetFields.required(incoming.name(), "name");
        return dsl.transactionResult(tx -> {
            SetRepository sets = new SetRepository(tx.dsl());
            StoredSet existing = sets.findForUpdate(id).orElseThrow(() -> invalidSet(id));
            if (incoming.type() != null && !incoming.type().value().equalsIgnoreCase(existing.type())
                    || incoming.content() != null && !incoming.content().value().equalsIgnoreCase("USER")) {
                throw AlmaError.SET_OBJECT_INVALID.refusal("a set's type and content cannot change.");
            }
            if (sets.nameTaken(name, id)) {
                throw nameExists();
            }
            String query = existing.logical() ? SetFields.checkedQuery(incoming.query()) : null;
            String status = SetFields.status(incoming.status(), existing.status());
            StoredSet updated = new StoredSet(
                    id,
                    name,
                    incoming.description(),
                    existing.type(),
                    SetFields.privacy(incoming.isPrivate(), existing.isPrivate()),
                    status,
                    status.equals(existing.status()) ? existing.statusDate() : clock.now(),
                    incoming.note(),
                    existing.createdDate(),
                    query);
            sets.update(updated);
            return views.set(updated, sets.memberCount(updated, membership.logicalCondition(updated)), links);
        });
    }

    public void delete(String id) {
        dsl.transaction(tx -> {
            SetRepository sets = new SetRepository(tx.dsl());
            sets.findForUpdate(id).orElseThrow(() -> AlmaError.SET_NOT_FOUND.refusal(id));
            sets.delete(id);
        });
    }

    /** {@code op=add_members|delete_members|replace_members}, at most 1000 members a call, with Alma's codes. */
    public AlmaSet manageMembers(
            String id, String op, String idType, boolean failOnInvalid, AlmaSet body, AlmaLinks links) {
        String operation = op == null ? "" : op.toLowerCase(Locale.ROOT);
        if (!Set.of("add_members", "delete_members", "replace_members").contains(operation)) {
            throw AlmaError.SET_OPERATION_INVALID.refusal();
        }
        AlmaSet.Members input = body == null ? null : body.members();
        if (input == null || input.member().isEmpty()) {
            if (!operation.equals("replace_members")) {
                throw AlmaError.NO_MEMBERS.refusal();
            }
            input = new AlmaSet.Members(List.of(), null);
        }
        if (input.member().size() > MAX_MEMBERS_PER_CALL) {
            throw AlmaError.TOO_MANY_MEMBERS.refusal(MAX_MEMBERS_PER_CALL);
        }
        AlmaSet.Members members = input;
        return dsl.transactionResult(tx -> {
            SetRepository sets = new SetRepository(tx.dsl());
            StoredSet set = sets.findForUpdate(id).orElseThrow(() -> invalidSet(id));
            if (set.logical()) {
                throw AlmaError.SET_TYPE_MISMATCH.refusal("the members of a logical set come from its query.");
            }
            List<Long> keys = resolveMembers(tx.dsl(), members, idType, failOnInvalid);
            Set<Long> present = keys.isEmpty() ? Set.of() : sets.itemizedMembersAmong(id, keys);
            switch (operation) {
                case "add_members" -> {
                    if (!present.isEmpty()) {
                        throw AlmaError.MEMBER_ALREADY_IN_SET.refusal();
                    }
                    sets.addMembers(id, keys);
                }
                case "delete_members" -> {
                    if (present.size() != keys.size()) {
                        throw AlmaError.MEMBER_NOT_IN_SET.refusal();
                    }
                    sets.removeMembers(id, keys);
                }
                default -> {
                    sets.removeAllMembers(id);
                    sets.addMembers(id, keys);
                }
            }
            return views.set(set, sets.memberCount(set, DSL.noCondition()), links);
        });
    }

    /** Members' ids to user keys; unknown ids are refused (60116) unless {@code fail_on_invalid_id=false} skips them. */
    private List<Long> resolveMembers(DSLContext db, AlmaSet.Members members, String idType, boolean failOnInvalid) {
        Set<String> seen = new HashSet<>();
        for (AlmaSet.Member member : members.member()) {
            if (member.id() == null) {
                throw AlmaError.NO_MEMBER_ID.refusal();
            }
            if (!seen.add(member.id().toLowerCase(Locale.ROOT))) {
                throw AlmaError.DUPLICATE_MEMBER.refusal(member.id());
            }
        }
        // One query per chunk of ids, not one per member: a set is filled a thousand members a call.
        Map<String, Long> found = users.findKeys(
                db, members.member().stream().map(AlmaSet.Member::id).toList(), idType);
        Set<Long> keys = new LinkedHashSet<>();
        for (AlmaSet.Member member : members.member()) {
            Long key = found.get(UserService.foldId(member.id()));
            if (key == null) {
                if (failOnInvalid) {
                    throw (idType == null ? AlmaError.MEMBER_NOT_VALID : AlmaError.MEMBER_IDENTIFIER_NOT_VALID)
                            .refusal(member.id());
                }
                continue;
            }
            if (!keys.add(key)) {
                throw AlmaError.DUPLICATE_MEMBER.refusal(member.id() + " names a user twice");
            }
        }
        return new ArrayList<>(keys);
    }

    /** What is wrong with a logical set's stored query (a snapshot's), if anything. */
    public static Optional<String> queryProblem(String text) {
        try {
            SetQueryParser.parse(text);
            return Optional.empty();
        } catch (AlmaRefusal e) {
            return Optional.of(e.getMessage());
        }
    }

    static StoredSet find(SetRepository sets, String id) {
        return sets.find(id).orElseThrow(() -> invalidSet(id));
    }

    private static AlmaRefusal invalidSet(String id) {
        return AlmaError.SET_ID_INVALID.refusal(id);
    }

    private static AlmaRefusal nameExists() {
        return AlmaError.SET_NAME_EXISTS.refusal();
    }
}

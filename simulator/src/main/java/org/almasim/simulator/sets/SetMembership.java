package org.almasim.simulator.sets;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.links.AlmaLinks;
import org.almasim.simulator.sets.SetRepository.MemberRow;
import org.almasim.simulator.sets.SetRepository.StoredSet;
import org.almasim.simulator.store.KeptUntilWrite;
import org.almasim.simulator.store.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who is in a set as the clock stands: an itemized set's members as they were added, a logical set's as its query
 * selects them on the simulated day (kept until the next write or the next day).
 */
final class SetMembership {
    private final DSLContext dsl;
    private final SimulatedClock clock;
    /** Logical sets' members as their queries selected them on a simulated day. */
    private final KeptUntilWrite<SetOnDay, List<MemberRow>> evaluated;

    private record SetOnDay(String setId, LocalDate day) {}

    /** {@code dataVersion} changes after every write (see {@code Database.version()}). */
    SetMembership(DSLContext dsl, SimulatedClock clock, LongSupplier dataVersion) {
        this.dsl = dsl;
        this.clock = clock;
        this.evaluated = new KeptUntilWrite<>(dataVersion, 64);
    }

    MemberList members(String id, Page page, AlmaLinks links) {
        SetRepository sets = new SetRepository(dsl);
        StoredSet set = SetService.find(sets, id);
        List<MemberRow> rows;
        int total;
        if (set.logical()) {
            List<MemberRow> all = logicalMembers(sets, set);
            rows = all.subList(Math.min(all.size(), page.offset()), Math.min(all.size(), page.offset() + page.limit()));
            total = all.size();
        } else {
            rows = page.limit() == 0 ? List.of() : sets.members(set, DSL.noCondition(), page);
            total = sets.memberCount(set, DSL.noCondition());
        }
        List<AlmaSet.Member> members = rows.stream()
                .map(m -> new AlmaSet.Member(
                        links.user(m.primaryId()),
                        m.primaryId(),
                        Stream.of(m.firstName(), m.lastName())
                                .filter(s -> s != null)
                                .collect(Collectors.joining(" "))))
                .toList();
        return new MemberList(members, total);
    }

    /**
     * A logical set's members, evaluated once for as long as nothing is written and the day stays the same: a client
     * reading a set a page at a time would otherwise have the query run, and its members counted, for every page.
     */
    List<MemberRow> logicalMembers(SetRepository sets, StoredSet set) {
        return evaluated.get(
                new SetOnDay(set.id(), clock.today()),
                () -> List.copyOf(sets.allLogicalMembers(logicalCondition(set))));
    }

    int memberCount(SetRepository sets, StoredSet set) {
        return set.logical() ? logicalMembers(sets, set).size() : sets.memberCount(set, DSL.noCondition());
    }

    /** The users of a set as the clock stands now: what a job on the set works through. */
    Map<Long, String> memberIds(DSLContext db, String id) {
        SetRepository sets = new SetRepository(db);
        StoredSet set = SetService.find(sets, id);
        return sets.memberIds(set, logicalCondition(set));
    }

    /** The names of the sets the user is in now: itemized sets holding them, logical sets whose query selects them today. */
    List<String> setsOf(long userKey) {
        SetRepository sets = new SetRepository(dsl);
        return sets.all().stream()
                .filter(set -> sets.holds(set, logicalCondition(set), userKey))
                .map(StoredSet::name)
                .toList();
    }

    /** Who a set holds today: a logical set's query on the simulated day, nothing more for an itemized one. */
    Condition logicalCondition(StoredSet set) {
        return set.logical()
                ? SetQuerySql.condition(SetQueryParser.parse(set.query()), clock.today())
                : DSL.noCondition();
    }
}

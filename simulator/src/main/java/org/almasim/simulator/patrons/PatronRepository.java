package org.almasim.simulator.patrons;

import static org.almasim.simulator.db.Tables.FEE;
import static org.almasim.simulator.db.Tables.JOB_LOCK;
import static org.almasim.simulator.db.Tables.LOAN;
import static org.almasim.simulator.db.Tables.PATRON;
import static org.almasim.simulator.db.Tables.PATRON_BLOCKER;
import static org.almasim.simulator.db.Tables.RS_REQUEST;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.almasim.simulator.deletion.BlockerKind;
import org.almasim.simulator.deletion.DeletionBlockers;
import org.almasim.simulator.deletion.PatronActivity;
import org.almasim.simulator.jobs.PurgeParameters;
import org.almasim.simulator.store.Page;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The console's reads of the patron table: a filtered page, featured patrons first, each group in natural primary-id order (2 before 10), its count, and counts by status. */
final class PatronRepository {
    private final DSLContext db;

    PatronRepository(DSLContext db) {
        this.db = db;
    }

    List<PatronRow> page(Condition filter, Page page) {
        return db.select(
                        PATRON.PRIMARY_ID,
                        PATRON.FIRST_NAME,
                        PATRON.LAST_NAME,
                        PATRON.STATUS,
                        PATRON.USER_GROUP,
                        PATRON.ACCOUNT_TYPE,
                        PATRON.EXPIRY_DATE,
                        PATRON.PURGE_DATE)
                .from(PATRON)
                .where(filter)
                .orderBy(PATRON.FEATURED.desc(), PATRON.PRIMARY_ID_NATURAL)
                .limit(page.limit())
                .offset(page.offset())
                .fetch(r -> new PatronRow(
                        r.value1(),
                        Stream.of(r.value2(), r.value3())
                                .filter(s -> s != null && !s.isBlank())
                                .collect(Collectors.joining(" ")),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        PatronRow.day(r.value7()),
                        PatronRow.day(r.value8())));
    }

    int count(Condition filter) {
        return db.fetchCount(PATRON, filter);
    }

    Map<String, Integer> countsByStatus() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        db.select(PATRON.STATUS, DSL.count())
                .from(PATRON)
                .groupBy(PATRON.STATUS)
                .orderBy(PATRON.STATUS)
                .forEach(r -> counts.put(r.value1(), r.value2()));
        return counts;
    }

    static Condition condition(PatronFilter filter, LocalDate today, boolean researchEnabled) {
        Condition condition = DSL.noCondition();
        if (filter.words().isPresent()) {
            for (String word : filter.words().get().toLowerCase(Locale.ROOT).split("\\s+")) {
                String like = "%" + word.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
                condition = condition.and(PATRON.PRIMARY_ID_FOLD
                        .like(like, '!')
                        .or(DSL.lower(PATRON.FIRST_NAME).like(like, '!'))
                        .or(DSL.lower(PATRON.LAST_NAME).like(like, '!')));
            }
        }
        condition = filter.status().map(PATRON.STATUS::eq).map(condition::and).orElse(condition);
        condition = filter.userGroup()
                .map(PATRON.USER_GROUP::eq)
                .map(condition::and)
                .orElse(condition);
        condition = filter.accountType()
                .map(PATRON.ACCOUNT_TYPE::eq)
                .map(condition::and)
                .orElse(condition);
        if (filter.expiredSince().isPresent()) {
            condition = condition
                    .and(PATRON.EXPIRY_DATE.ge(filter.expiredSince().get()))
                    .and(PATRON.EXPIRY_DATE.lt(today));
        }
        if (filter.hasBlockers().isPresent()) {
            Condition blocked = blocked(researchEnabled);
            condition = condition.and(filter.hasBlockers().get() ? blocked : DSL.not(blocked));
        }
        if (filter.purgeJobToday().isPresent()) {
            // The job's own candidate condition, and what stops a deletion, as the patron page's verdict has them.
            Condition candidate = PurgeParameters.DEFAULTS.candidates(today);
            Condition blocked = blocked(researchEnabled);
            condition = condition.and(
                    switch (filter.purgeJobToday().get()) {
                        case NOT_A_CANDIDATE -> DSL.not(candidate).or(PATRON.PURGE_DATE.isNull());
                        case REFUSED -> candidate.and(blocked);
                        case DELETED -> candidate.and(DSL.not(blocked));
                    });
        }
        return condition;
    }

    /** What stops a deletion: loans, a balance, blockers kept as data, a running job's hold ({@code DeletionBlockers}). */
    private static Condition blocked(boolean researchEnabled) {
        List<String> kinds = Arrays.stream(BlockerKind.values())
                .filter(k -> researchEnabled || !k.needsResearch())
                .map(Enum::name)
                .toList();
        return DSL.exists(DSL.selectOne()
                        .from(LOAN)
                        .where(LOAN.USER_KEY.eq(PATRON.USER_KEY).and(LOAN.LOAN_STATUS.eq("ACTIVE"))))
                .or(DSL.field(DSL.select(DSL.coalesce(DSL.sum(FEE.BALANCE), BigDecimal.ZERO))
                                .from(FEE)
                                .where(FEE.USER_KEY
                                        .eq(PATRON.USER_KEY)
                                        .and(FEE.STATUS.in(PatronActivity.OPEN_FEE_STATUSES))))
                        .gt(BigDecimal.ZERO))
                .or(DSL.exists(DSL.selectOne()
                        .from(PATRON_BLOCKER)
                        .where(PATRON_BLOCKER.USER_KEY.eq(PATRON.USER_KEY).and(PATRON_BLOCKER.KIND.in(kinds)))))
                .or(DSL.exists(DSL.selectOne()
                        .from(RS_REQUEST)
                        .where(RS_REQUEST
                                .USER_KEY
                                .eq(PATRON.USER_KEY)
                                .and(RS_REQUEST.ACTIVE.isTrue())
                                .and(RS_REQUEST.REQUEST_STATUS.eq(DeletionBlockers.ON_HOLD_SHELF)))))
                .or(DSL.exists(DSL.selectOne().from(JOB_LOCK).where(JOB_LOCK.USER_KEY.eq(PATRON.USER_KEY))));
    }
}

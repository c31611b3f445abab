package org.almasim.simulator.blockers;

import static org.almasim.simulator.db.Tables.PATRON_BLOCKER;

import java.util.List;
import org.almasim.simulator.deletion.BlockerKind;
import org.jooq.DSLContext;

/** Blockers kept as data, in H2 through jOOQ only. */
public final class BlockerRepository {
    private final DSLContext db;

    public BlockerRepository(DSLContext db) {
        this.db = db;
    }

    /** A blocker kept on a user: its kind and an optional detail (a PO line number, a grant's name...). */
    public record StoredBlocker(BlockerKind kind, String detail) {}

    public List<StoredBlocker> of(long userKey) {
        return db.select(PATRON_BLOCKER.KIND, PATRON_BLOCKER.DETAIL)
                .from(PATRON_BLOCKER)
                .where(PATRON_BLOCKER.USER_KEY.eq(userKey))
                .orderBy(PATRON_BLOCKER.BLOCKER_ID)
                .fetch(r -> new StoredBlocker(BlockerKind.valueOf(r.value1()), r.value2()));
    }

    public void replace(long userKey, List<StoredBlocker> blockers) {
        db.deleteFrom(PATRON_BLOCKER).where(PATRON_BLOCKER.USER_KEY.eq(userKey)).execute();
        addAll(List.of(userKey), List.of(blockers));
    }

    /** Adds each user's blockers: {@code blockers.get(i)} belong to {@code userKeys.get(i)}. */
    public void addAll(List<Long> userKeys, List<List<StoredBlocker>> blockers) {
        var batch = db.batch(
                db.insertInto(PATRON_BLOCKER, PATRON_BLOCKER.USER_KEY, PATRON_BLOCKER.KIND, PATRON_BLOCKER.DETAIL)
                        .values((Long) null, null, null));
        boolean any = false;
        for (int i = 0; i < userKeys.size(); i++) {
            for (StoredBlocker b : blockers.get(i)) {
                batch = batch.bind(userKeys.get(i), b.kind().name(), b.detail());
                any = true;
            }
        }
        if (any) {
            batch.execute();
        }
    }
}

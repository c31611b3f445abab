package org.almasim.simulator.inventory;

import static org.almasim.simulator.db.Tables.BIB;
import static org.almasim.simulator.db.Tables.HOLDING;
import static org.almasim.simulator.db.Tables.ITEM;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.almasim.simulator.store.AlmaIds;
import org.almasim.simulator.store.BulkLookup;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/** The minimal inventory (bib, holding, item) in H2, through jOOQ only. */
public final class InventoryRepository {
    private final DSLContext db;

    public InventoryRepository(DSLContext db) {
        this.db = db;
    }

    public Optional<InventoryItem> itemByBarcode(String barcode) {
        return one(ITEM.BARCODE.eq(barcode));
    }

    public boolean bibExists(String mmsId) {
        return db.fetchExists(BIB, BIB.MMS_ID.eq(mmsId));
    }

    public boolean holdingExists(String holdingId) {
        return db.fetchExists(HOLDING, HOLDING.HOLDING_ID.eq(holdingId));
    }

    /** A title's first item, by item id: what a title-level request asks for. */
    public Optional<InventoryItem> firstItemOf(String mmsId) {
        return withTitles()
                .where(BIB.MMS_ID.eq(mmsId))
                .orderBy(ITEM.ITEM_PID)
                .limit(1)
                .fetchOptional(InventoryRepository::item);
    }

    public Optional<InventoryItem> itemByPid(String pid) {
        return one(ITEM.ITEM_PID.eq(pid));
    }

    /** Locks the item row until the transaction ends, so one item cannot be lent twice at once. */
    public Optional<InventoryItem> lockItem(String pid) {
        return withTitles().where(ITEM.ITEM_PID.eq(pid)).forUpdate().of(ITEM).fetchOptional(InventoryRepository::item);
    }

    /** Adds many items, each with a bib and holding of its own, as one JDBC batch per table. */
    public List<InventoryItem> addAll(List<InventoryItem> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<String> ids = AlmaIds.next(db, items.size());
        var bibs = db.batch(db.insertInto(BIB, BIB.MMS_ID, BIB.TITLE, BIB.AUTHOR, BIB.PUBLICATION_YEAR)
                .values((String) null, null, null, null));
        var holdings = db.batch(db.insertInto(
                        HOLDING,
                        HOLDING.HOLDING_ID,
                        HOLDING.MMS_ID,
                        HOLDING.LIBRARY,
                        HOLDING.LOCATION,
                        HOLDING.CALL_NUMBER)
                .values((String) null, null, null, null, null));
        var rows = db.batch(db.insertInto(ITEM, ITEM.ITEM_PID, ITEM.HOLDING_ID, ITEM.BARCODE, ITEM.DESCRIPTION)
                .values((String) null, null, null, null));
        List<InventoryItem> added = new ArrayList<>(items.size());
        // Ids a document gives are kept (items of one bib or holding share its id); the others are new Alma-like ones.
        Set<String> bibIds = new HashSet<>();
        Set<String> holdingIds = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            InventoryItem it = items.get(i);
            String id = ids.get(i);
            InventoryItem item = new InventoryItem(
                    it.itemPid() != null ? it.itemPid() : "23" + id,
                    it.holdingId() != null ? it.holdingId() : "22" + id,
                    it.mmsId() != null ? it.mmsId() : "99" + id,
                    it.barcode(),
                    it.title(),
                    it.author(),
                    it.publicationYear(),
                    it.library(),
                    it.location(),
                    it.callNumber(),
                    it.description());
            if (bibIds.add(item.mmsId())) {
                bibs = bibs.bind(item.mmsId(), item.title(), item.author(), item.publicationYear());
            }
            if (holdingIds.add(item.holdingId())) {
                holdings = holdings.bind(
                        item.holdingId(), item.mmsId(), item.library(), item.location(), item.callNumber());
            }
            rows = rows.bind(item.itemPid(), item.holdingId(), item.barcode(), item.description());
            added.add(item);
        }
        bibs.execute();
        holdings.execute();
        rows.execute();
        return added;
    }

    public Map<String, String> pidsByBarcode(Collection<String> barcodes) {
        if (barcodes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> pids = new HashMap<>();
        for (List<String> chunk : BulkLookup.chunks(barcodes)) {
            var lookup = BulkLookup.of(chunk);
            pids.putAll(db.select(ITEM.BARCODE, ITEM.ITEM_PID)
                    .from(lookup.table())
                    .join(ITEM)
                    .on(ITEM.BARCODE.eq(lookup.value()))
                    .fetchMap(ITEM.BARCODE, ITEM.ITEM_PID));
        }
        return pids;
    }

    public List<InventoryItem> itemsByPid(List<String> pids) {
        return withTitles().where(ITEM.ITEM_PID.in(pids)).fetch(InventoryRepository::item);
    }

    private Optional<InventoryItem> one(Condition condition) {
        return withTitles().where(condition).fetchOptional(InventoryRepository::item);
    }

    /** Items with their holdings and bibliographic records: what an {@link InventoryItem} is made from. */
    private SelectOnConditionStep<Record> withTitles() {
        return db.select()
                .from(ITEM)
                .join(HOLDING)
                .on(HOLDING.HOLDING_ID.eq(ITEM.HOLDING_ID))
                .join(BIB)
                .on(BIB.MMS_ID.eq(HOLDING.MMS_ID));
    }

    private static InventoryItem item(Record r) {
        return new InventoryItem(
                r.get(ITEM.ITEM_PID),
                r.get(ITEM.HOLDING_ID),
                r.get(BIB.MMS_ID),
                r.get(ITEM.BARCODE),
                r.get(BIB.TITLE),
                r.get(BIB.AUTHOR),
                r.get(BIB.PUBLICATION_YEAR),
                r.get(HOLDING.LIBRARY),
                r.get(HOLDING.LOCATION),
                r.get(HOLDING.CALL_NUMBER),
                r.get(ITEM.DESCRIPTION));
    }
}

package org.almasim.simulator.inventory;

/** A physical item with its holding and bibliographic record: all a loan needs to know about what is lent. */
public record InventoryItem(
        String itemPid,
        String holdingId,
        String mmsId,
        String barcode,
        String title,
        String author,
        String publicationYear,
        String library,
        String location,
        String callNumber,
        String description) {}

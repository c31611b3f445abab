package org.almasim.simulator.inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
        String description) {

    /** Where Alma links an item named by its barcode (a fee's {@code barcode.link}): the items API, which redirects to the item. */
    public static String linkByBarcode(String linkBase, String barcode) {
        return linkBase + "/almaws/v1/items?item_barcode=" + URLEncoder.encode(barcode, StandardCharsets.UTF_8);
    }
}

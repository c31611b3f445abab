package org.almasim.simulator.loans;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.inventory.InventoryItem;

/**
 * An item with its bib and holding, as Alma's rest_item: the answer to {@code GET .../items/{item_pid}} and to a
 * scan-in (which adds what the scan did).
 */
@JsonRootName("item")
@JsonPropertyOrder({"link", "bib_data", "holding_data", "item_data", "additional_info"})
public record ScanResult(
        @JsonProperty("link") String link,
        @JsonProperty("bib_data") BibData bibData,
        @JsonProperty("holding_data") HoldingData holdingData,
        @JsonProperty("item_data") ItemData itemData,
        @JsonProperty("additional_info") String additionalInfo) {

    public record BibData(@JsonProperty("mms_id") String mmsId, @JsonProperty("title") String title,
                          @JsonProperty("author") String author, @JsonProperty("date_of_publication") String dateOfPublication) {
    }

    public record HoldingData(@JsonProperty("holding_id") String holdingId, @JsonProperty("call_number") String callNumber) {
    }

    @JsonPropertyOrder({"pid", "barcode", "base_status", "process_type", "library", "location", "description"})
    public record ItemData(@JsonProperty("pid") String pid, @JsonProperty("barcode") String barcode,
                           @JsonProperty("base_status") Code baseStatus, @JsonProperty("process_type") Code processType,
                           @JsonProperty("library") Code library, @JsonProperty("location") Code location,
                           @JsonProperty("description") String description) {
    }

    /** The item as it is now: in place, or on loan (base status 0, process type LOAN). */
    static ScanResult of(InventoryItem item, boolean onLoan, CodeTables codes, String info, String linkBase) {
        String link = linkBase + "/almaws/v1/bibs/" + item.mmsId() + "/holdings/" + item.holdingId() + "/items/" + item.itemPid();
        return new ScanResult(link,
                new BibData(item.mmsId(), item.title(), item.author(), item.publicationYear()),
                new HoldingData(item.holdingId(), item.callNumber()),
                new ItemData(item.itemPid(), item.barcode(), onLoan ? new Code("0", "Item not in place") : new Code("1", "Item in place"),
                        onLoan ? new Code("LOAN", "Loan") : new Code("", ""), codes.code(CodeTables.LIBRARIES, item.library()),
                        Code.of(item.location()), item.description()),
                info);
    }
}

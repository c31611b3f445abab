package org.almasim.simulator.loans;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.inventory.InventoryItem;

/** The answer to a scan-in: the item with its bib and holding, as Alma's rest_item, and what the scan did. */
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

    @JsonPropertyOrder({"pid", "barcode", "base_status", "library", "location", "description"})
    public record ItemData(@JsonProperty("pid") String pid, @JsonProperty("barcode") String barcode,
                           @JsonProperty("base_status") Code baseStatus, @JsonProperty("library") Code library,
                           @JsonProperty("location") Code location, @JsonProperty("description") String description) {
    }

    static ScanResult of(InventoryItem item, CodeTables codes, String info, String linkBase) {
        String link = linkBase + "/almaws/v1/bibs/" + item.mmsId() + "/holdings/" + item.holdingId() + "/items/" + item.itemPid();
        return new ScanResult(link,
                new BibData(item.mmsId(), item.title(), item.author(), item.publicationYear()),
                new HoldingData(item.holdingId(), item.callNumber()),
                new ItemData(item.itemPid(), item.barcode(), new Code("1", "Item in place"),
                        codes.code(CodeTables.LIBRARIES, item.library()), Code.of(item.location()), item.description()),
                info);
    }
}

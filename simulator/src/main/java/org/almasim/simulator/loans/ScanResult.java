package org.almasim.simulator.loans;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.almasim.simulator.codes.Code;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.http.AlmaDocument;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.inventory.InventoryItem;
import org.almasim.simulator.links.AlmaLinks;

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

    public record BibData(
            @JsonProperty("mms_id") String mmsId,
            @JsonProperty("title") String title,
            @JsonProperty("author") String author,
            @JsonProperty("date_of_publication") String dateOfPublication) {}

    public record HoldingData(
            @JsonProperty("holding_id") String holdingId,
            @JsonProperty("call_number") String callNumber) {}

    @JsonPropertyOrder({"pid", "barcode", "base_status", "process_type", "library", "location", "description"})
    public record ItemData(
            @JsonProperty("pid") String pid,
            @JsonProperty("barcode") String barcode,
            @JsonProperty("base_status") Code baseStatus,
            @JsonProperty("process_type") Code processType,
            @JsonProperty("library") Code library,
            @JsonProperty("location") Code location,
            @JsonProperty("description") String description) {}

    // The fields of Alma's rest_item that almasim holds no value for, answered empty as Alma answers an unset field
    // (responses/scanin_transit_response.json), so that clients reading them without a default keep working.
    private static final List<String> EMPTY_BIB_TEXT =
            List.of("complete_edition", "isbn", "place_of_publication", "publisher_const");
    private static final List<String> EMPTY_HOLDING_TEXT = List.of("accession_number", "copy_id", "temp_call_number");
    private static final List<String> EMPTY_HOLDING_CODES =
            List.of("call_number_type", "temp_call_number_type", "temp_library", "temp_location", "temp_policy");
    private static final List<String> EMPTY_ITEM_TEXT = List.of(
            "alternative_call_number",
            "chronology_i",
            "chronology_j",
            "chronology_k",
            "chronology_l",
            "chronology_m",
            "description",
            "enumeration_a",
            "enumeration_b",
            "enumeration_c",
            "enumeration_d",
            "enumeration_e",
            "enumeration_f",
            "enumeration_g",
            "enumeration_h",
            "fulfillment_note",
            "internal_note_1",
            "internal_note_2",
            "internal_note_3",
            "inventory_number",
            "pages",
            "pieces",
            "po_line",
            "public_note",
            "receiving_operator",
            "statistics_note_1",
            "statistics_note_2",
            "statistics_note_3",
            "storage_location_id",
            "year_of_issue");
    private static final List<String> EMPTY_ITEM_CODES =
            List.of("alternative_call_number_type", "physical_condition", "policy", "provenance");

    /** The answer as Alma writes it: every field of rest_item, empty where almasim holds nothing. */
    public AlmaDocument answer() {
        ObjectNode item = AlmaFormats.JSON.valueToTree(this);
        ObjectNode bib = (ObjectNode) item.get("bib_data");
        EMPTY_BIB_TEXT.forEach(field -> bib.put(field, ""));
        bib.putArray("network_number");
        bib.put("link", link.substring(0, link.indexOf("/holdings/")));
        ObjectNode holding = (ObjectNode) item.get("holding_data");
        EMPTY_HOLDING_TEXT.forEach(field -> holding.put(field, ""));
        EMPTY_HOLDING_CODES.forEach(
                field -> holding.putObject(field).put("value", "").put("desc", ""));
        holding.put("in_temp_location", false);
        holding.put("link", link.substring(0, link.indexOf("/items/")));
        ObjectNode data = (ObjectNode) item.get("item_data");
        EMPTY_ITEM_TEXT.stream().filter(field -> !data.has(field)).forEach(field -> data.put(field, ""));
        EMPTY_ITEM_CODES.forEach(field -> data.putObject(field).put("value", "").put("desc", ""));
        data.putObject("physical_material_type").put("value", "BOOK").put("desc", "Book");
        data.put("is_magnetic", false);
        if (!data.path("process_type").has("value")) {
            data.putObject("process_type").put("value", "").put("desc", "");
        }
        return new AlmaDocument("item", item);
    }

    /** The item as it is now: in place, or on loan (base status 0, process type LOAN). */
    static ScanResult of(InventoryItem item, boolean onLoan, CodeTables codes, String info, AlmaLinks links) {
        String link = links.item(item.mmsId(), item.holdingId(), item.itemPid());
        return new ScanResult(
                link,
                new BibData(item.mmsId(), item.title(), item.author(), item.publicationYear()),
                new HoldingData(item.holdingId(), item.callNumber()),
                new ItemData(
                        item.itemPid(),
                        item.barcode(),
                        onLoan ? new Code("0", "Item not in place") : new Code("1", "Item in place"),
                        onLoan ? new Code("LOAN", "Loan") : new Code("", ""),
                        codes.code(CodeTables.LIBRARIES, item.library()),
                        new Code(item.location(), item.location()),
                        item.description()),
                info);
    }
}

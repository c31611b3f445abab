package org.almasim.simulator.loans;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.math.BigDecimal;
import java.time.Instant;
import org.almasim.simulator.codes.Code;

/**
 * An item loan as in Alma's rest_item_loan. A client may send back what it read: on create only
 * {@code circ_desk} and {@code library} are read, on PUT only {@code due_date}.
 */
@JsonRootName("item_loan")
@JsonIgnoreProperties(
        value = {
            "link",
            "loan_id",
            "user_id",
            "item_barcode",
            "loan_status",
            "loan_date",
            "return_date",
            "process_status",
            "mms_id",
            "holding_id",
            "item_id",
            "title",
            "author",
            "description",
            "publication_year",
            "location_code",
            "call_number",
            "loan_fine",
            "renewable",
            "last_renew_date",
            "item_policy",
            "last_renew_status"
        },
        allowGetters = true)
@JsonPropertyOrder({
    "link",
    "loan_id",
    "circ_desk",
    "library",
    "user_id",
    "item_barcode",
    "due_date",
    "loan_status",
    "loan_date",
    "return_date",
    "process_status",
    "mms_id",
    "holding_id",
    "item_id",
    "title",
    "author",
    "description",
    "publication_year",
    "location_code",
    "call_number",
    "loan_fine",
    "renewable",
    "last_renew_date",
    "last_renew_status"
})
public record Loan(
        @JsonProperty("link") String link,
        @JsonProperty("loan_id") String loanId,
        @JsonProperty("circ_desk") Code circDesk,
        @JsonProperty("library") Code library,
        @JsonProperty("user_id") String userId,
        @JsonProperty("item_barcode") String itemBarcode,
        @JsonProperty("due_date") Instant dueDate,
        @JsonProperty("loan_status") String loanStatus,
        @JsonProperty("loan_date") Instant loanDate,
        @JsonProperty("return_date") Instant returnDate,
        @JsonProperty("process_status") String processStatus,
        @JsonProperty("mms_id") String mmsId,
        @JsonProperty("holding_id") String holdingId,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("title") String title,
        @JsonProperty("author") String author,
        // The item's description: null for almasim's items, and answered so, as Alma does (a client reads the key).
        @JsonProperty("description") @JsonInclude(JsonInclude.Include.ALWAYS)
        String description,

        @JsonProperty("publication_year") String publicationYear,
        @JsonProperty("location_code") Location locationCode,
        @JsonProperty("call_number") String callNumber,
        // almasim does not accrue overdue fines on a loan: always 0.
        @JsonProperty("loan_fine") BigDecimal loanFine,
        @JsonProperty("renewable") Boolean renewable,
        @JsonProperty("last_renew_date") Instant lastRenewDate,
        @JsonProperty("last_renew_status") Code lastRenewStatus) {

    /** The item's policy: almasim's items have none, which Alma answers as a key of nothing. */
    @JsonProperty("item_policy")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Code itemPolicy() {
        return null;
    }

    /** The answer to a renewal: the loan with Alma's status of the renewal (responses/renew_loan_response.json). */
    Loan renewed() {
        return new Loan(
                link,
                loanId,
                circDesk,
                library,
                userId,
                itemBarcode,
                dueDate,
                loanStatus,
                loanDate,
                returnDate,
                processStatus,
                mmsId,
                holdingId,
                itemId,
                title,
                author,
                description,
                publicationYear,
                locationCode,
                callNumber,
                loanFine,
                renewable,
                lastRenewDate,
                new Code("401193;", "Renewed Successfully"));
    }

    /** Alma names a location's description {@code name}, not {@code desc}. */
    @JsonPropertyOrder({"value", "name"})
    public record Location(
            @JsonProperty("value") String value,
            @JsonProperty("name") String name) {}
}

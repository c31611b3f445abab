package org.almasim.simulator.fees;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** A fine or fee, as in Alma's rest_fee schema. Only type, amount, owner, comment, title and barcode are read on create. */
@JsonRootName("fee")
@JsonIgnoreProperties(
        value = {
            "id",
            "status",
            "user_primary_id",
            "balance",
            "remaining_vat_amount",
            "original_vat_amount",
            "creation_time",
            "status_time",
            "transaction",
            "link"
        },
        allowGetters = true)
@JsonPropertyOrder({
    "link",
    "id",
    "type",
    "status",
    "user_primary_id",
    "balance",
    "remaining_vat_amount",
    "original_amount",
    "original_vat_amount",
    "creation_time",
    "status_time",
    "comment",
    "owner",
    "title",
    "barcode",
    "transaction"
})
public record Fee(
        @JsonProperty("link") String link,
        @JsonProperty("id") String id,
        @JsonProperty("type") Code type,
        @JsonProperty("status") Code status,
        @JsonProperty("user_primary_id") Linked userPrimaryId,
        @JsonProperty("balance") BigDecimal balance,
        @JsonProperty("remaining_vat_amount") BigDecimal remainingVatAmount,
        @JsonProperty("original_amount") BigDecimal originalAmount,
        @JsonProperty("original_vat_amount") BigDecimal originalVatAmount,
        @JsonProperty("creation_time") Instant creationTime,
        @JsonProperty("status_time") Instant statusTime,
        @JsonProperty("comment") String comment,
        @JsonProperty("owner") Code owner,
        @JsonProperty("title") String title,
        @JsonProperty("barcode") Linked barcode,
        @JsonProperty("transaction") List<Transaction> transaction) {

    /** A value with the link to what it names: {@code {"value":"stu1","link":".../users/stu1"}}; the link is ignored on input. */
    @JsonPropertyOrder({"value", "link"})
    public record Linked(
            @JsonProperty("value") String value,
            @JsonProperty("link") String link) {}

    public Fee {
        transaction = transaction == null ? List.of() : List.copyOf(transaction);
    }

    /** A payment, waiver, dispute or restore recorded on the fee. */
    @JsonPropertyOrder({
        "type",
        "amount",
        "vat_amount",
        "reason",
        "comment",
        "external_transaction_id",
        "transaction_time",
        "payment_method"
    })
    public record Transaction(
            @JsonProperty("type") Code type,
            @JsonProperty("amount") BigDecimal amount,
            @JsonProperty("vat_amount") BigDecimal vatAmount,
            @JsonProperty("reason") Code reason,
            @JsonProperty("comment") String comment,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("external_transaction_id") String externalTransactionId,
            @JsonProperty("transaction_time") Instant transactionTime,
            @JsonProperty("received_by") Code receivedBy,
            @JsonProperty("payment_method") Code paymentMethod) {
        /** Who an API transaction is recorded as made by, and where, as a live Alma recorded an API payment. */
        static final String CREATED_BY_API = "Ex Libris";

        static final String RECEIVED_NOT_AT_DESK = "Not At Desk";
    }
}

package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.almasim.simulator.codes.Code;

/** A block on the user's account (for example a purge-related or overdue block). */
@JsonPropertyOrder({
    "segment_type",
    "block_type",
    "block_description",
    "block_status",
    "block_note",
    "created_by",
    "created_date",
    "expiry_date",
    "item_loan_id"
})
public record UserBlock(
        @JsonProperty("segment_type") String segmentType,
        @JsonProperty("block_type") Code blockType,
        @JsonProperty("block_description") Code blockDescription,
        @JsonProperty("block_status") String blockStatus,
        @JsonProperty("block_note") String blockNote,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_date") Instant createdDate,
        @JsonProperty("expiry_date") Instant expiryDate,
        @JsonProperty("item_loan_id") String itemLoanId) {}

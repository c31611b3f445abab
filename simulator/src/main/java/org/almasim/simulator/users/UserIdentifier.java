package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.almasim.simulator.codes.Code;

/** An additional identifier (barcode, university id...); {@code GET /users/{id}} finds a user by any of them. */
@JsonPropertyOrder({"segment_type", "id_type", "value", "note", "status"})
public record UserIdentifier(
        @JsonProperty("segment_type") String segmentType,
        @JsonProperty("id_type") Code idType,
        @JsonProperty("value") String value,
        @JsonProperty("note") String note,
        @JsonProperty("status") String status) {}

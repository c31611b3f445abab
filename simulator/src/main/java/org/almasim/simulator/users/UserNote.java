package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.almasim.simulator.codes.Code;

/** A note on the user record. */
@JsonPropertyOrder({
    "segment_type",
    "note_type",
    "note_text",
    "user_viewable",
    "popup_note",
    "created_by",
    "created_date"
})
public record UserNote(
        @JsonProperty("segment_type") String segmentType,
        @JsonProperty("note_type") Code noteType,
        @JsonProperty("note_text") String noteText,
        @JsonProperty("user_viewable") Boolean userViewable,
        @JsonProperty("popup_note") Boolean popupNote,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_date") Instant createdDate) {}

package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** {@code GET /users}: one page of users and the total count; the {@code user} key is absent when the page is empty. */
@JsonRootName("users")
@JsonPropertyOrder({"user", "total_record_count"})
public record UserList(
        @JsonProperty("user") List<JsonNode> user,
        @JsonProperty("total_record_count") int totalRecordCount) {}

package org.almasim.simulator.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;

/** A user's requests (rest_user_requests); the {@code user_request} key is absent when there are none. */
@JsonRootName("user_requests")
@JsonPropertyOrder({"user_request", "total_record_count"})
public record RequestList(
        @JsonProperty("user_request") List<UserRequest> userRequest,
        @JsonProperty("total_record_count") int totalRecordCount) {}

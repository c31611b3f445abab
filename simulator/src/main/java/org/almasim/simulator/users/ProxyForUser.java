package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A user this user may act for. */
@JsonPropertyOrder({"link", "primary_id", "full_name"})
public record ProxyForUser(
        @JsonProperty("link") String link,
        @JsonProperty("primary_id") String primaryId,
        @JsonProperty("full_name") String fullName) {}

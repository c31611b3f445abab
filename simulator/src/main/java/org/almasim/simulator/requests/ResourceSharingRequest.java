package org.almasim.simulator.requests;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.almasim.simulator.codes.Code;

/**
 * A user's resource-sharing (borrowing) request as Ex Libris' rest_user_resource_sharing_request answers it. On input
 * {@code title} (mandatory), {@code author}, {@code citation_type} (BOOK, ARTICLE), {@code format} (PHYSICAL, DIGITAL),
 * {@code owner} (a resource-sharing library of the user's), {@code pickup_location} and {@code note} are read.
 */
@JsonRootName("user_resource_sharing_request")
@JsonIgnoreProperties(
        value = {"request_id", "requester", "status", "request_date", "request_time", "shipping_cost", "fund_code"},
        allowGetters = true)
@JsonPropertyOrder({
    "request_id",
    "requester",
    "title",
    "author",
    "citation_type",
    "format",
    "owner",
    "pickup_location",
    "status",
    "request_date",
    "request_time",
    "shipping_cost",
    "fund_code",
    "note"
})
public record ResourceSharingRequest(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("requester") Code requester,
        @JsonProperty("title") String title,
        @JsonProperty("author") String author,
        @JsonProperty("citation_type") Code citationType,
        @JsonProperty("format") Code format,
        @JsonProperty("owner") Code owner,
        @JsonProperty("pickup_location") Code pickupLocation,
        @JsonProperty("status") Code status,
        @JsonProperty("request_date") LocalDate requestDate,
        @JsonProperty("request_time") Instant requestTime,
        @JsonProperty("shipping_cost") BigDecimal shippingCost,
        @JsonProperty("fund_code") Code fundCode,
        @JsonProperty("note") String note) {}

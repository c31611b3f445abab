package org.almasim.simulator.requests;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.Instant;
import java.time.LocalDate;
import org.almasim.simulator.codes.Code;

/**
 * A user's request as Ex Libris' rest_user_request answers it. On input (POST) only {@code request_type},
 * {@code pickup_location_type}, {@code pickup_location_library}, {@code pickup_location_circulation_desk},
 * {@code comment} and {@code last_interest_date} are read; the rest is output, ignored when sent.
 */
@JsonRootName("user_request")
@JsonIgnoreProperties(
        value = {
            "request_id",
            "user_primary_id",
            "request_sub_type",
            "request_status",
            "pickup_location",
            "place_in_queue",
            "request_date",
            "request_time",
            "task_name",
            "title",
            "author",
            "mms_id",
            "item_id",
            "barcode",
            "description",
            "managed_by_library",
            "managed_by_library_code",
            "managed_by_circulation_desk",
            "managed_by_circulation_desk_code",
            "cancel_reason",
            "note"
        },
        allowGetters = true)
@JsonPropertyOrder({
    "request_id",
    "user_primary_id",
    "request_type",
    "request_sub_type",
    "request_status",
    "pickup_location",
    "pickup_location_type",
    "pickup_location_library",
    "pickup_location_circulation_desk",
    "comment",
    "place_in_queue",
    "request_date",
    "request_time",
    "last_interest_date",
    "task_name",
    "title",
    "author",
    "mms_id",
    "item_id",
    "barcode",
    "description",
    "managed_by_library",
    "managed_by_library_code",
    "managed_by_circulation_desk",
    "managed_by_circulation_desk_code",
    "cancel_reason",
    "note"
})
public record UserRequest(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("user_primary_id") String userPrimaryId,
        @JsonProperty("request_type") String requestType,
        @JsonProperty("request_sub_type") Code requestSubType,
        @JsonProperty("request_status") String requestStatus,
        @JsonProperty("pickup_location") String pickupLocation,
        @JsonProperty("pickup_location_type") String pickupLocationType,
        @JsonProperty("pickup_location_library") String pickupLocationLibrary,
        @JsonProperty("pickup_location_circulation_desk") String pickupLocationCirculationDesk,
        @JsonProperty("comment") String comment,
        @JsonProperty("place_in_queue") Integer placeInQueue,
        @JsonProperty("request_date") LocalDate requestDate,
        @JsonProperty("request_time") Instant requestTime,
        @JsonProperty("last_interest_date") LocalDate lastInterestDate,
        @JsonProperty("task_name") String taskName,
        @JsonProperty("title") String title,
        @JsonProperty("author") String author,
        @JsonProperty("mms_id") String mmsId,
        @JsonProperty("item_id") String itemId,
        @JsonProperty("barcode") String barcode,
        @JsonProperty("description") String description,
        @JsonProperty("managed_by_library") String managedByLibrary,
        @JsonProperty("managed_by_library_code") String managedByLibraryCode,
        @JsonProperty("managed_by_circulation_desk") String managedByCirculationDesk,
        @JsonProperty("managed_by_circulation_desk_code") String managedByCirculationDeskCode,
        @JsonProperty("cancel_reason") Code cancelReason,
        @JsonProperty("note") String note) {}

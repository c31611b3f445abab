package org.almasim.simulator.patrons;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;

/** One line of the console's patron list; dates as plain ISO days, not Alma's "Z"-suffixed ones, for the page to show. */
public record PatronRow(
        @JsonProperty("primary_id") String primaryId,
        @JsonProperty("name") String name,
        @JsonProperty("status") String status,
        @JsonProperty("user_group") String userGroup,
        @JsonProperty("account_type") String accountType,
        @JsonProperty("expiry_date") String expiryDate,
        @JsonProperty("purge_date") String purgeDate) {

    static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }
}

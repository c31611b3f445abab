package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** A role with its scope; roles survive a PUT that does not mention them. */
@JsonPropertyOrder({"status", "scope", "role_type", "expiry_date", "parameter"})
public record UserRole(
        @JsonProperty("status") Code status,
        @JsonProperty("scope") Code scope,
        @JsonProperty("role_type") Code roleType,
        @JsonProperty("expiry_date") LocalDate expiryDate,
        @JsonProperty("parameter") List<Parameter> parameter) {

    public UserRole {
        parameter = User.listOrEmpty(parameter);
    }

    @JsonPropertyOrder({"type", "scope", "value"})
    public record Parameter(
            @JsonProperty("type") Code type,
            @JsonProperty("scope") Code scope,
            @JsonProperty("value") Code value) {}
}

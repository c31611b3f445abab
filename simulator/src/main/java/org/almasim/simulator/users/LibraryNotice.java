package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.almasim.simulator.codes.Code;

/** A library notice the user has opted in or out of. */
@JsonPropertyOrder({"code", "value"})
public record LibraryNotice(
        @JsonProperty("code") Code code,
        @JsonProperty("value") Boolean value) {}

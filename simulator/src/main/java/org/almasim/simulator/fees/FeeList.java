package org.almasim.simulator.fees;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.math.BigDecimal;
import java.util.List;

/**
 * A user's fees with Alma's totals; {@code fee} is absent when there are none, and {@code currency} is then
 * {@code null}, as a real Alma answered (responses/zero_fees_response.json); otherwise it is the institution's.
 */
@JsonRootName("fees")
@JsonPropertyOrder({"fee", "total_record_count", "total_sum", "currency"})
public record FeeList(
        @JsonProperty("fee") List<Fee> fee,
        @JsonProperty("total_record_count") int totalRecordCount,
        @JsonProperty("total_sum") BigDecimal totalSum,

        @JsonProperty("currency") @JsonInclude(JsonInclude.Include.ALWAYS)
        String currency) {}

package org.almasim.simulator.fees;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.math.BigDecimal;
import java.util.List;

/** A user's fees with Alma's totals; {@code fee} is absent when there are none, {@code currency} always the institution's. */
@JsonRootName("fees")
@JsonPropertyOrder({"fee", "total_record_count", "total_sum", "currency"})
public record FeeList(
        @JsonProperty("fee") List<Fee> fee,
        @JsonProperty("total_record_count") int totalRecordCount,
        @JsonProperty("total_sum") BigDecimal totalSum,
        @JsonProperty("currency") String currency) {}

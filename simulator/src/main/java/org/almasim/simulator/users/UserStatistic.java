package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.almasim.simulator.codes.Code;

/** A statistical category assigned to the user. */
@JsonPropertyOrder({"segment_type", "statistic_category", "category_type", "statistic_note"})
public record UserStatistic(
        @JsonProperty("segment_type") String segmentType,
        @JsonProperty("statistic_category") Code statisticCategory,
        @JsonProperty("category_type") Code categoryType,
        @JsonProperty("statistic_note") String statisticNote) {}

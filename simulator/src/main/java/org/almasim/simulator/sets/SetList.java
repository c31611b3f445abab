package org.almasim.simulator.sets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;

/** {@code GET /conf/sets}: one page of sets and their total. */
@JsonRootName("sets")
@JsonPropertyOrder({"set", "total_record_count"})
public record SetList(
        @JsonProperty("set") List<AlmaSet> set,
        @JsonProperty("total_record_count") int totalRecordCount) {}

package org.almasim.simulator.sets;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;

/** {@code GET /conf/sets/{id}/members}: one page of members and their total. */
@JsonRootName("members")
@JsonPropertyOrder({"member", "total_record_count"})
public record MemberList(
        @JsonProperty("member") List<AlmaSet.Member> member,
        @JsonProperty("total_record_count") int totalRecordCount) {}

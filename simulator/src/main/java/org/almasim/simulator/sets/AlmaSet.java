package org.almasim.simulator.sets;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.Instant;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** A set as in Alma's rest_set schema. Output-only fields are read and ignored on input. */
@JsonRootName("set")
@JsonIgnoreProperties(
        value = {"link", "id", "status_date", "created_by", "created_date", "number_of_members", "origin"},
        allowGetters = true)
@JsonPropertyOrder({
    "link",
    "id",
    "name",
    "description",
    "type",
    "content",
    "private",
    "status",
    "status_date",
    "note",
    "created_by",
    "created_date",
    "query",
    "number_of_members",
    "members",
    "origin"
})
public record AlmaSet(
        @JsonProperty("link") String link,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("type") Code type,
        @JsonProperty("content") Code content,
        @JsonProperty("private") Code isPrivate,
        @JsonProperty("status") Code status,
        @JsonProperty("status_date") Instant statusDate,
        @JsonProperty("note") String note,
        @JsonProperty("created_by") Code createdBy,
        @JsonProperty("created_date") Instant createdDate,
        @JsonProperty("query") Code query,
        @JsonProperty("number_of_members") MemberCount numberOfMembers,
        @JsonProperty("members") Members members,
        @JsonProperty("origin") Code origin) {

    /** Text, as Ex Libris' rest_set schema types it (the XSD's string), like a job's counters. */
    @JsonPropertyOrder({"value", "link"})
    public record MemberCount(
            @JsonProperty("value") String value,
            @JsonProperty("link") String link) {}

    /** Members as they travel inside a set: {@code "members":{"member":[{"id":"..."}]}}. */
    @JsonPropertyOrder({"member", "total_record_count"})
    public record Members(
            @JsonProperty("member") List<Member> member,
            @JsonProperty("total_record_count") Integer totalRecordCount) {
        public Members {
            member = member == null ? List.of() : List.copyOf(member);
        }
    }

    @JsonPropertyOrder({"link", "id", "description"})
    public record Member(
            @JsonProperty("link") String link,
            @JsonProperty("id") String id,
            @JsonProperty("description") String description) {}
}

package org.almasim.simulator.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** A job as in Alma's rest_job schema. On {@code op=run} only {@code parameter} is read. */
@JsonRootName("job")
@JsonIgnoreProperties(
        value = {"link", "id", "name", "description", "type", "category", "content", "additional_info"},
        allowGetters = true)
@JsonPropertyOrder({"link", "id", "name", "description", "type", "category", "content", "parameter", "additional_info"})
public record AlmaJob(
        @JsonProperty("link") String link,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("type") Code type,
        @JsonProperty("category") Code category,
        @JsonProperty("content") Code content,
        @JsonProperty("parameter") List<Parameter> parameter,
        @JsonProperty("additional_info") AdditionalInfo additionalInfo) {

    public AlmaJob {
        parameter = parameter == null ? List.of() : List.copyOf(parameter);
    }

    /** {@code {"name":{"value":"set_id"},"value":"..."}}; XML {@code <parameter><name>set_id</name><value>...</value>}. */
    @JsonPropertyOrder({"name", "value"})
    public record Parameter(
            @JsonProperty("name") Code name,
            @JsonProperty("value") String value) {}

    /** Where the new run can be followed: {@code {"value":"Job no. ... triggered","link":".../instances/ID"}}. */
    @JsonPropertyOrder({"value", "link"})
    public record AdditionalInfo(
            @JsonProperty("value") String value,
            @JsonProperty("link") String link) {}
}

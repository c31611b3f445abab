package org.almasim.simulator.codes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;

/** {@code GET /almaws/v1/conf/code-tables/{name}}: a code table as Alma's Configuration API answers it (rest_code_table). */
@JsonRootName("code_table")
@JsonPropertyOrder({"name", "description", "sub_system", "patron_facing", "language", "scope", "row"})
public record CodeTable(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("sub_system") Code subSystem,
        @JsonProperty("patron_facing") boolean patronFacing,
        @JsonProperty("language") Code language,
        @JsonProperty("scope") Scope scope,
        @JsonProperty("row") List<Row> row) {
    public record Scope(
            @JsonProperty("institution_id") Code institutionId,
            @JsonProperty("library_id") Code libraryId) {}

    @JsonPropertyOrder({"code", "description", "default", "enabled"})
    public record Row(
            @JsonProperty("code") String code,
            @JsonProperty("description") String description,
            @JsonProperty("default") boolean isDefault,
            @JsonProperty("enabled") boolean enabled) {}
}

package org.almasim.simulator.attachments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.Instant;

/**
 * A file attached to a user, as Ex Libris' rest_attachment answers it: its content only when asked for
 * ({@code expand=content}, base64; {@code content_no_encoding}, as text). On input {@code file_name}, {@code type},
 * {@code notes} and {@code content} (base64) are read.
 */
@JsonRootName("attachment")
@JsonIgnoreProperties(
        value = {"id", "link", "creation_date", "size"},
        allowGetters = true)
@JsonPropertyOrder({"id", "link", "file_name", "type", "notes", "creation_date", "size", "content"})
public record Attachment(
        @JsonProperty("id") String id,
        @JsonProperty("link") String link,
        @JsonProperty("file_name") String fileName,
        @JsonProperty("type") String type,
        @JsonProperty("notes") String notes,
        @JsonProperty("creation_date") Instant creationDate,
        @JsonProperty("size") Integer size,
        @JsonProperty("content") String content) {}

package org.almasim.simulator.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** A run of a job, as in Alma's rest_job_instance: status, progress, counters, alerts and times. */
@JsonRootName("job_instance")
@JsonPropertyOrder({
    "link",
    "id",
    "name",
    "submitted_by",
    "submit_time",
    "start_time",
    "end_time",
    "progress",
    "status",
    "status_date",
    "alert",
    "counter",
    "job_info"
})
public record JobInstance(
        @JsonProperty("link") String link,
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("submitted_by") Code submittedBy,
        @JsonProperty("submit_time") Instant submitTime,
        @JsonProperty("start_time") Instant startTime,
        @JsonProperty("end_time") Instant endTime,
        @JsonProperty("progress") int progress,
        @JsonProperty("status") Code status,
        @JsonProperty("status_date") LocalDate statusDate,
        @JsonProperty("alert") List<Code> alert,
        @JsonProperty("counter") List<Counter> counter,
        @JsonProperty("job_info") JobInfo jobInfo) {

    @JsonPropertyOrder({"type", "value"})
    public record Counter(
            @JsonProperty("type") Code type,
            @JsonProperty("value") String value) {}

    @JsonPropertyOrder({"link", "id", "name", "type", "category"})
    public record JobInfo(
            @JsonProperty("link") String link,
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("type") Code type,
            @JsonProperty("category") Code category) {}
}

package org.almasim.simulator.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import java.util.List;
import org.almasim.simulator.codes.Code;

/** The list answers of the jobs API. */
final class JobLists {
    private JobLists() {}

    @JsonRootName("jobs")
    @JsonPropertyOrder({"job", "total_record_count"})
    record Jobs(
            @JsonProperty("job") List<AlmaJob> job,
            @JsonProperty("total_record_count") int totalRecordCount) {}

    @JsonRootName("job_instances")
    @JsonPropertyOrder({"job_instance", "total_record_count"})
    record Instances(
            @JsonProperty("job_instance") List<JobInstance> jobInstance,
            @JsonProperty("total_record_count") int totalRecordCount) {}

    @JsonRootName("events")
    @JsonPropertyOrder({"event", "total_record_count"})
    record Events(
            @JsonProperty("event") List<Event> event,
            @JsonProperty("total_record_count") int totalRecordCount) {}

    /** A user the job could not process, with every reason. */
    @JsonPropertyOrder({"type", "user", "description"})
    record Event(
            @JsonProperty("type") Code type,
            @JsonProperty("user") Code user,
            @JsonProperty("description") String description) {}
}

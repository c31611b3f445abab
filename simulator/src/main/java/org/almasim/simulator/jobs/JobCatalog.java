package org.almasim.simulator.jobs;

import java.util.List;
import java.util.Optional;
import org.almasim.simulator.jobs.JobDefinition.Kind;
import org.almasim.simulator.jobs.JobDefinition.ParameterSpec;

/**
 * The jobs almasim runs. Their ids are almasim's own (Alma's ids for these jobs are institution-specific);
 * docs/jobs.md lists them with their parameters.
 */
final class JobCatalog {
    static final List<JobDefinition> JOBS = List.of(
            new JobDefinition("M26700", "Users - Purge Records",
                    "Purge User Records: deletes users whose purge date is on or before today minus the grace days, unless something"
                            + " blocks their deletion.",
                    "USERS",
                    List.of(new ParameterSpec("number_of_days_after_purge_date", false, "0", "Grace days after the purge date"),
                            new ParameterSpec("user_group", false, null, "Only users of this user group"),
                            new ParameterSpec("record_type", false, null, "Only users of this record type"),
                            new ParameterSpec("waive_threshold", false, "0", "Ignore active balances up to this amount"),
                            new ParameterSpec("job_name", false, null, "A name for this run")),
                    Kind.PURGE_BY_DATE),
            new JobDefinition("M26701", "Users - Purge Users on a Set",
                    "Deletes the members of a set of users with the same deletion rules as Purge User Records.",
                    "USERS",
                    List.of(new ParameterSpec("set_id", true, null, "The set of users to purge"),
                            new ParameterSpec("waive_threshold", false, "0", "Ignore active balances up to this amount"),
                            new ParameterSpec("job_name", false, null, "A name for this run")),
                    Kind.PURGE_SET));

    private JobCatalog() {
    }

    static Optional<JobDefinition> find(String id) {
        return JOBS.stream().filter(j -> j.id().equalsIgnoreCase(id)).findFirst();
    }
}

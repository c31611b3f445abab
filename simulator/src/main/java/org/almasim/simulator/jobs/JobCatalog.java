package org.almasim.simulator.jobs;

import java.util.ArrayList;
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
            new JobDefinition(
                    "M26700",
                    "Users - Purge Records",
                    "Purge User Records: deletes users whose purge date is on or before today minus the grace days, unless something"
                            + " blocks their deletion.",
                    "USERS",
                    List.of(
                            new ParameterSpec(
                                    "number_of_days_after_purge_date", false, "0", "Grace days after the purge date"),
                            new ParameterSpec("user_group", false, null, "Only users of this user group"),
                            new ParameterSpec("record_type", false, null, "Only users of this record type"),
                            new ParameterSpec(
                                    "waive_threshold", false, "0", "Ignore active balances up to this amount"),
                            new ParameterSpec("job_name", false, null, "A name for this run")),
                    Kind.PURGE_BY_DATE),
            new JobDefinition(
                    "M26701",
                    "Users - Purge Users on a Set",
                    "Deletes the members of a set of users with the same deletion rules as Purge User Records.",
                    "USERS",
                    List.of(
                            new ParameterSpec("set_id", true, null, "The set of users to purge"),
                            new ParameterSpec(
                                    "waive_threshold", false, "0", "Ignore active balances up to this amount"),
                            new ParameterSpec("job_name", false, null, "A name for this run")),
                    Kind.PURGE_SET),
            new JobDefinition(
                    "M148",
                    "Update/Notify Users",
                    "Changes the users of a set: status, expiry and purge dates, user group, account type (EXTERNAL to INTERNAL"
                            + " too), and adds a block or a note.",
                    "USERS",
                    updateParameters(),
                    Kind.UPDATE_USERS));

    private static List<ParameterSpec> updateParameters() {
        List<ParameterSpec> parameters = new ArrayList<>();
        parameters.add(new ParameterSpec("set_id", true, null, "The set of users to update"));
        for (String field : UpdateUsersAction.FIELDS) {
            parameters.add(
                    new ParameterSpec(UpdateUsersAction.PREFIX + field + "_Active", false, "false", "Change " + field));
            parameters.add(new ParameterSpec(
                    UpdateUsersAction.PREFIX + field + "_Value",
                    false,
                    null,
                    field.endsWith("Date") ? "The new date, in epoch milliseconds" : "The new value"));
        }
        parameters.add(new ParameterSpec(
                UpdateUsersAction.PREFIX + "External_Id_Value", false, null, "External system, for EXTERNAL"));
        parameters.add(new ParameterSpec("ADD_Block_Active", false, "false", "Add a block"));
        parameters.add(new ParameterSpec("ADD_Block_Value", false, null, "The block description code"));
        parameters.add(new ParameterSpec("ADD_Note_Active", false, "false", "Add a note"));
        parameters.add(new ParameterSpec("ADD_Note_Value", false, null, "The note's text"));
        parameters.add(new ParameterSpec("job_name", false, null, "A name for this run"));
        return List.copyOf(parameters);
    }

    private JobCatalog() {}

    static Optional<JobDefinition> find(String id) {
        return JOBS.stream().filter(j -> j.id().equalsIgnoreCase(id)).findFirst();
    }
}

package org.almasim.simulator.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.Params;
import org.almasim.simulator.jobs.JobRepository.StoredInstance;
import org.almasim.simulator.sets.SetService;
import org.jooq.DSLContext;

/** A job run's parameters as Alma takes them ({@code parameter[]} of names and values), checked before the run starts. */
final class JobParameters {
    private final DSLContext dsl;
    private final CodeTables codes;
    private final SetService sets;

    JobParameters(DSLContext dsl, CodeTables codes, SetService sets) {
        this.dsl = dsl;
        this.codes = codes;
        this.sets = sets;
    }

    /**
     * A run's parameters: the body's, checked against the job's own (mandatory, unknown, the values almasim reads), with
     * the job's defaults for those not given. Alma's "Null" is an absent value.
     */
    Map<String, String> of(JobDefinition job, AlmaJob body) {
        Map<String, String> given = new LinkedHashMap<>();
        for (AlmaJob.Parameter p : body == null ? List.<AlmaJob.Parameter>of() : body.parameter()) {
            if (p.name() == null) {
                throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("a parameter has no name.");
            }
            given.put(p.name().value(), p.value() == null || p.value().equalsIgnoreCase("Null") ? null : p.value());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (JobDefinition.ParameterSpec spec : job.parameters()) {
            boolean named = given.containsKey(spec.name());
            String value = given.remove(spec.name());
            if (spec.mandatory() && !named) {
                throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal("" + spec.name() + ".");
            }
            if (spec.mandatory() && value == null) {
                throw AlmaError.MANDATORY_PARAMETER_EMPTY.refusal("" + spec.name() + ".");
            }
            if (value != null || spec.defaultValue() != null) {
                parameters.put(spec.name(), value != null ? value : spec.defaultValue());
            }
        }
        if (!given.isEmpty()) {
            throw AlmaError.MANDATORY_PARAMETER_MISSING.refusal(
                    "unknown parameter " + given.keySet() + "; " + job.name() + " takes "
                            + job.parameters().stream()
                                    .map(JobDefinition.ParameterSpec::name)
                                    .toList() + ".");
        }
        check(parameters);
        return parameters;
    }

    private void check(Map<String, String> parameters) {
        String grace = parameters.get("number_of_days_after_purge_date");
        if (grace != null && !grace.matches("\\d{1,5}")) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal(
                    "number_of_days_after_purge_date must be a whole number of days.");
        }
        String threshold = parameters.get("waive_threshold");
        if (threshold != null && !Params.isMoney(threshold)) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("waive_threshold must be an amount of zero or more.");
        }
        String group = parameters.get("user_group");
        if (group != null && !codes.contains(CodeTables.USER_GROUPS, group)) {
            throw AlmaError.PARAMETER_VALUE_INVALID.refusal("user_group " + group + " is not a user group.");
        }
        String setId = parameters.get("set_id");
        if (setId != null) {
            sets.memberIds(dsl, setId);
        }
    }

    /** The parameters a run was started with, as its instance keeps them. */
    static Map<String, String> stored(StoredInstance instance) {
        try {
            return AlmaFormats.JSON.readValue(
                    instance.parameters(), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored job parameters could not be read", e);
        }
    }

    /** The parameters as an instance keeps them. */
    static String json(Map<String, String> parameters) {
        try {
            return AlmaFormats.JSON.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.almasim.engine.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.alma.AlmaApiException;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.progress.ProgressListener;

/**
 * OPAL's reinstatement through the API: the patron becomes ACTIVE with a new expiry date. As in the guide, an EXTERNAL
 * account is made INTERNAL for the edit and EXTERNAL again afterwards; since the Users API refuses EXTERNAL to INTERNAL,
 * that edit goes through Update/Notify Users, and the way back is a PUT with the account's external id.
 */
public final class Reinstatement {
    private final AlmaClient alma;
    private final AlmaUsers users;
    private final AlmaJobs.Ids jobs;

    public Reinstatement(AlmaClient alma, AlmaJobs.Ids jobs) {
        this.alma = alma;
        this.users = new AlmaUsers(alma);
        this.jobs = jobs;
    }

    /** Reinstates each patron; answers, per patron, what was done or why it could not be. */
    public Map<String, String> reinstate(Policy policy, List<String> primaryIds, LocalDate today) {
        Policy.Reinstatement rule =
                policy.reinstate() != null ? policy.reinstate() : new Policy.Reinstatement(Period.ofYears(1), false);
        LocalDate expiry = today.plus(rule.extendExpiryBy() == null ? Period.ofYears(1) : rule.extendExpiryBy());
        Map<String, String> outcome = new LinkedHashMap<>();
        for (String id : primaryIds) {
            try {
                ObjectNode user = users.get(id);
                boolean external = "EXTERNAL"
                        .equals(user.path("account_type").path("value").asText());
                if (external && rule.toggleExternal()) {
                    String externalId = user.path("external_id").asText();
                    toggleToInternalAndEdit(policy, id, expiry);
                    ObjectNode edited = users.get(id);
                    edited.putObject("account_type").put("value", "EXTERNAL");
                    edited.put("external_id", externalId);
                    users.put(id, edited);
                    outcome.put(
                            id, "ACTIVE until " + expiry + " (toggled to INTERNAL for the edit and back to EXTERNAL)");
                } else {
                    user.putObject("status").put("value", "ACTIVE");
                    user.put("expiry_date", AlmaUsers.date(expiry));
                    users.put(id, user);
                    outcome.put(id, "ACTIVE until " + expiry);
                }
            } catch (AlmaApiException e) {
                outcome.put(id, "not reinstated: " + e.getMessage());
            }
        }
        return outcome;
    }

    private void toggleToInternalAndEdit(Policy policy, String id, LocalDate expiry) {
        String set = new AlmaSets(alma).itemized("almasim " + policy.name() + " - reinstate", List.of(id));
        AlmaJobs.UpdateUsers toInternal = new AlmaJobs.UpdateUsers(
                set, Optional.empty(), Optional.of("ACTIVE"), Optional.of("INTERNAL"), Optional.of(expiry));
        JsonNode finished = new AlmaJobs(alma).run(jobs.updateUsers(), toInternal, ProgressListener.NONE);
        if (!finished.path("status").path("value").asText().equals("COMPLETED_SUCCESS")) {
            throw new AlmaApiException(
                    0,
                    "JOB",
                    "Update/Notify Users ended "
                            + finished.path("status").path("value").asText());
        }
    }
}

package org.almasim.engine.consortium;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.almasim.engine.policy.Policy;

/**
 * A consortium's members (docs/consortium.md): each one's Alma, where its API key is kept, and its own exceptions to the
 * shared policy. Read by {@link ConsortiumReader}.
 */
public record Consortium(
        @JsonProperty("name") String name,
        @JsonProperty("members_at_once") Integer membersAtOnce,
        @JsonProperty("notices_to") List<String> noticesTo,
        @JsonProperty("members") List<Member> members,
        @JsonIgnore Path directory) {
    public Consortium {
        membersAtOnce = membersAtOnce == null ? 2 : membersAtOnce;
        noticesTo = noticesTo == null ? List.of() : List.copyOf(noticesTo);
        members = List.copyOf(members);
        directory = directory == null ? Path.of(".") : directory;
    }

    Consortium readFrom(Path from) {
        return new Consortium(name, membersAtOnce, noticesTo, members, from);
    }

    /** One member institution and its exceptions to the shared policy. */
    public record Member(
            @JsonProperty("code") String code,
            @JsonProperty("name") String name,
            @JsonProperty("alma_url") String almaUrl,
            @JsonProperty("api_key_env") String apiKeyEnv,
            @JsonProperty("api_key_file") String apiKeyFile,
            @JsonProperty("protect_sets") List<String> protectSets,
            @JsonProperty("protect_user_groups") List<String> protectUserGroups,
            @JsonProperty("ill_group_descriptions") List<String> illGroupDescriptions,
            @JsonProperty("coordinators") List<String> coordinators) {
        public Member {
            name = name == null || name.isBlank() ? code : name;
            protectSets = protectSets == null ? List.of() : List.copyOf(protectSets);
            protectUserGroups = protectUserGroups == null ? List.of() : List.copyOf(protectUserGroups);
            illGroupDescriptions = illGroupDescriptions == null ? List.of() : List.copyOf(illGroupDescriptions);
            coordinators = coordinators == null ? List.of() : List.copyOf(coordinators);
        }

        /** Where the key is kept, as a report may say it (never the key). */
        public String keySource() {
            return apiKeyEnv != null ? "environment variable " + apiKeyEnv : "file " + apiKeyFile;
        }
    }

    /**
     * The shared policy as this member runs it: its protected sets and user groups added to the policy's, its ILL groups'
     * wording in place of the policy's where fixed dates look for a user group's description, and its coordinators and
     * the consortium's lists told of every notice. Everything else is the consortium's policy, unchanged.
     */
    public Policy policyFor(Member member, Policy shared) {
        Policy.Protection protect = new Policy.Protection(
                union(shared.protect().userGroups(), member.protectUserGroups()),
                union(shared.protect().sets(), member.protectSets()));
        List<Policy.FixedDates> fixedDates = new ArrayList<>();
        for (Policy.FixedDates rule : shared.fixups().fixedDates()) {
            if (rule.userGroupDescriptionContains() != null
                    && !member.illGroupDescriptions().isEmpty()) {
                member.illGroupDescriptions()
                        .forEach(words -> fixedDates.add(new Policy.FixedDates(
                                words, rule.userGroupCodeMatches(), rule.expiryDate(), rule.purgeDate())));
            } else {
                fixedDates.add(rule);
            }
        }
        Policy.FixUps fixups = new Policy.FixUps(
                shared.fixups().copyExpiryToEmptyPurgeDate(), shared.fixups().realignPurgeDateToExpiry(), fixedDates);
        List<Policy.Notice> notices = shared.notices().stream()
                .map(n -> new Policy.Notice(
                        n.before(), n.after(), union(union(n.to(), noticesTo), member.coordinators()), n.message()))
                .toList();
        return shared.forMember(fixups, protect, notices);
    }

    private static List<String> union(List<String> first, List<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}

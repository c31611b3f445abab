package org.almasim.simulator.users;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRootName;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.almasim.simulator.codes.Code;

/**
 * An Alma user, field for field as in Ex Libris' rest_user.xsd (and in its order).
 * {@code full_name}, {@code requests}, {@code loans}, {@code fees} and {@code link} are output only: read and ignored on input.
 */
@JsonRootName("user")
@JsonIgnoreProperties(
        value = {"full_name", "requests", "loans", "fees", "link"},
        allowGetters = true)
@JsonPropertyOrder({
    "link",
    "record_type",
    "primary_id",
    "first_name",
    "middle_name",
    "last_name",
    "full_name",
    "pin_number",
    "user_title",
    "job_category",
    "job_description",
    "gender",
    "user_group",
    "campus_code",
    "web_site_url",
    "cataloger_level",
    "preferred_language",
    "birth_date",
    "expiry_date",
    "purge_date",
    "account_type",
    "external_id",
    "password",
    "force_password_change",
    "status",
    "status_date",
    "last_patron_activity_date",
    "requests",
    "loans",
    "fees",
    "contact_info",
    "user_identifier",
    "user_role",
    "user_block",
    "user_note",
    "user_statistic",
    "proxy_for_user",
    "rs_library",
    "library_notice",
    "source_link_id",
    "source_institution_code",
    "linking_id",
    "pref_first_name",
    "pref_middle_name",
    "pref_last_name",
    "pref_name_suffix",
    "is_researcher"
})
public record User(
        @JsonProperty("link") String link,
        @JsonProperty("record_type") Code recordType,
        @JsonProperty("primary_id") String primaryId,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("middle_name") String middleName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("full_name") String fullName,
        @JsonProperty("pin_number") String pinNumber,
        @JsonProperty("user_title") Code userTitle,
        @JsonProperty("job_category") Code jobCategory,
        @JsonProperty("job_description") String jobDescription,
        @JsonProperty("gender") Code gender,
        @JsonProperty("user_group") Code userGroup,
        @JsonProperty("campus_code") Code campusCode,
        @JsonProperty("web_site_url") String webSiteUrl,
        @JsonProperty("cataloger_level") Code catalogerLevel,
        @JsonProperty("preferred_language") Code preferredLanguage,
        @JsonProperty("birth_date") LocalDate birthDate,
        @JsonProperty("expiry_date") LocalDate expiryDate,
        @JsonProperty("purge_date") LocalDate purgeDate,
        @JsonProperty("account_type") Code accountType,
        @JsonProperty("external_id") String externalId,
        @JsonProperty("password") String password,
        @JsonProperty("force_password_change") String forcePasswordChange,
        @JsonProperty("status") Code status,
        @JsonProperty("status_date") LocalDate statusDate,
        @JsonProperty("last_patron_activity_date") LocalDate lastPatronActivityDate,
        @JsonProperty("requests") LinkedCount requests,
        @JsonProperty("loans") LinkedCount loans,
        @JsonProperty("fees") LinkedCount fees,
        @JsonProperty("contact_info") ContactInfo contactInfo,
        @JsonProperty("user_identifier") List<UserIdentifier> userIdentifier,
        @JsonProperty("user_role") List<UserRole> userRole,
        @JsonProperty("user_block") List<UserBlock> userBlock,
        @JsonProperty("user_note") List<UserNote> userNote,
        @JsonProperty("user_statistic") List<UserStatistic> userStatistic,
        @JsonProperty("proxy_for_user") List<ProxyForUser> proxyForUser,
        @JsonProperty("rs_library") List<RsLibrary> rsLibrary,
        @JsonProperty("library_notice") List<LibraryNotice> libraryNotice,
        @JsonProperty("source_link_id") String sourceLinkId,
        @JsonProperty("source_institution_code") String sourceInstitutionCode,
        @JsonProperty("linking_id") String linkingId,
        @JsonProperty("pref_first_name") String prefFirstName,
        @JsonProperty("pref_middle_name") String prefMiddleName,
        @JsonProperty("pref_last_name") String prefLastName,
        @JsonProperty("pref_name_suffix") String prefNameSuffix,
        @JsonProperty("is_researcher") Boolean isResearcher,
        // Fields of Alma's schema almasim does not model (researcher, ...): kept as given and answered back, as Alma
        // does.
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> otherFields) {

    public User {
        userIdentifier = listOrEmpty(userIdentifier);
        userRole = listOrEmpty(userRole);
        userBlock = listOrEmpty(userBlock);
        userNote = listOrEmpty(userNote);
        userStatistic = listOrEmpty(userStatistic);
        proxyForUser = listOrEmpty(proxyForUser);
        rsLibrary = listOrEmpty(rsLibrary);
        libraryNotice = listOrEmpty(libraryNotice);
        otherFields = otherFields == null
                ? Map.of()
                : otherFields.entrySet().stream()
                        .filter(e -> e.getValue() != null && !e.getValue().isNull())
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A number with a link, as {@code expand=loans,requests,fees} fills it: {@code {"value":2,"link":"..."}}. */
    @JsonPropertyOrder({"value", "link"})
    public record LinkedCount(BigDecimal value, String link) {}
}

package org.almasim.engine.evaluation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every reason the engine gives, each with a stable code (the constant's name), a label that groups patrons in charts
 * and tables (no patron's own dates or numbers), and its sentence, rendered here and nowhere else. Codes whose
 * {@code almaWords} are set are also how Alma's purge job report names a refusal: {@link Reason#fromAlma} reads
 * Alma's text through them.
 */
public enum ReasonCode {
    FIXED_DATES(
            "dates set to fixed values for the user group",
            p -> "user group " + p.get("user_group") + " (" + p.get("user_group_description") + ") " + p.get("rule")
                    + ": dates set to fixed values"),
    PURGE_DATE_COPIED(
            "no purge date: expiry date copied in",
            p -> "no purge date: the expiry date " + p.get("expiry_date") + " is copied in"),
    PURGE_DATE_REALIGNED(
            "purge date realigned to the expiry date",
            p -> "purge date " + p.get("purge_date") + " realigned to the expiry date " + p.get("expiry_date")),
    PROTECTED_USER_GROUP(
            "protected user group",
            p -> "protected user group " + p.get("user_group") + ": never marked inactive or purged"),
    PROTECTED_SET(
            "member of a protected set",
            p -> "member of the protected set \"" + p.get("set") + "\": never marked inactive or purged"),
    NO_DATES("neither an expiry date nor a purge date", p -> "neither an expiry date nor a purge date: never purged"),
    NO_DATE("no date the purge looks at", p -> "no " + p.get("field") + ": never a purge candidate"),
    NO_RUN_TODAY("no purge run today", p -> "no purge run on " + p.get("today") + " in the policy's table of cut-offs"),
    NOT_BEFORE_CUTOFF(
            "not before the cut-off",
            p -> p.get("field") + " " + p.get("date") + " is not before the cut-off " + p.get("cutoff")),
    ELIGIBLE_SOON(
            "eligible soon",
            p -> p.get("field") + " " + p.get("date") + " is not before the cut-off " + p.get("cutoff")
                    + ": eligible to purge in " + p.get("days") + " days"),
    ELIGIBLE_AT_LATER_RUN(
            "eligible at a later run",
            p -> p.get("field") + " " + p.get("date") + " is not before the cut-off " + p.get("cutoff")
                    + ": eligible at the run of " + p.get("run") + ", in " + p.get("days") + " days"),
    USER_GROUP_NOT_COVERED(
            "user group not covered by the purge",
            p -> "user group " + p.get("user_group") + " is not one the purge covers " + p.get("user_groups")),
    RECORD_TYPE_NOT_COVERED(
            "record type not covered by the purge",
            p -> "record type " + p.get("record_type") + " is not one the purge covers " + p.get("record_types")),
    BEFORE_CUTOFF(
            "before the cut-off",
            p -> p.get("field") + " " + p.get("date") + " is before the cut-off " + p.get("cutoff")),
    ACTIVE_LOANS("active loans", "active loan", p -> {
        int count = Integer.parseInt(String.valueOf(p.get("count")));
        return "the purge job will refuse it: " + count + " active loan" + (count == 1 ? "" : "s");
    }),
    ACTIVE_BALANCE(
            "active balance",
            "active balance",
            p -> "the purge job will refuse it: an active balance of " + p.get("balance")
                    + (p.containsKey("waive_threshold")
                            ? ", above the waive threshold " + p.get("waive_threshold")
                            : "")),
    NO_EXPIRY_DATE("no expiry date", p -> "no expiry date: never marked inactive"),
    NOT_EXPIRED("not expired", p -> "expires " + p.get("expiry_date")),
    EXPIRED_RECENTLY(
            "expired recently",
            p -> "expired " + p.get("days") + " days ago, inactive after " + p.get("inactive_after")),
    ALREADY_INACTIVE(
            "expired and already not active",
            p -> "expired " + p.get("days") + " days ago and already " + p.get("status")),
    EXPIRED_LONG_AGO(
            "expired long enough ago to mark inactive",
            p -> "expired " + p.get("days") + " days ago (" + p.get("inactive_after") + " or more): marked inactive"),
    REFUSED_BY_ALMA("refused by Alma before", p -> "refused by Alma on " + p.get("day") + ": " + p.get("alma_reason")),
    REFUSED_EARLIER_TODAY(
            "refused by Alma earlier today",
            p -> "refused earlier today (job instance " + p.get("job_instance") + "): " + p.get("alma_reason")),
    // How Alma's purge job report names the blockers its API does not show (the FLVC guide's list and Alma's
    // documentation).
    PO_LINES("PO lines", "PO lines", Reason::almaText),
    PURCHASE_ORDERS("purchase orders", "purchase orders", Reason::almaText),
    INVOICES("invoices", "invoices", Reason::almaText),
    LOCKED_RECORDS("locked bibliographic records", "locked bibliographic", Reason::almaText),
    IMPORT_PROFILES("import profiles", "import profiles", Reason::almaText),
    MD_EDITOR("working in the MD Editor", "MD Editor", Reason::almaText),
    RESEARCH_ASSETS("research assets", "research assets", Reason::almaText),
    RESEARCH_GRANTS("research grants", "research grants", Reason::almaText),
    RS_REQUESTS_ON_HOLD_SHELF(
            "resource-sharing requests on the hold shelf", "resource-sharing requests", Reason::almaText),
    HELD_BY_ANOTHER_JOB("held by another running job", "another job", Reason::almaText),
    /** A refusal in words the engine does not know: shown as Alma wrote it. */
    OTHER_ALMA_REASON("other reasons given by Alma", Reason::almaText);

    private final String label;
    private final Optional<String> almaWords;
    private final Function<Map<String, Object>, String> sentence;

    ReasonCode(String label, Function<Map<String, Object>, String> sentence) {
        this.label = label;
        this.almaWords = Optional.empty();
        this.sentence = sentence;
    }

    ReasonCode(String label, String almaWords, Function<Map<String, Object>, String> sentence) {
        this.label = label;
        this.almaWords = Optional.of(almaWords.toLowerCase(Locale.ROOT));
        this.sentence = sentence;
    }

    /** What patrons with this reason have in common, for a chart or a table of counts. */
    public String label() {
        return label;
    }

    /** Whether this reason is a blocker: the purge job refuses a patron who has it. */
    public boolean blocks() {
        return almaWords.isPresent()
                || this == OTHER_ALMA_REASON
                || this == REFUSED_BY_ALMA
                || this == REFUSED_EARLIER_TODAY;
    }

    String sentence(Map<String, Object> parameters) {
        // A blocker read from Alma's report is told in Alma's words, whatever the engine would have said.
        return almaWords.isPresent() && parameters.containsKey("alma_reason")
                ? Reason.almaText(parameters)
                : sentence.apply(parameters);
    }

    Optional<String> almaWords() {
        return almaWords;
    }
}

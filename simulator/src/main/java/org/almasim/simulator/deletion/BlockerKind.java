package org.almasim.simulator.deletion;

/**
 * The conditions of the FLVC guide (and Alma's documentation) that stop a user from being deleted, other than loans
 * and fees, which block through their own data. Each carries the words the job report uses.
 */
public enum BlockerKind {
    PO_LINE("User has PO lines assigned."),
    PURCHASE_ORDER("User has purchase orders assigned."),
    INVOICE("User has invoices assigned."),
    LOCKED_BIB_RECORD("User has locked bibliographic records."),
    IMPORT_PROFILE("User has import profiles assigned."),
    MD_EDITOR_SESSION("User is currently working in the MD Editor."),
    RESEARCH_ASSET("User has research assets (Esploro)."),
    RESEARCH_GRANT("User has research grants (Esploro)."),
    RS_REQUEST_ON_HOLD_SHELF("User has resource-sharing requests on the hold shelf.");

    private final String reason;

    BlockerKind(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** Research assets and grants count only where the institution has research (Esploro) enabled. */
    public boolean needsResearch() {
        return this == RESEARCH_ASSET || this == RESEARCH_GRANT;
    }
}

package org.almasim.simulator.links;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every link almasim puts in an answer, spelled once: Alma's answers carry links to the user, fee, loan, item, set and job
 * they describe, built on the address the client reached ({@code http.PublicAddress}). {@code Routes} spells the routes
 * under {@link #API}; this spells the links to them. Services get one from their controller and never write a URL.
 */
public record AlmaLinks(String base) {
    /** Where Alma's API lives on a host. */
    public static final String API = "/almaws/v1";

    /** Where almasim's own control plane lives: {@code Routes} registers it, the typed control client calls it. */
    public static final String CONTROL_PLANE = "/almasim/v1";

    /** The one route that needs no key. */
    public static final String HEALTH = CONTROL_PLANE + "/health";

    /** Alma's SIS synchronisation of a file: its body is streamed rather than read whole. */
    public static final String SIS_LOAD = CONTROL_PLANE + "/sis-load";

    /** The library as one file: a snapshot put back is streamed rather than read whole. */
    public static final String SNAPSHOT = CONTROL_PLANE + "/snapshot";

    public String user(String primaryId) {
        return base + API + "/users/" + encode(primaryId);
    }

    /** The link of a user's loan, fee or request list ({@code expand=loans,fees,requests}). */
    public String userList(String primaryId, String list) {
        return user(primaryId) + "/" + list;
    }

    public String fee(String primaryId, String feeId) {
        return userList(primaryId, "fees") + "/" + feeId;
    }

    public String loan(String primaryId, String loanId) {
        return userList(primaryId, "loans") + "/" + loanId;
    }

    public String item(String mmsId, String holdingId, String itemPid) {
        return base + API + "/bibs/" + mmsId + "/holdings/" + holdingId + "/items/" + itemPid;
    }

    /** Where Alma links an item named by its barcode (a fee's {@code barcode.link}): the items API, which redirects to the item. */
    public String itemByBarcode(String barcode) {
        return base + API + "/items?item_barcode=" + encode(barcode);
    }

    public String set(String setId) {
        return base + API + "/conf/sets/" + setId;
    }

    public String setMembers(String setId) {
        return set(setId) + "/members";
    }

    public String job(String jobId) {
        return base + API + "/conf/jobs/" + jobId;
    }

    public String jobInstance(String jobId, String instanceId) {
        return job(jobId) + "/instances/" + instanceId;
    }

    private static String encode(String pathOrQueryValue) {
        return URLEncoder.encode(pathOrQueryValue, StandardCharsets.UTF_8);
    }
}

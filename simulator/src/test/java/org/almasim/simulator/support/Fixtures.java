package org.almasim.simulator.support;

/** Small, readable request bodies for tests. */
public final class Fixtures {
    private Fixtures() {}

    public static String user(String primaryId) {
        return user(primaryId, "UNDERGRAD", "2030-01-16Z");
    }

    public static String user(String primaryId, String group, String expiry) {
        return """
                {"record_type":{"value":"PUBLIC"},"primary_id":"%s","first_name":"Dana","last_name":"Diaz",
                 "user_group":{"value":"%s"},"expiry_date":"%s","purge_date":"%s","account_type":{"value":"INTERNAL"},
                 "status":{"value":"ACTIVE"},
                 "contact_info":{"email":[{"email_address":"%s@example.edu","preferred":true,"email_type":[{"value":"personal"}]}]},
                 "user_identifier":[{"id_type":{"value":"BARCODE"},"value":"B-%s","status":"ACTIVE"}],
                 "user_role":[{"status":{"value":"ACTIVE"},"scope":{"value":"MAIN"},"role_type":{"value":"200"}}]}
                """.formatted(primaryId, group, expiry, expiry, primaryId, primaryId);
    }

    public static String items(String... barcodes) {
        StringBuilder yaml = new StringBuilder("items:\n");
        for (String barcode : barcodes) {
            yaml.append("  - barcode: ").append(barcode).append("\n    title: Florida waterways\n    library: MAIN\n");
        }
        return yaml.toString();
    }
}

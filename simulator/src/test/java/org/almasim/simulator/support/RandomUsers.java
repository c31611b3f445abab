package org.almasim.simulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.population.SyntheticPopulation;

/**
 * Varied valid users for property tests: a synthetic patron, dressed with random optional segments and awkward text
 * (accents, CJK, apostrophes, XML metacharacters), and a shrinker that strips optional parts one at a time.
 */
public final class RandomUsers {
    private static final String[] AWKWARD = {
        "Zoë",
        "O'Brien",
        "王小明",
        "Smith & Sons",
        "<b>bold</b>",
        "Ångström",
        "José-María",
        "\"quoted\"",
        "tab\tbetween",
        "Ünïcödé ✓"
    };
    private static final List<String> MANDATORY = List.of("record_type", "primary_id", "account_type", "external_id");

    private RandomUsers() {}

    public static ObjectNode user(SplittableRandom random, int index, LocalDate today) {
        var patron = SyntheticPopulation.patron(random.nextLong(), index, today);
        ObjectNode user = AlmaFormats.JSON.valueToTree(patron.user());
        user.put("primary_id", "prop-" + index + "-" + Long.toHexString(random.nextLong() & 0xffffff));
        ((ObjectNode) user.path("user_identifier").get(0))
                .put("value", "BC-" + user.path("primary_id").asText());
        if (random.nextBoolean()) {
            user.put("middle_name", text(random));
        }
        if (random.nextBoolean()) {
            user.put("first_name", text(random));
        }
        if (random.nextBoolean()) {
            user.put("birth_date", AlmaDatesForTests.format(today.minusDays(6000 + random.nextInt(20000))));
        }
        if (random.nextBoolean()) {
            user.put("job_description", text(random));
        }
        if (random.nextBoolean()) {
            user.set("gender", code(random.nextBoolean() ? "FEMALE" : "MALE"));
        }
        if (random.nextBoolean()) {
            user.set("preferred_language", code("en"));
        }
        if (random.nextBoolean()) {
            ObjectNode contact = (ObjectNode) user.path("contact_info");
            ArrayNode addresses = contact.putArray("address");
            ObjectNode address = addresses.addObject();
            address.put("preferred", true);
            address.put("segment_type", "Internal");
            address.put("line1", text(random));
            address.put("city", "Tallahassee");
            address.put("postal_code", "32301");
            address.set("country", code("USA"));
            address.put("start_date", AlmaDatesForTests.format(today.minusDays(random.nextInt(900))));
            address.putArray("address_type").add(code("home"));
            ArrayNode phones = contact.putArray("phone");
            ObjectNode phone = phones.addObject();
            phone.put("preferred", random.nextBoolean());
            phone.put("preferred_sms", random.nextBoolean());
            phone.put("phone_number", "850-555-" + (1000 + random.nextInt(9000)));
            phone.putArray("phone_type").add(code("mobile"));
        }
        if (random.nextBoolean()) {
            ObjectNode note = user.putArray("user_note").addObject();
            note.put("segment_type", "Internal");
            note.set("note_type", code("CIRCULATION"));
            note.put("note_text", text(random));
            note.put("user_viewable", random.nextBoolean());
            note.put("popup_note", false);
        }
        if (random.nextBoolean()) {
            ObjectNode block = user.putArray("user_block").addObject();
            block.set("block_type", code("GENERAL"));
            block.set("block_description", code("02"));
            block.put("block_status", "ACTIVE");
            block.put("block_note", text(random));
        }
        if (random.nextBoolean()) {
            ObjectNode statistic = user.putArray("user_statistic").addObject();
            statistic.set("statistic_category", code("ST" + random.nextInt(9)));
            statistic.put("statistic_note", text(random));
        }
        if (random.nextBoolean()) {
            ObjectNode role = user.putArray("user_role").addObject();
            role.set("status", code("ACTIVE"));
            role.set("scope", code("MAIN"));
            role.set("role_type", code("200"));
        }
        return user;
    }

    /** Variants with one optional field or list element removed, biggest first. */
    public static List<ObjectNode> shrink(ObjectNode user) {
        List<ObjectNode> smaller = new ArrayList<>();
        for (Iterator<String> names = user.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MANDATORY.contains(name)) {
                ObjectNode copy = user.deepCopy();
                copy.remove(name);
                smaller.add(copy);
            }
        }
        JsonNode contact = user.path("contact_info");
        for (Iterator<String> names = contact.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            ObjectNode copy = user.deepCopy();
            ((ObjectNode) copy.path("contact_info")).remove(name);
            smaller.add(copy);
        }
        return smaller;
    }

    private static String text(SplittableRandom random) {
        return random.nextInt(3) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)] : "plain" + random.nextInt(1000);
    }

    private static ObjectNode code(String value) {
        ObjectNode code = AlmaFormats.JSON.createObjectNode();
        code.put("value", value);
        return code;
    }

    /** Alma's date form, spelled here so tests do not depend on the code under test for it. */
    static final class AlmaDatesForTests {
        static String format(LocalDate date) {
            return date + "Z";
        }
    }
}

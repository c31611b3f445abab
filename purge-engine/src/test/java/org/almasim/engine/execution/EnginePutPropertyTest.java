package org.almasim.engine.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.simulator.support.PropertyRunner;
import org.almasim.simulator.support.RandomUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine's edits go as GET then PUT of the whole user: every field it does not change must come back as it was. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnginePutPropertyTest {
    private static final LocalDate TODAY = DemoAlma.FLVC_2024;

    private final DemoAlma demo = DemoAlma.empty();
    private final AlmaClient alma = demo.alma;

    @AfterAll
    void stop() {
        demo.close();
    }

    @Test
    void aPutByTheEngineLeavesEveryOtherFieldAsItWas() {
        PropertyRunner.check(
                "a PUT of the user as GET gave it, with only the purge date changed, changes only the purge date",
                (random, i) -> RandomUsers.user(random, i, TODAY),
                this::onlyPurgeDateChanges,
                user -> RandomUsers.shrink(user));
    }

    private Optional<String> onlyPurgeDateChanges(ObjectNode generated) {
        String id = generated.path("primary_id").asText();
        alma.post("/almaws/v1/users", Map.of(), generated);
        try {
            ObjectNode before = new AlmaUsers(alma).get(id);
            ObjectNode edited = before.deepCopy();
            edited.put("purge_date", "2031-12-31Z");
            new AlmaUsers(alma).put(id, edited);
            ObjectNode after = new AlmaUsers(alma).get(id);
            if (!after.path("purge_date").asText().equals("2031-12-31Z")) {
                return Optional.of("the purge date did not change: " + after);
            }
            after.remove("purge_date");
            before.remove("purge_date");
            return after.equals(before) ? Optional.empty() : Optional.of("before " + before + "\n    after  " + after);
        } finally {
            alma.delete("/almaws/v1/users/" + URLEncoder.encode(id, StandardCharsets.UTF_8), Map.of());
        }
    }
}

package org.almasim.simulator.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.almasim.simulator.Database;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.support.AlmaClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deleted user leaves nothing behind: every row that hangs on it goes with it, in one statement per table. */
class UserDeletionTest {
    @Test
    void everyTableThatRefersToAUserIsEmptiedOfItByTheDeletionAndNoKeyCascades() {
        org.jooq.Result<org.jooq.Record> references;
        try (Database database = Database.open("mem")) {
            references = database.dsl().fetch("""
                        SELECT child.TABLE_NAME, r.DELETE_RULE
                        FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS r
                        JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS child ON child.CONSTRAINT_NAME = r.CONSTRAINT_NAME
                        JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS parent
                          ON parent.CONSTRAINT_NAME = r.UNIQUE_CONSTRAINT_NAME
                        WHERE parent.TABLE_NAME = 'PATRON'""");
        }
        Set<String> deleted = UserRepository.DEPENDANTS.stream()
                .map(field -> field.getTable().getName().toUpperCase())
                .collect(Collectors.toSet());

        assertThat(references.getValues(0, String.class)).containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(references.getValues(1, String.class))
                .as("a cascading key costs H2 a parsed statement per deleted row")
                .allSatisfy(rule -> assertThat(rule).isIn("RESTRICT", "NO ACTION"));
    }

    @Test
    void noRowHangsOnAUserAlmaLetGo(@TempDir Path dir) throws Exception {
        String location = dir.resolve("library").toString();
        SimulatorConfig config = SimulatorConfig.defaults()
                .withDatabase(location)
                .withToday(LocalDate.of(2024, 8, 1))
                .withApiKeys(List.of(ApiKeys.DEVELOPMENT_KEY));
        int deleted = 0;
        try (Simulator simulator = Simulator.create(config).start(0)) {
            simulator.load(PopulationService.demo());
            var alma = new AlmaClient(simulator.baseUrl(), ApiKeys.DEVELOPMENT_KEY);
            for (var user : PopulationService.demo().users()) {
                if (alma.send("DELETE", "/almaws/v1/users/" + user.primaryId(), Map.of(), null, null, AlmaClient.JSON)
                                .status()
                        == 204) {
                    deleted++;
                }
            }
        }

        assertThat(deleted).as("demo patrons Alma lets go").isPositive();
        try (var db = DriverManager.getConnection("jdbc:h2:file:" + location, "sa", "")) {
            for (var owner : UserRepository.DEPENDANTS) {
                String table = owner.getTable().getName();
                var orphans = db.createStatement()
                        .executeQuery("SELECT COUNT(*) FROM " + table + " t WHERE NOT EXISTS"
                                + " (SELECT 1 FROM PATRON p WHERE p.USER_KEY = t.USER_KEY)");
                orphans.next();
                assertThat(orphans.getInt(1))
                        .as(table + " rows of deleted users")
                        .isZero();
            }
            var transactions = db.createStatement()
                    .executeQuery("SELECT COUNT(*) FROM FEE_TRANSACTION t WHERE NOT EXISTS"
                            + " (SELECT 1 FROM FEE f WHERE f.FEE_ID = t.FEE_ID)");
            transactions.next();
            assertThat(transactions.getInt(1))
                    .as("transactions of deleted fees")
                    .isZero();
        }
    }
}

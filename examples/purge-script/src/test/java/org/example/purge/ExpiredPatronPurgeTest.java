package org.example.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.almasim.junit.Almasim;
import org.almasim.junit.AlmasimTest;
import org.junit.jupiter.api.Test;

/** The team's purge script rehearsed against almasim's demo library, FLVC's 2024 run: cut-off 2023-07-01. */
@AlmasimTest(population = "demo", today = "2024-08-01")
class ExpiredPatronPurgeTest {
    @Test
    void expiredPatronsAreDeletedAndThoseWithLoansOrFinesAreRefusedByAlma(Almasim alma) throws Exception {
        ExpiredPatronPurge purge = new ExpiredPatronPurge(alma.baseUrl(), alma.apiKey());

        ExpiredPatronPurge.Outcome outcome = purge.run(LocalDate.of(2023, 7, 1));

        assertThat(outcome.deleted()).isNotEmpty();
        assertThat(outcome.refused())
                .as("Alma keeps a patron with an active loan or balance, and says why")
                .isNotEmpty()
                .allSatisfy((id, why) -> assertThat(why).containsAnyOf("loan", "balance", "locked", "block"));
        ExpiredPatronPurge.Outcome again = purge.run(LocalDate.of(2023, 7, 1));
        assertThat(again.deleted())
                .as("a second run finds nothing more to delete")
                .isEmpty();
        assertThat(again.refused()).isEqualTo(outcome.refused());
    }

    /** What the project runs on is its own, older than almasim's: the artifact brings its libraries under its own name. */
    @Test
    void theProjectKeepsItsOwnOlderLibraries(Almasim alma) {
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()).isEqualTo("2.13.5");
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo("5.10.2");
        assertThat(new org.yaml.snakeyaml.Yaml().load("a: 1").toString()).isEqualTo("{a=1}");
        assertThat(alma.baseUrl()).startsWith("http://localhost:");
    }
}

package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.Test;

/** A shared simulator begins each class from that class's annotation: here the demo library on FLVC's day. */
@AlmasimTest(shared = true, population = "demo", today = "2024-08-01")
class SharedDemoLibraryTest {
    @Test
    void theSharedSimulatorHoldsThisClasssLibraryWhateverAnotherClassDidToIt(Almasim alma) throws Exception {
        SharedSimulator.BASE_URLS.add(alma.baseUrl());

        assertThat(SharedSimulator.BASE_URLS)
                .as("one simulator for every shared class")
                .hasSize(1);
        assertThat(alma.today()).isEqualTo(LocalDate.of(2024, 8, 1));
        assertThat(SharedSimulator.users(alma))
                .isEqualTo(PopulationService.demo().users().size());
        alma.setToday(LocalDate.of(2031, 1, 1));
    }
}

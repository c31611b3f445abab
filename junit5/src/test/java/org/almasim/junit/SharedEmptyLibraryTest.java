package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The other shared class: an empty library, whatever the demo class loaded into the same simulator; what it loads and
 * the date it moves to are gone for the demo class in turn, whichever of the two runs first.
 */
@AlmasimTest(shared = true)
class SharedEmptyLibraryTest {
    @Test
    void theSharedSimulatorHoldsAnEmptyLibraryForThisClass(Almasim alma) throws Exception {
        SharedSimulator.BASE_URLS.add(alma.baseUrl());

        assertThat(SharedSimulator.BASE_URLS)
                .as("one simulator for every shared class")
                .hasSize(1);
        assertThat(SharedSimulator.users(alma)).isZero();
        assertThat(alma.today().getYear())
                .as("not the date the other class moved to")
                .isNotEqualTo(2031);
    }
}

package org.almasim.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code @AlmasimTest(snapshot = ...)} starts the class on the saved library, on the date it was saved. */
@ExtendWith(SnapshotFixture.class)
@AlmasimTest(snapshot = SnapshotFixture.FILE)
class SnapshotAttributeTest {
    @Test
    void theClassBeginsOnTheSavedLibraryAndItsDate(Almasim alma) throws Exception {
        assertThat(alma.today()).isEqualTo(SnapshotFixture.SAVED_ON);
        assertThat(SharedSimulator.users(alma)).isEqualTo(SnapshotFixture.PATRONS);
    }
}

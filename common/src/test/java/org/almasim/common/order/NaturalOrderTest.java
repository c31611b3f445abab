package org.almasim.common.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {
    @Test
    void idsAreInTheOrderPeopleReadThem() {
        List<String> sorted =
                List.of("patron-10", "patron-2", "Patron-1", "patron-011", "b", "a-2021", "a-2020").stream()
                        .sorted(NaturalOrder.IDS)
                        .toList();

        assertThat(sorted).containsExactly("a-2020", "a-2021", "b", "Patron-1", "patron-2", "patron-10", "patron-011");
    }
}

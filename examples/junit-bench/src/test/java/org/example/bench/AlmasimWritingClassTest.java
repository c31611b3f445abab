package org.example.bench;

import org.almasim.junit.Almasim;
import org.almasim.junit.AlmasimTest;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Ten tests that each create the same user on the demo library: each passes only if the library was put back before
 * it (the user would exist already), so every test after the first pays a whole reset.
 */
@AlmasimTest(population = "demo", resetBetweenTests = true)
class AlmasimWritingClassTest {
    @RepeatedTest(10)
    void createsAUser(Almasim alma) throws Exception {
        Gets.create(alma.baseUrl(), alma.apiKey(), "written-by-the-test");
        Gets.user(alma.baseUrl(), alma.apiKey(), "written-by-the-test");
    }
}

package org.example.bench;

import org.almasim.junit.Almasim;
import org.almasim.junit.AlmasimTest;
import org.junit.jupiter.api.RepeatedTest;

/** Ten tests of one GET each on the demo library, put back before each test. */
@AlmasimTest(population = "demo", resetBetweenTests = true)
class AlmasimClassTest {
    @RepeatedTest(10)
    void getsAUser(Almasim alma) throws Exception {
        Gets.user(alma.baseUrl(), alma.apiKey(), "flvc-no-dates");
    }
}

package org.example.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

/** The same ten tests on WireMock, a stub of the user put in place before each test (WireMock resets between tests). */
@WireMockTest
class WireMockClassTest {
    private static final String USER = "{\"record_type\":{\"value\":\"PUBLIC\"},\"primary_id\":\"flvc-no-dates\","
            + "\"first_name\":\"Nadia\",\"last_name\":\"Nodates\",\"user_group\":{\"value\":\"UNDERGRAD\"}}";

    @BeforeEach
    void stub() {
        stubFor(get("/almaws/v1/users/flvc-no-dates").willReturn(okJson(USER)));
    }

    @RepeatedTest(10)
    void getsAUser(WireMockRuntimeInfo wireMock) throws Exception {
        Gets.user(wireMock.getHttpBaseUrl(), "any", "flvc-no-dates");
    }
}

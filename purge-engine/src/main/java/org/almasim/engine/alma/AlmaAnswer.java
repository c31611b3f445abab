package org.almasim.engine.alma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** An HTTP answer as read off the connection, which then goes back to the pool, with the headers the client heeds. */
record AlmaAnswer(int status, String body, Optional<Duration> retryAfter, OptionalLong remaining) {

    static AlmaAnswer read(ClassicHttpResponse response) throws IOException, ParseException {
        return new AlmaAnswer(
                response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                retryAfter(response.getFirstHeader("Retry-After")),
                remaining(response.getFirstHeader("X-Exl-Api-Remaining")));
    }

    /**
     * Alma's Retry-After in seconds, the form a throttling answer carries; nothing when absent or in another form (an
     * HTTP date is not read: the engine reads no wall clock), and the client's own backoff applies.
     */
    private static Optional<Duration> retryAfter(Header header) {
        if (header == null || !header.getValue().strip().matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(header.getValue().strip())));
    }

    /** Alma's count of the day's calls left, when the answer carries one as a number. */
    private static OptionalLong remaining(Header header) {
        if (header == null || !header.getValue().strip().matches("[0-9]{1,18}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(header.getValue().strip()));
    }
}

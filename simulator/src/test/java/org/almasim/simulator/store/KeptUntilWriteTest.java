package org.almasim.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A kept read is answered again only while nothing has been written since it was made. */
class KeptUntilWriteTest {
    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final KeptUntilWrite<String, Integer> kept = new KeptUntilWrite<>(version::get, 2);

    private int read(String key) {
        return kept.get(key, reads::incrementAndGet);
    }

    @Test
    void aSecondPageIsAnsweredFromTheFirstPagesReadWhileNothingChanged() {
        int first = read("members of set 1");
        int second = read("members of set 1");

        assertThat(second).isEqualTo(first);
        assertThat(reads).hasValue(1);
    }

    @Test
    void aWriteMakesTheNextAskReadAgain() {
        read("members of set 1");
        version.incrementAndGet();

        assertThat(read("members of set 1")).isEqualTo(2);
    }

    @Test
    void keysAreKeptApart() {
        read("set 1");

        assertThat(read("set 2")).isEqualTo(2);
        assertThat(read("set 1")).isEqualTo(1);
    }

    @Test
    void pastItsCapacityEverythingKeptIsDroppedRatherThanGrowing() {
        read("a");
        read("b");
        read("c");

        assertThat(read("a")).as("a was dropped when c arrived").isEqualTo(4);
    }
}

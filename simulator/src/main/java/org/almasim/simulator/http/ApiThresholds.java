package org.almasim.simulator.http;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.almasim.simulator.errors.AlmaError;

/**
 * Alma's API limits: a daily budget per key (reported in {@code X-Exl-Api-Remaining}, renewed each simulated day)
 * and an optional per-second threshold (off by default; production Alma allows about 50, sandboxes 10).
 */
public final class ApiThresholds {
    private final long dailyLimit;
    private final int perSecond;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, DailyCount> daily = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SecondWindow> windows = new ConcurrentHashMap<>();

    public ApiThresholds(long dailyLimit, int perSecond, LongSupplier nanoTime) {
        this.dailyLimit = dailyLimit;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Counts one call; answers the calls left today, or throws Alma's threshold error. */
    public long admit(String key, LocalDate today) {
        if (perSecond > 0) {
            long second = nanoTime.getAsLong() / 1_000_000_000L;
            SecondWindow window =
                    windows.compute(key, (k, w) -> w == null || w.second != second ? new SecondWindow(second) : w);
            if (window.count.incrementAndGet() > perSecond) {
                throw AlmaError.PER_SECOND_THRESHOLD.refusal();
            }
        }
        DailyCount count = daily.compute(key, (k, c) -> c == null || !c.day.equals(today) ? new DailyCount(today) : c);
        long used = count.calls.incrementAndGet();
        if (used > dailyLimit) {
            throw AlmaError.DAILY_THRESHOLD.refusal();
        }
        return dailyLimit - used;
    }

    public void clear() {
        daily.clear();
        windows.clear();
    }

    private record DailyCount(LocalDate day, AtomicLong calls) {
        DailyCount(LocalDate day) {
            this(day, new AtomicLong());
        }
    }

    private record SecondWindow(long second, AtomicLong count) {
        SecondWindow(long second) {
            this(second, new AtomicLong());
        }
    }
}

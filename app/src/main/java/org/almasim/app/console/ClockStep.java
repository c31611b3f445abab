package org.almasim.app.console;

import java.time.LocalDate;

/** How far the console's clock buttons move the simulated day. */
public enum ClockStep {
    DAY,
    WEEK,
    MONTH,
    YEAR;

    LocalDate after(LocalDate day) {
        return switch (this) {
            case DAY -> day.plusDays(1);
            case WEEK -> day.plusWeeks(1);
            case MONTH -> day.plusMonths(1);
            case YEAR -> day.plusYears(1);
        };
    }
}

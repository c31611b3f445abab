package org.almasim.engine.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.List;

/** When a stage runs: every week on a day, every month on a day ({@code monthly: 1}), every year on a date ({@code yearly: "08-01"}), or on listed dates. */
public record Schedule(
        @JsonProperty("weekly") DayOfWeek weekly,
        @JsonProperty("monthly") Integer monthly,
        @JsonProperty("yearly") String yearly,
        @JsonProperty("dates") List<LocalDate> dates) {

    public Schedule {
        dates = dates == null ? List.of() : List.copyOf(dates);
    }

    /** Whether the stage runs on this day. A monthly day past the month's end runs on its last day. */
    public boolean firesOn(LocalDate day) {
        if (weekly != null) {
            return day.getDayOfWeek() == weekly;
        }
        if (monthly != null) {
            return day.getDayOfMonth() == Math.min(monthly, day.lengthOfMonth());
        }
        if (yearly != null) {
            MonthDay date = yearlyDate();
            return MonthDay.from(day).equals(date)
                    || date.equals(MonthDay.of(2, 29))
                            && !day.isLeapYear()
                            && MonthDay.from(day).equals(MonthDay.of(2, 28));
        }
        return dates.contains(day);
    }

    /** {@code yearly: "08-01"} as a month and day; null when it is not one. */
    MonthDay yearlyDate() {
        try {
            return MonthDay.parse("--" + yearly.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    int kinds() {
        return (weekly != null ? 1 : 0)
                + (monthly != null ? 1 : 0)
                + (yearly != null ? 1 : 0)
                + (dates.isEmpty() ? 0 : 1);
    }
}

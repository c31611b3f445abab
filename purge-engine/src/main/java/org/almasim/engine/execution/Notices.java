package org.almasim.engine.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.Schedule;

/**
 * The policy's announcements due on a day (FLVC: two weeks before a run, the day before, an all-clear after), written
 * to an outbox folder, one file each, for whoever sends mail to pick up.
 */
public final class Notices {
    private Notices() {}

    /** A notice due on a day, about the run on {@code runDate}. */
    public record Due(LocalDate day, LocalDate runDate, List<String> to, String message) {
        public String text(String policy) {
            return "To: " + String.join(", ", to) + "\nSubject: " + policy + " - run of " + runDate + "\nDate: " + day
                    + "\n\n" + message + "\n";
        }
    }

    /** The notices due on this day: the schedule of the purge stage (or the policy's) fires that long after or before it. */
    public static List<Due> due(Policy policy, LocalDate day) {
        Schedule schedule = policy.purge() != null && policy.purge().schedule() != null
                ? policy.purge().schedule()
                : policy.schedule();
        List<Due> due = new ArrayList<>();
        if (schedule == null) {
            return due;
        }
        for (Policy.Notice notice : policy.notices()) {
            LocalDate run = notice.before() != null ? day.plus(notice.before()) : day.minus(notice.after());
            if (schedule.firesOn(run)) {
                due.add(new Due(day, run, notice.to(), notice.message()));
            }
        }
        return due;
    }

    /** Writes each notice as a file in the outbox; answers the files written. */
    public static List<Path> write(Policy policy, List<Due> notices, Path outbox) throws IOException {
        Files.createDirectories(outbox);
        String slug = policy.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < notices.size(); i++) {
            Due notice = notices.get(i);
            Path file = outbox.resolve(notice.day() + "-" + slug + "-" + (i + 1) + ".txt");
            Files.writeString(file, notice.text(policy.name()), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }
}

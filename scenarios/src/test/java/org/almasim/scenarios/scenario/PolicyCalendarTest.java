package org.almasim.scenarios.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** What the calendar tells of the runs it makes as the clock moves. */
class PolicyCalendarTest {
    @Test
    void aPolicyTheSafetyLimitsStopEveryMonthIsToldOnceNotEveryMonth() {
        try (DemoAlma demo = DemoAlma.withDemoPatrons()) {
            Policy stopped = PolicyReader.read("""
                    name: Purges too many
                    purge: {by: expiry_date, older_than: P1Y, schedule: {monthly: 1}}
                    safety: {max_purges: 0}
                    """.getBytes(StandardCharsets.UTF_8), "stopped.yaml");
            List<String> told = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            PolicyCalendar calendar = new PolicyCalendar(
                    demo.alma, demo.control, told::add, DemoAlma.FLVC_2024, new PolicyCalendar.RunListener() {
                        @Override
                        public void ran(PolicyCalendar.Ran run) {}

                        @Override
                        public void refused(String policy, LocalDate day, String stages, String why, String reasons) {
                            refusals.add(day + " " + reasons);
                        }
                    });
            calendar.schedule("stopped", stopped);

            calendar.advanceTo(DemoAlma.FLVC_2024.plusMonths(6));

            assertThat(refusals).as("every month's run is refused and heard").hasSize(6);
            assertThat(told.stream().filter(line -> line.contains("refused: would purge")))
                    .as("%s", told)
                    .hasSize(1);

            // Run by hand, it is told again, with the scheduled runs refused alike since.
            calendar.runStages(
                    "stopped",
                    EnumSet.of(Policy.Stage.PURGE),
                    PolicyRun.Mode.JOB,
                    "run by hand",
                    ProgressListener.NONE);
            assertThat(told).anyMatch(line -> line.endsWith("5 more scheduled runs refused for the same reason"));
            assertThat(told.stream().filter(line -> line.contains("refused: would purge")))
                    .hasSize(2);
        }
    }
}

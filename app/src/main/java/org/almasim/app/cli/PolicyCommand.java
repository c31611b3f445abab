package org.almasim.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.clock.EngineToday;
import org.almasim.engine.consortium.Consortium;
import org.almasim.engine.consortium.ConsortiumReader;
import org.almasim.engine.consortium.ConsortiumReport;
import org.almasim.engine.execution.Notices;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.Reinstatement;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.PolicyDiff;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.engine.report.PreviewFormat;
import org.almasim.engine.report.RunFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code almasim policy ...}: purge policies against any Alma (a simulator or a real institution). */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Apply a purge policy to an Alma.",
        subcommands = {
            PolicyCommand.PreviewCommand.class,
            PolicyCommand.RunCommand.class,
            PolicyCommand.DiffCommand.class,
            PolicyCommand.ReinstateCommand.class,
            PolicyCommand.NoticesCommand.class
        })
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description =
                    "Carry the policy out: fix dates, mark inactive and purge, then compare what Alma did with the preview.")
    static final class RunCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        AlmaOptions options;

        @Option(
                names = "--mode",
                defaultValue = "job",
                converter = ModeOption.class,
                description = "job (Alma's jobs on a set) or per-user (also per_user, as the console and scenario"
                        + " files spell it). Default: ${DEFAULT-VALUE}.")
        PolicyRun.Mode mode;

        @Option(
                names = "--purge-job-id",
                defaultValue = AlmaJobs.Ids.ALMASIM_PURGE_ON_SET,
                description = "The purge-on-a-set job's id. Default: ${DEFAULT-VALUE}.")
        String purgeJob;

        @Option(
                names = "--update-job-id",
                defaultValue = AlmaJobs.Ids.ALMASIM_UPDATE_USERS,
                description = "The Update/Notify Users job's id. Default: ${DEFAULT-VALUE}.")
        String updateJob;

        @Option(
                names = "--predict",
                description = "Read every purge candidate's loans and balances first and compare Alma's refusals with"
                        + " them, even where a candidate set's purge is left to Alma's job (more calls).")
        boolean predict;

        private PolicyRun runner(AlmaClient alma, AlmaJobs.Ids jobs, ProgressListener progress) {
            PolicyRun run = new PolicyRun(alma, jobs, progress);
            return predict ? run.predicting() : run;
        }

        @Override
        public Integer call() {
            PolicyRun.Mode runMode = mode;
            AlmaJobs.Ids jobs = new AlmaJobs.Ids(purgeJob, updateJob);
            if (options.consortium != null) {
                // Members run side by side: one progress bar each would garble the terminal, so none is drawn.
                return options.eachMember(
                        spec,
                        ConsortiumReport::ofRuns,
                        (member, alma, policy) ->
                                runner(alma, jobs, ProgressListener.NONE).run(policy, options.today(alma), runMode),
                        report -> RunFormat.TEXT.render((RunReport) report));
            }
            return options.handle(spec, List.of("text", "csv", "json"), () -> {
                var report = runner(options.alma(), jobs, TerminalProgress.create())
                        .run(options.policy(), options.today(), runMode);
                return RunFormat.parse(options.format).render(report);
            });
        }
    }

    /** {@code --mode}: one spelling of each mode everywhere, the command line's and the console's alike. */
    static final class ModeOption implements CommandLine.ITypeConverter<PolicyRun.Mode> {
        @Override
        public PolicyRun.Mode convert(String value) {
            try {
                return PolicyRun.Mode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("use job or per-user, not '" + value + "'");
            }
        }
    }

    @Command(
            name = "reinstate",
            mixinStandardHelpOptions = true,
            description =
                    "Reinstate patrons as the policy says: ACTIVE, a new expiry date, EXTERNAL accounts toggled for the edit.")
    static final class ReinstateCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        AlmaOptions options;

        @Option(
                names = "--user",
                required = true,
                paramLabel = "PRIMARY_ID",
                description = "A patron to reinstate. Repeatable.")
        List<String> users;

        @Option(
                names = "--update-job-id",
                defaultValue = AlmaJobs.Ids.ALMASIM_UPDATE_USERS,
                description = "The Update/Notify Users job's id. Default: ${DEFAULT-VALUE}.")
        String updateJob;

        @Override
        public Integer call() {
            return options.handle(spec, List.of("text"), () -> {
                var outcome = new Reinstatement(
                                options.alma(), new AlmaJobs.Ids(AlmaJobs.Ids.ALMASIM_PURGE_ON_SET, updateJob))
                        .reinstate(options.policy(), users, options.today());
                StringBuilder out = new StringBuilder();
                outcome.forEach(
                        (id, what) -> out.append(id).append(": ").append(what).append('\n'));
                return out.toString();
            });
        }
    }

    @Command(
            name = "notices",
            mixinStandardHelpOptions = true,
            description = "Write the policy's announcements due on a day to an outbox folder (or print them).")
    static final class NoticesCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--policy",
                required = true,
                paramLabel = "NAME|FILE",
                description = "flvc-annual, opal-lifecycle, or a policy file.")
        String policy;

        @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The day. Default: today.")
        LocalDate asOf;

        @Option(
                names = "--outbox",
                paramLabel = "DIR",
                description = "Write one file per notice here. Default: print them.")
        Path outbox;

        @Option(
                names = "--consortium",
                paramLabel = "FILE",
                description = "Each member's notices, to the consortium's lists and the member's coordinators"
                        + " (in a folder per member of the outbox).")
        Path consortium;

        @Override
        public Integer call() {
            return AlmaOptions.report(spec, "text", () -> {
                Policy shared = PolicyReader.load(policy);
                LocalDate day = EngineToday.of(Optional.ofNullable(asOf));
                if (consortium == null) {
                    return notices(shared, day, outbox);
                }
                Consortium members = ConsortiumReader.load(consortium);
                StringBuilder out = new StringBuilder();
                for (Consortium.Member member : members.members()) {
                    out.append("== ").append(member.code()).append(" ==\n");
                    out.append(notices(
                            members.policyFor(member, shared),
                            day,
                            outbox == null ? null : outbox.resolve(member.code())));
                }
                return out.toString();
            });
        }

        private static String notices(Policy loaded, LocalDate day, Path outbox) {
            var due = Notices.due(loaded, day);
            if (due.isEmpty()) {
                return "No notice is due on " + day + ".\n";
            }
            StringBuilder out = new StringBuilder();
            if (outbox != null) {
                try {
                    Notices.write(loaded, due, outbox)
                            .forEach(f -> out.append("wrote ").append(f).append('\n'));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                due.forEach(n -> out.append(n.text(loaded.name())).append('\n'));
            }
            return out.toString();
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description =
                    "Compare two policies (--policy and --against), or one policy on two days (--as-of and --against-as-of).")
    static final class DiffCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        AlmaOptions options;

        @Option(
                names = "--against",
                paramLabel = "NAME|FILE",
                description = "The other policy. Default: the same policy.")
        String against;

        @Option(
                names = "--against-as-of",
                paramLabel = "YYYY-MM-DD",
                description = "The other day. Default: the same day.")
        LocalDate againstAsOf;

        @Override
        public Integer call() {
            if (options.consortium != null) {
                return options.eachMember(
                        spec,
                        ConsortiumReport::ofDiffs,
                        (member, alma, policy) -> diff(
                                policy,
                                against == null
                                        ? policy
                                        : options.consortium().policyFor(member, PolicyReader.load(against)),
                                alma,
                                options.today(alma)),
                        report -> ((PolicyDiff) report).text());
            }
            return options.handle(spec, List.of("text", "json"), () -> {
                var other = against == null ? options.policy() : PolicyReader.load(against);
                var diff = diff(options.policy(), other, options.alma(), options.today());
                if (options.format.equalsIgnoreCase("json")) {
                    return PreviewFormat.toJson(diff);
                }
                return diff.text();
            });
        }

        private PolicyDiff diff(Policy policy, Policy other, AlmaClient alma, LocalDate today) {
            var a = Preview.of(policy, alma, today, 0);
            var b = Preview.of(other, alma, againstAsOf == null ? today : againstAsOf, 0);
            return PolicyDiff.of(a, b);
        }
    }

    @Command(
            name = "preview",
            mixinStandardHelpOptions = true,
            description = "Show what the policy would do to every patron, and why, without changing anything.")
    static final class PreviewCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        AlmaOptions options;

        @Option(
                names = "--near-days",
                defaultValue = "30",
                description = "Near misses: eligible within this many days. Default: ${DEFAULT-VALUE}.")
        int nearDays;

        @Override
        public Integer call() {
            if (options.consortium != null) {
                return options.eachMember(
                        spec,
                        ConsortiumReport::ofPreviews,
                        (member, alma, policy) -> Preview.of(policy, alma, options.today(alma), nearDays),
                        report -> PreviewFormat.TEXT.render((PreviewReport) report));
            }
            return options.handle(
                    spec,
                    List.of("text", "csv", "json"),
                    () -> PreviewFormat.parse(options.format)
                            .render(Preview.of(options.policy(), options.alma(), options.today(), nearDays)));
        }
    }
}

package org.almasim.engine.consortium;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.almasim.control.ControlPlane;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaSets;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FLVC's yearly purge run across three member colleges of one simulator: each member gets exactly what a run of the
 * shared policy with its own exceptions does to a library of its own, a member that fails stops alone, and a rerun
 * finishes what is unfinished without touching what is done.
 */
class ConsortiumRunTest {
    private static final LocalDate RUN_DAY = LocalDate.of(2024, 8, 1);
    /** Three colleges of different sizes; UCF's ILL groups say "Interlibrary" and it protects a set of its own. */
    private static final List<Member> MEMBERS = List.of(
            new Member("01FALSC_FSU", "synthetic:400", 11),
            new Member("01FALSC_UCF", "synthetic:250", 12),
            new Member("01FALSC_UWF", "demo", 13));

    private record Member(String code, String population, long seed) {
        String key() {
            return ApiKeys.developmentKey(code);
        }
    }

    @TempDir
    Path directory;

    private Simulator consortiumAlma;
    private Policy shared;

    @BeforeEach
    void threeCollegesInOneSimulator() {
        consortiumAlma =
                Simulator.create(SimulatorConfig.defaults().withToday(RUN_DAY)).start(0);
        for (Member member : MEMBERS) {
            consortiumAlma.addInstitution(Institution.Spec.of(member.code())).load(member.population(), member.seed());
        }
        shared = PolicyReader.load("flvc-annual");
    }

    @AfterEach
    void stop() {
        consortiumAlma.close();
    }

    @Test
    void eachMemberEndsExactlyAsARunOfItsOwnPolicyOnItsOwnAlmaEnds() throws IOException {
        Consortium consortium = ConsortiumReader.load(consortiumFile(""));
        List<ConsortiumRun.MemberOutcome<RunReport>> outcomes = runEveryMember(consortium);

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isEmpty());
        for (int i = 0; i < MEMBERS.size(); i++) {
            Member member = MEMBERS.get(i);
            try (Simulator alone = Simulator.create(SimulatorConfig.defaults().withToday(RUN_DAY))
                    .start(0)) {
                alone.load(member.population(), member.seed());
                AlmaClient aloneAlma = new AlmaClient(alone.baseUrl(), "l8xxalmasimdevelopmentkey");
                Policy ownPolicy = consortium.policyFor(consortium.members().get(i), shared);
                RunReport single = newRun(aloneAlma).run(ownPolicy, RUN_DAY, PolicyRun.Mode.JOB);

                RunReport inConsortium = outcomes.get(i).result().orElseThrow();
                assertThat(withoutJobInstances(inConsortium))
                        .as("%s's report", member.code())
                        .isEqualTo(withoutJobInstances(single));
                assertThat(digest(memberControl(member)))
                        .as("%s's library after the run", member.code())
                        .isEqualTo(digest(ControlPlane.at(alone.baseUrl(), "l8xxalmasimdevelopmentkey")));
            }
        }
        assertThat(outcomes.get(0).result().orElseThrow().purge().done())
                .as("a run that purges someone, so the comparison means something")
                .isPositive();
    }

    @Test
    void aMembersOwnIllGroupWordingIsWhatItsFixUpsLookFor() throws IOException {
        Consortium consortium = ConsortiumReader.load(consortiumFile(""));
        Policy ucf = consortium.policyFor(consortium.members().get(1), shared);
        assertThat(ucf.fixups().fixedDates())
                .extracting(Policy.FixedDates::userGroupDescriptionContains)
                .containsExactly("Interlibrary");
        Policy fsu = consortium.policyFor(consortium.members().get(0), shared);
        assertThat(fsu.fixups().fixedDates())
                .extracting(Policy.FixedDates::userGroupDescriptionContains)
                .containsExactly("ILL");
        assertThat(ucf.notices().get(0).to()).contains("ucf-ils@example.edu").doesNotContain("fsu-ils@example.edu");
    }

    @Test
    void aFailingMemberStopsAloneAndARerunFinishesItWithoutTouchingTheOthers() throws IOException {
        // UCF protects a set it has not made yet: Alma refuses the reference, so UCF must stop and the others go on.
        Consortium consortium = ConsortiumReader.load(consortiumFile("    protect_sets: [UCF staff]\n"));
        Map<String, String> ucfBefore = digest(memberControl(MEMBERS.get(1)));

        List<ConsortiumRun.MemberOutcome<RunReport>> first = runEveryMember(consortium);

        assertThat(first.get(1).failure()).get().asString().contains("UCF staff");
        assertThat(digest(memberControl(MEMBERS.get(1))))
                .as("the stopped member is untouched")
                .isEqualTo(ucfBefore);
        assertThat(first.get(0).finished()).isTrue();
        assertThat(first.get(2).finished()).isTrue();
        ConsortiumReport report = ConsortiumReport.ofRuns(consortium, shared.name(), first);
        assertThat(report.stopped())
                .extracting(ConsortiumReport.MemberSection::code)
                .containsExactly("01FALSC_UCF");
        assertThat(report.totals().get("purged"))
                .as("the consortium's total counts the members that finished")
                .isEqualTo(first.get(0).result().orElseThrow().purge().done()
                        + first.get(2).result().orElseThrow().purge().done());

        new AlmaSets(memberAlma(MEMBERS.get(1))).itemized("UCF staff", List.of());
        Map<String, String> fsuAfterFirst = digest(memberControl(MEMBERS.get(0)));
        List<ConsortiumRun.MemberOutcome<RunReport>> rerun = runEveryMember(consortium);

        assertThat(rerun).allSatisfy(o -> assertThat(o.failure()).isEmpty());
        assertThat(rerun.get(1).result().orElseThrow().purge().done())
                .as("the member that stopped is purged now")
                .isPositive();
        assertThat(rerun.get(0).result().orElseThrow().purge().done())
                .as("a finished member finds nothing left to purge")
                .isZero();
        assertThat(rerun.get(0).result().orElseThrow().datesFixed()).isZero();
        assertThat(digest(memberControl(MEMBERS.get(0))))
                .as("nothing but the new job's history changed in a finished member")
                .isEqualTo(fsuAfterFirst);
    }

    @Test
    void aKeyThatOpensAnotherInstitutionStopsThatMemberBeforeAnyChange() throws IOException {
        // UWF's key file holds FSU's key: running UWF's policy would act on FSU's patrons.
        Files.writeString(directory.resolve("01FALSC_UWF.key"), MEMBERS.get(0).key());
        Consortium consortium = ConsortiumReader.load(consortiumFile(""));
        Map<String, String> fsuBefore = digest(memberControl(MEMBERS.get(0)));
        Map<String, String> uwfBefore = digest(memberControl(MEMBERS.get(2)));

        List<ConsortiumRun.MemberOutcome<RunReport>> outcomes = runEveryMember(consortium);

        assertThat(outcomes.get(2).failure())
                .get()
                .asString()
                .contains("opens institution 01FALSC_FSU, not 01FALSC_UWF");
        assertThat(digest(memberControl(MEMBERS.get(2)))).isEqualTo(uwfBefore);
        assertThat(digest(memberControl(MEMBERS.get(0)))).isNotEqualTo(fsuBefore);
        assertThat(outcomes.get(0).finished()).isTrue();
    }

    private List<ConsortiumRun.MemberOutcome<RunReport>> runEveryMember(Consortium consortium) {
        return new ConsortiumRun(name -> Optional.empty(), AlmaClient::new)
                .forEachMember(
                        consortium,
                        shared,
                        (member, alma, policy) -> newRun(alma).run(policy, RUN_DAY, PolicyRun.Mode.JOB));
    }

    private static PolicyRun newRun(AlmaClient alma) {
        return new PolicyRun(alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE);
    }

    /** The consortium file, each key in a file beside it; {@code ucfExtra} adds lines to UCF's entry. */
    private Path consortiumFile(String ucfExtra) throws IOException {
        StringBuilder yaml = new StringBuilder("name: FLVC\nmembers_at_once: 2\nmembers:\n");
        for (Member member : MEMBERS) {
            Path keyFile = directory.resolve(member.code() + ".key");
            if (!Files.exists(keyFile)) {
                Files.writeString(keyFile, member.key() + "\n");
            }
            yaml.append("  - code: ")
                    .append(member.code())
                    .append("\n    alma_url: ")
                    .append(consortiumAlma.baseUrl())
                    .append("\n    api_key_file: ")
                    .append(member.code())
                    .append(".key\n");
            if (member.code().equals("01FALSC_UCF")) {
                yaml.append("    ill_group_descriptions: [Interlibrary]\n")
                        .append("    coordinators: [ucf-ils@example.edu]\n")
                        .append(ucfExtra);
            }
        }
        Path file = directory.resolve("flvc.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private AlmaClient memberAlma(Member member) {
        return new AlmaClient(consortiumAlma.baseUrl(), member.key());
    }

    private ControlPlane memberControl(Member member) {
        return ControlPlane.at(consortiumAlma.baseUrl(), member.key());
    }

    /**
     * The library's patrons, loans, fees, items, blockers, settings and what deleted patrons left, table by table. Job
     * history and the engine's working sets are left out: a run starts its jobs at a real time and names its sets.
     */
    private static Map<String, String> digest(ControlPlane control) {
        JsonNode digest = control.digest();
        Map<String, String> tables = new TreeMap<>();
        digest.properties().forEach(table -> {
            String name = table.getKey().toLowerCase(Locale.ROOT);
            if (!name.contains("job") && !name.contains("set")) {
                tables.put(name, table.getValue().asText());
            }
        });
        assertThat(tables).as("tables digested").containsKey("patron");
        return tables;
    }

    /** The job instances' ids are each database's own numbering: the rest of the report must be the same. */
    private static RunReport withoutJobInstances(RunReport r) {
        return new RunReport(
                r.policy(),
                r.asOf(),
                r.mode(),
                r.planned(),
                r.datesFixed(),
                withoutJobInstance(r.inactive()),
                withoutJobInstance(r.purge()),
                r.predicted(),
                r.differences(),
                r.decisions());
    }

    private static RunReport.StageResult withoutJobInstance(RunReport.StageResult s) {
        return new RunReport.StageResult(
                null, s.processed(), s.exceptions(), s.done(), s.heldBack(), s.notDoneByReason());
    }
}

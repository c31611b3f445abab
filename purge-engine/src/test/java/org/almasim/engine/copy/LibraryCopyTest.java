package org.almasim.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipInputStream;
import org.almasim.engine.DemoAlma;
import org.almasim.engine.alma.AlmaClient;
import org.almasim.engine.alma.AlmaJobs;
import org.almasim.engine.alma.AlmaUsers;
import org.almasim.engine.evaluation.Decision;
import org.almasim.engine.execution.PolicyRun;
import org.almasim.engine.execution.RunReport;
import org.almasim.engine.policy.Policy;
import org.almasim.engine.policy.PolicyReader;
import org.almasim.engine.preview.Preview;
import org.almasim.engine.preview.PreviewReport;
import org.almasim.engine.progress.ProgressListener;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.SyntheticPopulation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library copied through Alma's API from one almasim standing in for production into another: what purge rules read
 * survives under pseudonyms, nothing that names a person does, and a copy that had to stop goes on where it stopped.
 */
class LibraryCopyTest {
    private static final byte[] SALT = "a salt only this test knows, 32b".getBytes(StandardCharsets.US_ASCII);
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withSalt(SALT);

    private final DemoAlma source = DemoAlma.withDemoPatrons();
    private final DemoAlma copy = DemoAlma.empty();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        source.close();
        copy.close();
    }

    private LibraryCopy copier(AlmaClient from) {
        return new LibraryCopy(
                from,
                PSEUDONYMS,
                false,
                LibraryCopy.Scope.WHOLE_LIBRARY,
                copy.control::loadPopulation,
                dir.resolve("copy.state.json"),
                0,
                progress -> {});
    }

    private CopyState copyAll() {
        LibraryCopy copier = copier(source.alma);
        return copier.copy(copier.newState());
    }

    @Test
    void everyPatronKeepsWhatPurgeRulesReadUnderItsPseudonym() {
        CopyState done = copyAll();

        List<JsonNode> originals = everyUser(source.alma);
        assertThat(done.users()).isEqualTo(originals.size());
        assertThat(everyUser(copy.alma)).hasSameSizeAs(originals);
        for (JsonNode original : originals) {
            String id = original.path("primary_id").asText();
            JsonNode copied = withActivity(copy.alma, PSEUDONYMS.primaryId(id));
            assertThat(purgeFields(copied))
                    .as("what purge rules read of %s", id)
                    .isEqualTo(purgeFields(withActivity(source.alma, id)));
        }
    }

    @Test
    void previewsOfTheCopyAndTheSourceDecideAlikeForTheSameReasons() {
        // OPAL's policy runs on two logical sets and protects an itemized one: the copy carries all three.
        source.opalCandidateSets();
        source.itemizedSet("Community patrons", List.of("flvc-no-dates", "flvc-expired-2022"));
        copyAll();
        for (String name : List.of("flvc-annual", "opal-lifecycle")) {
            Policy policy = PolicyReader.load(name);
            PreviewReport original = Preview.of(policy, source.alma, DemoAlma.FLVC_2024, 0);
            PreviewReport copied = Preview.of(policy, copy.alma, DemoAlma.FLVC_2024, 0);

            assertThat(copied.counts()).as(name).isEqualTo(original.counts());
            Map<String, Decision> copiedById =
                    copied.decisions().stream().collect(Collectors.toMap(Decision::primaryId, Function.identity()));
            for (Decision decision : original.decisions()) {
                Decision twin = copiedById.get(PSEUDONYMS.primaryId(decision.primaryId()));
                assertThat(twin)
                        .as("%s: the copy of %s", name, decision.primaryId())
                        .isNotNull();
                assertThat(twin.action()).isEqualTo(decision.action());
                assertThat(twin.reasons()).isEqualTo(decision.reasons());
            }
        }
    }

    @Test
    void flvcsPurgeRunOnTheCopyDoesWhatItDoesOnTheSource() {
        copyAll();
        Policy flvc = PolicyReader.load("flvc-annual");

        RunReport original = new PolicyRun(source.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                .run(flvc, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);
        RunReport copied = new PolicyRun(copy.alma, AlmaJobs.Ids.ALMASIM, ProgressListener.NONE)
                .run(flvc, DemoAlma.FLVC_2024, PolicyRun.Mode.JOB);

        assertThat(copied.planned()).isEqualTo(original.planned());
        assertThat(copied.datesFixed()).isEqualTo(original.datesFixed());
        assertThat(copied.purge().processed()).isEqualTo(original.purge().processed());
        assertThat(copied.purge().done())
                .isPositive()
                .isEqualTo(original.purge().done());
        assertThat(copied.purge().exceptions().keySet())
                .isEqualTo(original.purge().exceptions().keySet().stream()
                        .map(PSEUDONYMS::primaryId)
                        .collect(Collectors.toSet()));
        assertThat(everyUser(copy.alma).stream().map(u -> u.path("primary_id").asText()))
                .as("who is left")
                .containsExactlyInAnyOrderElementsOf(everyUser(source.alma).stream()
                        .map(u -> PSEUDONYMS.primaryId(u.path("primary_id").asText()))
                        .toList());
    }

    @Test
    void noValueThatNamesAPersonOfTheSourceIsInTheCopyOrItsState() throws IOException {
        // Words any library holds (its code tables and their descriptions) are the library's, not a person's: a patron
        // named Community is not leaked by a user group of that name.
        Path empty = dir.resolve("empty.zip");
        copy.sim.exportTo(empty);
        String vocabulary = unzipped(empty)
                + source.alma.get("/almaws/v1/conf/code-tables/UserGroups", Map.of())
                + source.alma.get("/almaws/v1/conf/code-tables/UserIdentifierTypes", Map.of());
        copyAll();
        Path snapshot = dir.resolve("copy.zip");
        copy.sim.exportTo(snapshot);

        String everything = unzipped(snapshot) + Files.readString(dir.resolve("copy.state.json"));
        List<String> personal = personalValues(everyUser(source.alma));
        assertThat(personal).hasSizeGreaterThan(50);
        assertThat(personal)
                .filteredOn(value -> hasWord(everything, value) && !hasWord(vocabulary, value))
                .as("values of the source's people found in the copy")
                .isEmpty();
    }

    private static boolean hasWord(String text, String value) {
        return Pattern.compile(
                        "(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE)
                .matcher(text)
                .find();
    }

    @Test
    void theSameSaltGivesTheSamePseudonymsAndAnotherSaltOthers() {
        Pseudonyms again = Pseudonyms.withSalt(SALT.clone());
        Pseudonyms other = Pseudonyms.withSalt("another salt, another 32 bytes!!".getBytes(StandardCharsets.US_ASCII));
        for (String id : List.of("flvc-expired-2022", "FLVC-EXPIRED-2022", "S00000001")) {
            assertThat(again.primaryId(id)).isEqualTo(PSEUDONYMS.primaryId(id));
            assertThat(other.primaryId(id)).isNotEqualTo(PSEUDONYMS.primaryId(id));
            assertThat(again.lastName(id)).isEqualTo(PSEUDONYMS.lastName(id));
            assertThat(again.email(id + "@example.edu")).isEqualTo(PSEUDONYMS.email(id + "@example.edu"));
        }
        assertThat(PSEUDONYMS.primaryId("S00000001")).isNotEqualTo(PSEUDONYMS.primaryId("S00000002"));
    }

    @Test
    void aCopyStoppedByAlmasDailyThresholdResumesWhereItStoppedReadingNoUserTwice() {
        source.reset();
        source.sim.load(SyntheticPopulation.chunk(7, 0, 250, DemoAlma.FLVC_2024));
        source.control.addFault(json("{\"fault\":\"DAILY_THRESHOLD\",\"user\":\"S00000160\",\"count\":1}"));
        LibraryCopy copier = copier(source.alma);

        assertThatThrownBy(() -> copier.copy(copier.newState()))
                .isInstanceOf(CopyStopped.class)
                .hasMessageContaining("--resume");
        CopyState stopped = CopyState.read(dir.resolve("copy.state.json")).orElseThrow();
        assertThat(stopped.users()).isEqualTo(160);
        assertThat(stopped.finished()).isFalse();

        CopyState done = copier(source.alma).copy(stopped);

        assertThat(done.finished()).isTrue();
        assertThat(done.users()).isEqualTo(250);
        assertThat(everyUser(copy.alma)).hasSize(250);
        Map<String, Long> readsOfEachUser = source.sim.journal().find(Optional.of("GET"), Optional.empty()).stream()
                .filter(e -> e.status() == 200 && e.path().matches("/almaws/v1/users/[^/]+"))
                .collect(Collectors.groupingBy(e -> e.path(), Collectors.counting()));
        assertThat(readsOfEachUser)
                .hasSize(250)
                .allSatisfy((user, reads) -> assertThat(reads).as(user).isEqualTo(1));
    }

    @Test
    void aCopyStoppedWhileReadingAUsersLoansKeepsNoHalfUserAndTheResumeCopiesTheLoans() {
        source.reset();
        source.sim.load(SyntheticPopulation.chunk(7, 0, 250, DemoAlma.FLVC_2024));
        source.control.addFault(
                json(
                        "{\"fault\":\"DAILY_THRESHOLD\",\"method\":\"GET\",\"path\":\"/almaws/v1/users/*/loans\",\"count\":1}"));
        LibraryCopy copier = copier(source.alma);

        assertThatThrownBy(() -> copier.copy(copier.newState())).isInstanceOf(CopyStopped.class);
        copier(source.alma).copy(CopyState.read(dir.resolve("copy.state.json")).orElseThrow());

        for (JsonNode original : everyUser(source.alma)) {
            String id = original.path("primary_id").asText();
            assertThat(withActivity(copy.alma, PSEUDONYMS.primaryId(id))
                            .path("loans")
                            .path("value")
                            .asInt())
                    .as("the loans of %s", id)
                    .isEqualTo(withActivity(source.alma, id)
                            .path("loans")
                            .path("value")
                            .asInt());
        }
    }

    @Test
    void aCopyThroughThrottlingGatewayErrorsAndDroppedConnectionsEqualsACopyWithoutThem() {
        copyAll();
        List<JsonNode> clean = everyUser(copy.alma);
        copy.reset();
        source.control.addFault(json("{\"fault\":\"PER_SECOND_THRESHOLD\",\"probability\":0.2}"));
        source.control.addFault(json("{\"fault\":\"HTTP_503\",\"probability\":0.1}"));
        source.control.addFault(json("{\"fault\":\"DROP_BEFORE\",\"probability\":0.05}"));
        AlmaClient faulted = new AlmaClient(source.sim.baseUrl(), ApiKeys.DEVELOPMENT_KEY, 8, Duration.ofMillis(2));

        LibraryCopy copier = copier(faulted);
        copier.copy(copier.newState());

        assertThat(everyUser(copy.alma)).isEqualTo(clean);
        assertThat(faulted.retries()).isPositive();
    }

    @Test
    void aLibrarysOwnCodesAndWhatWasPaidOnAFeeAreCopied() {
        source.loadPopulation("""
                code_tables:
                  UserBlockDescription: [{code: LIBRARY_HOLD, description: Held by the library}]
                  UserStatCategories: [{code: HONORS, description: Honors college}]
                  FineFeeTypes: [{code: LOCKER, description: Locker fee}]
                  PaymentMethods: [{code: BURSAR, description: Charged to the bursar}]
                users:
                  - primary_id: locker-user
                    first_name: Lucia
                    last_name: Lockwood
                    account_type: {value: INTERNAL}
                    user_group: {value: GRAD}
                    user_block: [{block_type: {value: GENERAL}, block_description: {value: LIBRARY_HOLD}}]
                    user_statistic: [{statistic_category: {value: HONORS}}]
                fees:
                  - user: locker-user
                    type: LOCKER
                    amount: 20.00
                    balance: 5.00
                    created: 2024-03-01
                    comment: Lucia paid at the desk
                    transactions:
                      - {type: PAYMENT, amount: 10.00, method: BURSAR, date: 2024-04-02}
                      - {type: WAIVE, amount: 5.00, reason: LIBRARY_ERROR, date: 2024-04-03}
                """);

        copyAll();

        String copied = PSEUDONYMS.primaryId("locker-user");
        JsonNode user = copy.alma.get(AlmaClient.API + "/users/" + copied, Map.of());
        assertThat(user.path("user_block")
                        .path(0)
                        .path("block_description")
                        .path("desc")
                        .asText())
                .isEqualTo("Held by the library");
        assertThat(user.path("user_statistic")
                        .path(0)
                        .path("statistic_category")
                        .path("desc")
                        .asText())
                .isEqualTo("Honors college");
        JsonNode fee = copy.alma
                .get(AlmaClient.API + "/users/" + copied + "/fees", Map.of())
                .path("fee")
                .path(0);
        assertThat(fee.path("type").path("desc").asText()).isEqualTo("Locker fee");
        assertThat(fee.path("balance").decimalValue()).isEqualByComparingTo("5");
        assertThat(fee.path("comment").asText())
                .as("a fee's comment may name someone")
                .doesNotContain("Lucia");
        List<String> transactions = new ArrayList<>();
        fee.path("transaction")
                .forEach(t -> transactions.add(t.path("type").path("value").asText() + " "
                        + t.path("amount").decimalValue().stripTrailingZeros().toPlainString() + " "
                        + t.path("payment_method").path("value").asText()
                        + t.path("reason").path("value").asText() + " "
                        + t.path("transaction_time").asText().substring(0, 10)));
        assertThat(transactions).containsExactly("PAYMENT 10 BURSAR 2024-04-02", "WAIVE 5 LIBRARY_ERROR 2024-04-03");
    }

    @Test
    void holdRequestsAreCopiedWithWhereTheyStand() {
        source.loadPopulation("""
                items:
                  - {barcode: "R-1", title: A wanted book}
                  - {barcode: "R-2", title: A book on the shelf}
                users:
                  - {primary_id: has-it, account_type: {value: INTERNAL}}
                  - {primary_id: wants-it, account_type: {value: INTERNAL}}
                loans:
                  - {user: has-it, barcode: "R-1"}
                requests:
                  - {user: wants-it, barcode: "R-1", created: 2024-07-01}
                  - {user: wants-it, barcode: "R-2", status: ON_HOLD_SHELF, pickup: SCIENCE}
                """);

        copyAll();

        JsonNode copied =
                copy.alma.get(AlmaClient.API + "/users/" + PSEUDONYMS.primaryId("wants-it") + "/requests", Map.of());
        List<String> requests = new ArrayList<>();
        copied.path("user_request")
                .forEach(r -> requests.add(r.path("request_status").asText() + " "
                        + r.path("pickup_location_library").asText() + " "
                        + r.path("request_date").asText().substring(0, 10)));
        assertThat(requests)
                .containsExactlyInAnyOrder(
                        "NOT_STARTED MAIN 2024-07-01",
                        "ON_HOLD_SHELF SCIENCE " + source.sim.clock().today());
        assertThat(copied.toString()).as("a title names what someone reads").doesNotContain("wanted");
    }

    @Test
    void aLogicalSetWhoseQueryNamesAPersonalFieldIsNotCopied() {
        assertThat(SetCopy.namesNoPersonalField("expiry_date before today-3y and user_group != COMMUNITY"))
                .isTrue();
        assertThat(SetCopy.namesNoPersonalField("USER where USER ((last_name CONTAIN \"Smith\"))"))
                .isFalse();
        assertThat(SetCopy.namesNoPersonalField("user_group = GRAD or PRIMARY_ID = jsmith"))
                .isFalse();
    }

    private static List<JsonNode> everyUser(AlmaClient alma) {
        List<JsonNode> users = new ArrayList<>(new AlmaUsers(alma).all());
        users.forEach(u -> ((com.fasterxml.jackson.databind.node.ObjectNode) u).remove("link"));
        return users;
    }

    private static JsonNode withActivity(AlmaClient alma, String id) {
        return new AlmaUsers(alma)
                .find(id, Map.of("expand", "loans,requests,fees"))
                .orElseThrow();
    }

    /** The fields Alma's purge job and the shipped policies read, and the counts of what hangs on the user. */
    private static Map<String, Object> purgeFields(JsonNode user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String code : List.of("user_group", "record_type", "account_type", "status")) {
            fields.put(code, user.path(code).path("value").asText());
        }
        fields.put(
                "user_group description", user.path("user_group").path("desc").asText());
        for (String date : List.of("expiry_date", "purge_date", "status_date")) {
            fields.put(date, user.path(date).asText());
        }
        fields.put("loans", user.path("loans").path("value").asInt());
        fields.put("requests", user.path("requests").path("value").asInt());
        fields.put("balance", user.path("fees").path("value").decimalValue().stripTrailingZeros());
        fields.put("blocks", values(user.path("user_block"), "block_type"));
        fields.put("statistics", values(user.path("user_statistic"), "statistic_category"));
        fields.put("identifier types", values(user.path("user_identifier"), "id_type"));
        fields.put("notes", values(user.path("user_note"), "note_type"));
        return fields;
    }

    private static List<String> values(JsonNode list, String code) {
        List<String> values = new ArrayList<>();
        list.forEach(entry -> values.add(entry.path(code).path("value").asText()));
        return values;
    }

    /** Every value of the source that names or reaches a person, three characters or longer. */
    private static List<String> personalValues(List<JsonNode> users) {
        List<String> values = new ArrayList<>();
        for (JsonNode user : users) {
            for (String field :
                    List.of("primary_id", "first_name", "middle_name", "last_name", "full_name", "birth_date")) {
                values.add(user.path(field).asText());
            }
            user.path("contact_info")
                    .path("email")
                    .forEach(e -> values.add(e.path("email_address").asText()));
            user.path("contact_info")
                    .path("phone")
                    .forEach(p -> values.add(p.path("phone_number").asText()));
            user.path("contact_info").path("address").forEach(a -> {
                values.add(a.path("line1").asText());
                values.add(a.path("line2").asText());
            });
            user.path("user_identifier").forEach(i -> values.add(i.path("value").asText()));
            user.path("user_note").forEach(n -> values.add(n.path("note_text").asText()));
        }
        return values.stream().filter(v -> v.length() >= 3).distinct().toList();
    }

    private static JsonNode json(String text) {
        try {
            return org.almasim.engine.alma.AlmaJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String unzipped(Path zip) throws IOException {
        StringBuilder text = new StringBuilder();
        try (var in = new ZipInputStream(Files.newInputStream(zip))) {
            while (in.getNextEntry() != null) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            }
        }
        return text.toString();
    }
}

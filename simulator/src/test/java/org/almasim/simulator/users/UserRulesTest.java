package org.almasim.simulator.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.almasim.simulator.Database;
import org.almasim.simulator.clock.SimulatedClock;
import org.almasim.simulator.codes.CodeTables;
import org.almasim.simulator.errors.AlmaError;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.http.AlmaFormats.BodyFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Alma's rules for a user body, on their own (the code tables come from a real in-memory H2). */
class UserRulesTest {
    private static Database database;
    private static UserRules rules;

    @BeforeAll
    static void open() {
        database = Database.open("mem");
        rules = new UserRules(new CodeTables(database.dsl()), SimulatedClock.startingAt(LocalDate.of(2024, 8, 1)));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static User user(String json) {
        return AlmaFormats.read(json.getBytes(StandardCharsets.UTF_8), BodyFormat.JSON, User.class);
    }

    private static void refusedWith(User user, AlmaError error) {
        assertThatThrownBy(() -> rules.check(user))
                .isInstanceOfSatisfying(
                        AlmaRefusal.class, e -> assertThat(e.error()).contains(error));
    }

    @Test
    void aUserWithoutARecordTypeIsGivenTheFallback() {
        User given = user("{\"primary_id\":\"a\",\"account_type\":{\"value\":\"INTERNAL\"}}");

        User publicUser = UserRules.withRecordType(given, UserRules.PUBLIC);

        assertThat(publicUser.recordType().value()).isEqualTo("PUBLIC");
        assertThatCode(() -> rules.check(publicUser)).doesNotThrowAnyException();
    }

    @Test
    void anExternalUserNeedsAnExternalIdAndAnInternalOneMayNotHaveOne() {
        refusedWith(
                user(
                        "{\"primary_id\":\"a\",\"record_type\":{\"value\":\"PUBLIC\"},\"account_type\":{\"value\":\"EXTERNAL\"}}"),
                AlmaError.EXTERNAL_ID_MISSING);
        refusedWith(
                user(
                        "{\"primary_id\":\"a\",\"record_type\":{\"value\":\"PUBLIC\"},\"account_type\":{\"value\":\"INTERNAL\"},"
                                + "\"external_id\":\"SIS\"}"),
                AlmaError.EXTERNAL_ID_FOR_INTERNAL);
    }

    @Test
    void aUserGroupOutsideTheCodeTableIsNotLegal() {
        refusedWith(
                user(
                        "{\"primary_id\":\"a\",\"record_type\":{\"value\":\"PUBLIC\"},\"account_type\":{\"value\":\"INTERNAL\"},"
                                + "\"user_group\":{\"value\":\"NOPE\"}}"),
                AlmaError.USER_GROUP_NOT_LEGAL);
    }

    @Test
    void aUserMayNotNameTheSameIdentifierTwice() {
        refusedWith(
                user(
                        "{\"primary_id\":\"a\",\"record_type\":{\"value\":\"PUBLIC\"},\"account_type\":{\"value\":\"INTERNAL\"},"
                                + "\"user_identifier\":[{\"id_type\":{\"value\":\"BARCODE\"},\"value\":\"a\"}]}"),
                AlmaError.USER_REPEATS_IDENTIFIER);
    }

    @Test
    void anExternalUserCannotBeMadeInternalThroughTheApiButTheOtherWayIsAllowed() {
        User external = user("{\"primary_id\":\"a\",\"record_type\":{\"value\":\"PUBLIC\"},"
                + "\"account_type\":{\"value\":\"EXTERNAL\"},\"external_id\":\"SIS\"}");
        User internal = user("{\"primary_id\":\"a\",\"record_type\":{\"value\":\"PUBLIC\"},"
                + "\"account_type\":{\"value\":\"INTERNAL\"}}");

        assertThatThrownBy(() -> rules.checkTransition(external, internal))
                .isInstanceOfSatisfying(
                        AlmaRefusal.class, e -> assertThat(e.error()).contains(AlmaError.EXTERNAL_TO_INTERNAL));
        assertThatCode(() -> rules.checkTransition(internal, external)).doesNotThrowAnyException();
    }
}

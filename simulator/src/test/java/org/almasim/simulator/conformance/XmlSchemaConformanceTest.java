package org.almasim.simulator.conformance;

import static org.almasim.simulator.support.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.almasim.simulator.population.PopulationService;
import org.almasim.simulator.population.SyntheticPopulation;
import org.almasim.simulator.support.AlmaClient;
import org.almasim.simulator.support.RunningSimulator;
import org.almasim.simulator.support.SimulatorTest;
import org.junit.jupiter.api.Test;

/**
 * The XML answers of the fees, sets, members, jobs and job-instance routes are what Ex Libris' schemas of those objects
 * (../shared/alma/schemas) say Alma writes: the elements and attributes they name, in their types (see
 * {@link XmlAgainstSchema}). Users in XML are held to rest_user.xsd by {@link UserXsdConformanceTest}.
 */
class XmlSchemaConformanceTest extends SimulatorTest {
    private static final String PURGE = "/almaws/v1/conf/jobs/M26700";

    @Test
    void feesWithPaymentsAndFeeListsIncludingAnEmptyOneAreAlmasXml() {
        alma.createUser(user("p1"));
        alma.createUser(user("nofees"));
        JsonNode fee = alma.createFee(
                "p1", "{\"type\":{\"value\":\"OVERDUEFINE\"},\"original_amount\":70,\"owner\":{\"value\":\"MAIN\"}}");
        alma.createFee(
                "p1",
                "{\"type\":{\"value\":\"LOSTITEMREPLACEMENTFEE\"},\"original_amount\":12.5,"
                        + "\"owner\":{\"value\":\"MAIN\"}}");
        alma.attemptFeeAction("p1", fee.path("id").asText(), Map.of("op", "pay", "amount", "20", "method", "CASH"))
                .isOk();
        assertValid("fee", "/almaws/v1/users/p1/fees/" + fee.path("id").asText());
        String fees = assertValid("fees", "/almaws/v1/users/p1/fees");
        assertThat(fees)
                .as("money as Alma writes it, in plain digits")
                .contains("total_sum=\"62.5\"")
                .contains("<balance>50</balance>");
        assertValid("fees", "/almaws/v1/users/nofees/fees");
    }

    @Test
    void everyFeeListOfTheDemoPopulationAndOfAGeneratedOneIsAlmasXml() {
        sim.simulator.load(PopulationService.demo());
        sim.simulator.load(SyntheticPopulation.chunk(3, 0, 40, RunningSimulator.TODAY));
        JsonNode users =
                alma.getJson("/almaws/v1/users", Map.of("limit", "100")).isOk().json();
        assertThat(users.path("user").size()).isGreaterThan(40);
        List<String> problems = new ArrayList<>();
        int feesSeen = 0;
        for (JsonNode user : users.path("user")) {
            String id = user.path("primary_id").asText();
            for (String status : List.of("ACTIVE", "CLOSED")) {
                String xml = alma.get("/almaws/v1/users/" + id + "/fees", Map.of("status", status), AlmaClient.XML)
                        .isOk()
                        .body();
                feesSeen += xml.split("<fee ", -1).length - 1;
                XmlAgainstSchema.problems(SchemaConformanceTest.definitions(), "fees", xml).stream()
                        .map(problem -> id + " " + status + ": " + problem)
                        .forEach(problems::add);
            }
        }
        assertThat(feesSeen).as("the populations hold fees to check").isPositive();
        assertThat(problems).isEmpty();
    }

    @Test
    void setsOfBothKindsTheirListAndTheirMembersAreAlmasXml() {
        alma.createUser(user("p1"));
        String itemized = alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Itemized\",\"type\":{\"value\":\"ITEMIZED\"},"
                                + "\"content\":{\"value\":\"USER\"},\"members\":{\"member\":[{\"id\":\"p1\"}]}}")
                .isOk()
                .json()
                .path("id")
                .asText();
        String logical = alma.postJson(
                        "/almaws/v1/conf/sets",
                        Map.of(),
                        "{\"name\":\"Logical\",\"type\":{\"value\":\"LOGICAL\"},\"content\":{\"value\":\"USER\"},"
                                + "\"query\":{\"value\":\"user_group = UNDERGRAD\"}}")
                .isOk()
                .json()
                .path("id")
                .asText();
        assertValid("set", "/almaws/v1/conf/sets/" + itemized);
        assertValid("set", "/almaws/v1/conf/sets/" + logical);
        assertValid("sets", "/almaws/v1/conf/sets");
        String members = assertValid("members", "/almaws/v1/conf/sets/" + itemized + "/members");
        assertThat(members).contains("<id>p1</id>");
    }

    @Test
    void jobsTheirRunAnswerAndTheirInstancesAreAlmasXml() {
        alma.createUser(user("p1"));
        assertValid("jobs", "/almaws/v1/conf/jobs");
        for (String job : List.of("M26700", "M26701", "M148")) {
            assertValid("job", "/almaws/v1/conf/jobs/" + job);
        }
        String started = alma.send(
                        "POST",
                        PURGE,
                        Map.of("op", "run"),
                        "<job><parameters><parameter><name>user_group</name><value>ILL</value></parameter>"
                                + "</parameters></job>",
                        AlmaClient.XML,
                        AlmaClient.XML)
                .isOk()
                .body();
        assertThat(XmlAgainstSchema.problems(SchemaConformanceTest.definitions(), "job", started))
                .as("the run's answer %s", started)
                .isEmpty();
        String instance = started.replaceAll("(?s).*/instances/(\\d+)\".*", "$1");
        alma.awaitFinished(PURGE + "/instances/" + instance);
        assertValid("job_instance", PURGE + "/instances/" + instance);
        assertValid("job_instances", PURGE + "/instances");
    }

    @Test
    void loansAndRequestsSayInXmlWhatTheySayInJsonForEveryDemoUser() {
        sim.simulator.load(PopulationService.demo());
        JsonNode users =
                alma.getJson("/almaws/v1/users", Map.of("limit", "100")).isOk().json();
        String borrower = null;
        String loanedItem = null;
        List<String> paths = new ArrayList<>();
        for (JsonNode user : users.path("user")) {
            String id = user.path("primary_id").asText();
            paths.add("/almaws/v1/users/" + id + "/loans");
            paths.add("/almaws/v1/users/" + id + "/requests");
            for (JsonNode loan : alma.getJson("/almaws/v1/users/" + id + "/loans", Map.of())
                    .isOk()
                    .json()
                    .path("item_loan")) {
                paths.add("/almaws/v1/users/" + id + "/loans/"
                        + loan.path("loan_id").asText());
                borrower = id;
                loanedItem = loan.path("item_id").asText();
            }
        }
        assertThat(loanedItem).as("the demo library lends items").isNotNull();
        String requester = users.path("user").findValues("primary_id").stream()
                .map(JsonNode::asText)
                .filter(id ->
                        !id.equals(users.path("user").get(0).path("primary_id").asText()))
                .findFirst()
                .orElseThrow();
        JsonNode request = alma.postJson(
                        "/almaws/v1/users/" + requester + "/requests",
                        Map.of("item_pid", loanedItem),
                        "{\"request_type\":\"HOLD\",\"pickup_location_type\":\"LIBRARY\","
                                + "\"pickup_location_library\":\"MAIN\",\"comment\":\"for the seminar\"}")
                .isOk()
                .json();
        paths.add("/almaws/v1/users/" + requester + "/requests/"
                + request.path("request_id").asText());
        paths.add("/almaws/v1/users/" + borrower + "/loans");
        for (String path : paths) {
            List<String> json =
                    XmlMatchesJson.facts(alma.getJson(path, Map.of()).isOk().json());
            String xml = alma.get(path, Map.of(), AlmaClient.XML).isOk().body();
            assertThat(json).as(path).isNotEmpty();
            assertThat(XmlMatchesJson.facts(xml)).as("%s in XML: %s", path, xml).isEqualTo(json);
        }
    }

    @Test
    void theChecksRefuseWhatAlmaDoesNotWrite() throws Exception {
        JsonNode schemas = SchemaConformanceTest.definitions();
        assertThat(XmlAgainstSchema.problems(
                        schemas,
                        "fees",
                        "<fees total_record_count=\"1\" total_sum=\"7E+1\" currency=\"USD\">"
                                + "<fee link=\"x\"><balance>7E+1</balance><colour>red</colour></fee></fees>"))
                .containsExactlyInAnyOrder(
                        "/fees/@total_sum: \"7E+1\" is not a number (float) as Alma writes one",
                        "/fees/fee/balance: \"7E+1\" is not a number (float) as Alma writes one",
                        "/fees/fee/colour: not an element of Ex Libris' schema");
        assertThat(XmlAgainstSchema.problems(
                        schemas, "job", "<job><parameters><parameter name=\"\">0</parameter></parameters></job>"))
                .contains("/job/parameters/parameter/@name: not an attribute of Ex Libris' schema");
        assertThat(XmlAgainstSchema.problems(schemas, "job", "<jobs/>"))
                .containsExactly("/: the root is <jobs>, Ex Libris' schema says <job>");
        List<String> json = XmlMatchesJson.facts(
                new ObjectMapper().readTree("{\"fine\":70,\"status\":{\"value\":\"ACTIVE\",\"desc\":\"Active\"}}"));
        assertThat(XmlMatchesJson.facts("<loan><status desc=\"Active\">ACTIVE</status><fine>70</fine></loan>"))
                .isEqualTo(json);
        assertThat(XmlMatchesJson.facts("<loan><status desc=\"Active\">ACTIVE</status><fine>7E+1</fine></loan>"))
                .as("money in scientific notation says something else than JSON's 70")
                .isNotEqualTo(json);
    }

    private String assertValid(String object, String path) {
        String xml = alma.get(path, Map.of(), AlmaClient.XML).isOk().body();
        assertThat(XmlAgainstSchema.problems(SchemaConformanceTest.definitions(), object, xml))
                .as("%s in XML against Ex Libris' schema of %s: %s", path, object, xml)
                .isEmpty();
        return xml;
    }
}

package org.almasim.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;
import org.almasim.simulator.Institution;
import org.almasim.simulator.Simulator;
import org.almasim.simulator.SimulatorConfig;
import org.almasim.simulator.http.ApiKeys;
import org.almasim.simulator.population.PopulationService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The trainer console in a real headless Chromium (Debian's chromium and chromedriver), against a real simulator on
 * a free port: each step a trainer takes, checked against what the simulator's API says, with a screenshot of each
 * under target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainerConsoleBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Simulator simulator;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        String chromium = System.getenv().getOrDefault("ALMASIM_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("ALMASIM_CHROMEDRIVER", "/usr/bin/chromedriver");
        boolean present = new File(chromium).canExecute() && new File(driver).canExecute();
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(
                    present, "Chromium is not installed (apt-get install chromium chromium-driver; .ci/run does it)");
        }
        assertThat(present)
                .as("CI needs %s and %s: .ci/run installs them", chromium, driver)
                .isTrue();
        simulator = Simulator.create(
                        SimulatorConfig.defaults().withToday(LocalDate.of(2024, 8, 1)), new TrainerConsole())
                .start(0);
        simulator.load(PopulationService.demo());
        ChromeOptions options = new ChromeOptions().setBinary(chromium);
        // Without the background-networking switches Chromium keeps dialling Google, which this closed network refuses.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1366,768",
                "--user-data-dir=" + Files.createTempDirectory("almasim-chromium"));
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(driver))
                        .build(),
                options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
        browser.get(simulator.baseUrl() + "/");
        signIn();
    }

    /**
     * The page asks for the API key before it reads anything, offering the development key when that is the simulator's
     * only key, and keeps it for the tab: a reload does not ask again.
     */
    private static void signIn() {
        wait.until(d -> d.findElement(By.id("key-panel")).isDisplayed());
        assertThat(browser.findElement(By.id("key-input")).getAttribute("value"))
                .isEqualTo(ApiKeys.DEVELOPMENT_KEY);
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-ready"))
                .isNull();
        browser.findElement(By.id("key-submit")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        browser.navigate().refresh();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        assertThat(browser.findElement(By.id("key-panel")).isDisplayed()).isFalse();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    @Order(1)
    void pageShowsTheSimulatedDayAndEveryPatron() throws IOException {
        assertThat(text("today"))
                .isEqualTo(api("/almasim/v1/clock").path("today").asText());
        assertThat(text("institution"))
                .isEqualTo(api("/almasim/v1/settings").path("institution_name").asText() + " ("
                        + Institution.DEFAULT_CODE + ")")
                .isNotBlank();
        int total = api("/almasim/v1/patrons/summary").path("total").asInt();
        assertThat(countsPatrons(total)).as(text("patron-count")).isTrue();
        screenshot("01-patrons");
    }

    @Test
    @Order(2)
    void filteringForBlockersListsExactlyThePatronsTheSimulatorWouldRefuseToDelete() throws IOException {
        new Select(browser.findElement(By.id("filter-blockers"))).selectByValue("true");
        browser.findElement(By.id("filter-apply")).click();
        List<String> expected =
                ids(api("/almasim/v1/patrons?has_blockers=true&limit=100").path("patron"));
        assertThat(expected).isNotEmpty();
        wait.until(d -> countsPatrons(expected.size()));
        assertThat(listedIds()).containsExactlyElementsOf(expected);
        for (String id : expected) {
            assertThat(api("/almasim/v1/users/" + id + "/blockers").path("deletion_blocked_by"))
                    .as(id)
                    .isNotEmpty();
        }
        screenshot("02-filtered");

        // A filter nobody matches says so in words, not "0–0 of 0 patrons".
        browser.findElement(By.id("filter-q")).sendKeys("nobody-is-called-this");
        browser.findElement(By.id("filter-apply")).click();
        wait.until(d -> text("patron-count").equals("No patron matches"));
        browser.findElement(By.id("filter-q")).clear();
        new Select(browser.findElement(By.id("filter-blockers"))).selectByValue("");
        browser.findElement(By.id("filter-apply")).click();
        wait.until(d -> !text("patron-count").equals("No patron matches"));
    }

    @Test
    @Order(3)
    void patronPageSaysWhyThePurgeJobWouldRefuse() throws IOException {
        browser.findElement(By.linkText("flvc-with-loan")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("patron-detail")));
        wait.until(d -> text("patron-title").contains("flvc-with-loan"));
        assertThat(text("patron-verdict")).contains("refuse to delete").contains("User has 1 active loan.");
        assertThat(text("patron-verdict-assumed")).contains("0 days after the purge date");
        assertInView("patron-title");
        assertThat(browser.findElements(By.cssSelector("#patron-loans li"))).hasSize(1);
        screenshot("03-patron");
    }

    @Test
    @Order(4)
    void aPatronProtectedByAFarPurgeDateIsNeverShownAsDeleted() throws IOException {
        browser.findElement(By.id("tab-patrons")).click();
        new Select(browser.findElement(By.id("filter-blockers"))).selectByIndex(0);
        new Select(browser.findElement(By.id("filter-verdict"))).selectByValue("DELETED");
        browser.findElement(By.id("filter-apply")).click();
        List<String> deletable =
                ids(api("/almasim/v1/patrons?purge_job_today=DELETED&limit=100").path("patron"));
        assertThat(deletable).isNotEmpty().doesNotContain("flvc-dummy-desk", "flvc-with-loan");
        wait.until(d -> countsPatrons(deletable.size()));
        assertThat(listedIds()).containsExactlyElementsOf(deletable);
        new Select(browser.findElement(By.id("filter-verdict"))).selectByIndex(0);
        browser.findElement(By.id("filter-q")).clear();
        browser.findElement(By.id("filter-q")).sendKeys("flvc-dummy-desk");
        browser.findElement(By.id("filter-apply")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("flvc-dummy-desk")))
                .click();
        wait.until(d -> text("patron-title").contains("flvc-dummy-desk"));
        String expected = api("/almasim/v1/patrons/flvc-dummy-desk")
                .path("purge_job_today")
                .path("sentence")
                .asText();
        assertThat(text("patron-verdict"))
                .isEqualTo(expected)
                .contains("would not consider")
                .doesNotContain("would delete");
        assertThat(browser.findElement(By.id("patron-verdict")).getAttribute("class"))
                .doesNotContain("deletable");
        screenshot("03b-protected-patron");
    }

    @Test
    @Order(6)
    void advancingTheClockMovesTheSimulatorsDay() throws IOException {
        String before = text("today");
        browser.findElement(By.id("tab-patrons")).click();
        browser.findElement(By.id("advance-week")).click();
        String expected = LocalDate.parse(before).plusWeeks(1).toString();
        wait.until(d -> text("today").equals(expected));
        assertThat(api("/almasim/v1/clock").path("today").asText()).isEqualTo(expected);
        assertThat(browser.findElement(By.id("clock-outcome")).isDisplayed()).isTrue();
        screenshot("06-clock");
    }

    @Test
    @Order(4)
    void previewShowsWhatThePolicyWouldDoAndWhy() throws IOException {
        browser.findElement(By.id("tab-policies")).click();
        browser.findElement(By.id("preview-flvc-annual")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        wait.until(d ->
                !d.findElements(By.cssSelector("#preview-decisions tbody tr")).isEmpty());
        List<List<String>> rows = cells("#preview-decisions tbody tr");
        List<List<String>> purges =
                rows.stream().filter(row -> row.get(1).equals("send to purge")).toList();
        assertThat(purges)
                .anyMatch(row ->
                        row.get(0).equals("flvc-expired-2022") && row.get(2).contains("before the cut-off"));
        List<String> purgeCount = cells("#preview-counts tbody tr").stream()
                .filter(row -> row.get(0).equals("send to purge"))
                .findFirst()
                .orElseThrow();
        assertThat(purgeCount.get(1)).isEqualTo(String.valueOf(purges.size()));
        assertThat(cells("#preview-near tbody tr"))
                .as("a single loan is all that keeps this patron")
                .contains(List.of("flvc-with-loan", "the purge job will refuse it: 1 active loan"));
        assertInView("preview-title");
        screenshot("04-preview");
    }

    @Test
    @Order(5)
    void runningThePolicyPurgesThroughTheJobAndReportsTheExceptions() throws IOException, InterruptedException {
        browser.findElement(By.id("run-flvc-annual")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(d -> text("run-step").equals("Run done"));
        assertInView("run");
        assertThat(api("/almasim/v1/patrons?q=flvc-expired-2022")
                        .path("total_record_count")
                        .asInt())
                .as("after the run: %s", browser.findElement(By.id("run")).getText())
                .isZero();
        assertThat(browser.findElements(By.cssSelector("#run-exceptions li")))
                .extracting(WebElement::getText)
                .anyMatch(line -> line.startsWith("flvc-with-loan:"));
        wait.until(
                d -> d.findElement(By.cssSelector("#job-table tbody")).getText().contains("Completed"));
        String instance = cells("#job-table tbody tr").get(0).get(0);
        browser.findElement(By.cssSelector("#job-table tbody tr button")).click();
        int events = api("/almasim/v1/jobs/instances/" + instance + "/events")
                .path("total_record_count")
                .asInt();
        wait.until(d -> text("job-events-title").endsWith("(" + events + ")"));
        assertThat(browser.findElements(By.cssSelector("#job-events li"))).hasSize(Math.max(events, 1));

        String reportLink = browser.findElement(By.id("run-report-json")).getAttribute("href");
        JsonNode report = JSON.readTree(get(reportLink).body());
        String purgedOnPage = figure("Purged");
        assertThat(report.path("purge").path("done").asText()).isEqualTo(purgedOnPage);
        assertThat(report.path("purge").path("held_back").has("flvc-with-loan"))
                .as("held back: the engine sees the loan")
                .isTrue();
        // One set of counts: the page, the report and the job's own counters agree, and purged = processed -
        // exceptions.
        String exceptionsOnPage = figure("Exceptions (refused by Alma)");
        assertThat(exceptionsOnPage)
                .isEqualTo(
                        String.valueOf(report.path("purge").path("exceptions").size()));
        List<String> job = cells("#job-table tbody tr").get(0);
        assertThat(job.get(5)).as("the job instance's records with exceptions").isEqualTo(exceptionsOnPage);
        assertThat(Integer.parseInt(job.get(4)) - Integer.parseInt(job.get(5)))
                .as("processed - exceptions")
                .isEqualTo(Integer.parseInt(purgedOnPage));
        screenshot("05-run");
    }

    @Test
    @Order(6)
    void theRequestsTabShowsWhatTheRunSentToAlmaAndForgetsItOnRequest() throws IOException {
        browser.findElement(By.id("tab-requests")).click();
        int kept = api("/almasim/v1/journal?last=1").path("total_record_count").asInt();
        wait.until(d -> !browser.findElements(By.cssSelector("#requests-table tbody tr"))
                .isEmpty());

        List<List<String>> rows = cells("#requests-table tbody tr");
        assertThat(rows).hasSizeLessThanOrEqualTo(100);
        assertThat(text("requests-count")).contains(String.valueOf(kept));
        assertThat(rows)
                .as("the run's start of the purge job, with Alma's answer")
                .anyMatch(row -> row.get(2).equals("POST")
                        && row.get(3).startsWith("/almaws/v1/conf/jobs/")
                        && row.get(3).contains("op=run")
                        && row.get(4).equals("200"));
        assertThat(Integer.parseInt(rows.get(0).get(0)))
                .as("newest first")
                .isGreaterThan(Integer.parseInt(rows.get(rows.size() - 1).get(0)));
        screenshot("06-requests");

        browser.findElement(By.id("requests-forget")).click();
        wait.until(d ->
                browser.findElements(By.cssSelector("#requests-table tbody tr")).isEmpty());
        assertThat(api("/almasim/v1/journal").path("total_record_count").asInt())
                .isZero();
    }

    @Test
    @Order(7)
    void stepsOfAScenarioAreNarrated() throws IOException {
        browser.findElement(By.id("tab-scenarios")).sendKeys(Keys.ENTER);
        browser.findElement(By.id("tab-scenarios")).click();
        new Select(browser.findElement(By.id("scenario-name"))).selectByValue("flvc-2022-2024");
        browser.findElement(By.id("scenario-load")).click();
        // Loading empties the library: nothing happens until the trainer confirms.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scenario-confirm")));
        assertThat(text("scenario-confirm-text")).contains("empties");
        assertThat(api("/almasim/v1/console").path("scenario").isNull()).isTrue();
        screenshot("07a-confirm-load");
        browser.findElement(By.id("scenario-load-confirm")).click();
        wait.until(d -> text("scenario-state").contains("step 1 of"));
        wait.until(d -> text("institution").equals("FLVC member library (" + Institution.DEFAULT_CODE + ")"));
        assertThat(text("scenario-narration")).contains("start:");
        browser.findElement(By.id("scenario-step")).click();
        wait.until(d -> text("scenario-state").contains("step 2 of"));
        assertThat(text("today"))
                .isEqualTo(api("/almasim/v1/clock").path("today").asText());
        screenshot("07-scenario");
    }

    @Test
    @Order(8)
    void chartsDrawTheHistoryTheConsoleKept() throws IOException {
        browser.findElement(By.id("tab-charts")).click();
        JsonNode history = api("/almasim/v1/console/history");
        wait.until(d -> Long.valueOf(history.path("status").size())
                .equals(script("return Chart.getChart('chart-status')?.data.datasets[0].data.length")));
        assertChartsShow(history);
        for (String chart : List.of("chart-status", "chart-runs")) {
            Object fractional = script(
                    "return Chart.getChart(arguments[0]).scales.y.ticks"
                            + ".filter((tick) => !Number.isInteger(tick.value)).length",
                    chart);
            assertThat(((Number) fractional).intValue())
                    .as("%s counts in whole numbers", chart)
                    .isZero();
        }
        screenshot("08-charts");
    }

    @Test
    @Order(9)
    void tabsCanBeReachedWithTheKeyboard() {
        browser.findElement(By.id("tab-charts")).sendKeys(Keys.ARROW_LEFT);
        assertThat(browser.findElement(By.id("tab-scenarios")).getAttribute("aria-selected"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("panel-scenarios")).isDisplayed()).isTrue();
    }

    @Test
    @Order(10)
    void theConsortiumTabCountsEveryMemberAndSwitchesToOne() throws IOException {
        simulator.addInstitution(Institution.Spec.of("01TEST_MEMBER")).load("synthetic:7", 1);
        browser.findElement(By.id("tab-consortium")).click();
        wait.until(d -> browser.findElements(By.cssSelector("#consortium-table tbody tr"))
                        .size()
                == 2);

        List<List<String>> rows = cells("#consortium-table tbody tr");
        assertThat(rows.get(0).get(0))
                .isEqualTo(api("/almasim/v1/settings").path("institution_name").asText());
        assertThat(rows.get(0).get(1)).isEqualTo(Institution.DEFAULT_CODE);
        assertThat(rows.get(0).get(4))
                .isEqualTo(String.valueOf(
                        api("/almasim/v1/patrons/summary").path("total").asInt()));
        assertThat(rows.get(1)).startsWith("01TEST_MEMBER", "01TEST_MEMBER");
        assertThat(rows.get(1).get(4)).isEqualTo("7");
        screenshot("10-consortium");

        browser.findElements(By.cssSelector("#consortium-table tbody tr"))
                .get(1)
                .findElement(By.tagName("button"))
                .click();
        wait.until(d -> text("institution").endsWith("(01TEST_MEMBER)"));
        // The table is drawn again once the switch is done: a row read while it is replaced is read again.
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> cells("#consortium-table tbody tr").get(1).get(7).equals("in use"));
        assertThat(cells("#consortium-table tbody tr").get(0).get(7)).isEqualTo("Work in this library");
        screenshot("11-consortium-member");
    }

    @Test
    @Order(11)
    void noTabIsWiderThanAProjectorsScreen() throws IOException {
        for (String tab : List.of("patrons", "policies", "scenarios", "charts", "requests", "consortium")) {
            browser.findElement(By.id("tab-" + tab)).click();
            wait.until(d -> d.findElement(By.id("panel-" + tab)).isDisplayed());
            assertThat(((Number) script("return document.documentElement.scrollWidth")).intValue())
                    .as("the %s tab at 1366x768 scrolls sideways", tab)
                    .isLessThanOrEqualTo(((Number) script("return window.innerWidth")).intValue());
        }
    }

    /**
     * A simulator holding a consortium, its story told through the console as {@code almasim demo} tells it: the page
     * opens on the members, by name, and each member's charts draw the runs that member's console kept.
     */
    @Test
    @Order(12)
    void aConsortiumSimulatorsConsoleOpensOnItsMembersAndDrawsEachMembersStory() throws IOException {
        try (Simulator consortium = Simulator.create(
                        SimulatorConfig.defaults().withToday(LocalDate.of(2022, 7, 1)), new TrainerConsole())
                .start(0)) {
            openAfterTheStory(consortium, "flvc-consortium");

            assertThat(browser.findElement(By.id("panel-consortium")).isDisplayed())
                    .as("the console opens on the consortium")
                    .isTrue();
            wait.until(d -> cells("#consortium-table tbody tr").size() == 5);
            assertThat(cells("#consortium-table tbody tr"))
                    .extracting(row -> row.get(0))
                    .contains(
                            "University of Central Florida",
                            "Florida State University",
                            "University of West Florida",
                            "Florida Gulf Coast University");
            screenshot("12-consortium");

            browser.findElement(By.cssSelector("button[aria-label='Work in University of Central Florida']"))
                    .click();
            wait.until(d -> text("institution").equals("University of Central Florida (01FALSC_UCF)"));
            browser.findElement(By.id("tab-charts")).click();
            JsonNode history = api(consortium, "/almasim/v1/console/history", "l8xx01falscucf");
            assertThat(history.path("runs")).hasSize(3);
            wait.until(d -> Long.valueOf(history.path("runs").size())
                    .equals(script("return Chart.getChart('chart-runs')?.data.labels.length")));
            assertChartsShow(history);
            screenshot("12b-member-charts");

            browser.findElement(By.id("tab-patrons")).click();
            browser.findElement(By.id("filter-q")).sendKeys("ill-department");
            browser.findElement(By.id("filter-apply")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.linkText("ill-department")))
                    .click();
            wait.until(
                    d -> !d.findElements(By.cssSelector("#patron-policies li")).isEmpty()
                            && !text("patron-policies").isEmpty());
            assertThat(text("patron-policies")).startsWith("FLVC annual patron purge: ");
            screenshot("12c-member-patron");
        } finally {
            browser.get(simulator.baseUrl() + "/");
        }
    }

    /**
     * OPAL's four years, weekly and monthly: the runs chart draws months, not a hairline bar a run; a year's clock move
     * lists the runs that changed something and sums the rest in one line.
     */
    @Test
    @Order(13)
    void opalsFourYearsReadMonthByMonthAndAYearOfQuietRunsIsOneLine() throws IOException {
        try (Simulator opal = Simulator.create(
                        SimulatorConfig.defaults().withToday(LocalDate.of(2021, 1, 1)), new TrainerConsole())
                .start(0)) {
            openAfterTheStory(opal, "opal-four-years");

            browser.findElement(By.id("tab-charts")).click();
            JsonNode history = api(opal, "/almasim/v1/console/history", ApiKeys.DEVELOPMENT_KEY);
            long runs = StreamSupport.stream(history.path("runs").spliterator(), false)
                    .filter(run -> run.path("state").asText().equals("DONE"))
                    .count();
            assertThat(runs).isGreaterThan(24);
            wait.until(d -> script("return Chart.getChart('chart-runs')?.data.labels.length") != null);
            long months = StreamSupport.stream(history.path("runs").spliterator(), false)
                    .filter(run -> run.path("state").asText().equals("DONE"))
                    .map(run -> run.path("day").asText().substring(0, 7))
                    .distinct()
                    .count();
            assertThat(((Number) script("return Chart.getChart('chart-runs').data.labels.length")).longValue())
                    .as("one group of bars a month")
                    .isEqualTo(months);
            assertThat(text("chart-runs-caption")).contains("month by month");
            assertChartsShow(history);
            screenshot("13-opal-charts");

            browser.findElement(By.id("tab-policies")).click();
            browser.findElement(By.id("advance-year")).click();
            wait.until(d -> d.findElement(By.id("clock-outcome")).isDisplayed()
                    && !d.findElements(By.cssSelector("#clock-runs li")).isEmpty());
            List<String> lines = browser.findElements(By.cssSelector("#clock-runs li")).stream()
                    .map(WebElement::getText)
                    .toList();
            JsonNode year = api(opal, "/almasim/v1/console/history", ApiKeys.DEVELOPMENT_KEY)
                    .path("runs");
            assertThat(year.size() - history.path("runs").size())
                    .as("the year's runs")
                    .isGreaterThan(40);
            assertThat(lines).as("%s", lines).hasSizeLessThan(10);
            assertThat(lines)
                    .as("runs that changed nothing are summed")
                    .noneMatch(line -> line.contains("0 patrons' dates fixed, 0 marked inactive, 0 purged"))
                    .anyMatch(line -> line.matches("\\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}: \\d+ runs: .*"));
            screenshot("13b-opal-year");
        } finally {
            browser.get(simulator.baseUrl() + "/");
        }
    }

    /**
     * Tells a shipped story through the simulator's console, as {@code almasim demo} does, then opens that simulator's
     * page with its development key.
     */
    private static void openAfterTheStory(Simulator on, String story) throws IOException {
        JsonNode outcome = post(on, "/almasim/v1/console/scenarios/" + story);
        while (!outcome.path("scenario").path("finished").asBoolean()) {
            outcome = post(on, "/almasim/v1/console/scenario/step");
        }
        browser.get(on.baseUrl() + "/");
        wait.until(d -> d.findElement(By.id("key-panel")).isDisplayed());
        browser.findElement(By.id("key-submit")).click();
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    /** Every number each chart draws is the console's history's, as its API answers it. */
    private static void assertChartsShow(JsonNode history) {
        List<Object> statusDays = StreamSupport.stream(history.path("status").spliterator(), false)
                .map(point -> (Object) point.path("day").asText())
                .toList();
        assertThat((List<?>) script("return Chart.getChart('chart-status').data.datasets[0].data"
                        + ".map((p) => new Date(p.x * 86400000).toISOString().slice(0, 10))"))
                .isEqualTo(statusDays);
        for (JsonNode point : history.path("status")) {
            point.path("by_status")
                    .properties()
                    .forEach(status -> assertThat(((Number) script(
                                            "const set = Chart.getChart('chart-status').data.datasets"
                                                    + ".find((d) => d.label === arguments[0]);"
                                                    + " return set.data.find((p) => p.x === arguments[1]).y",
                                            status.getKey(),
                                            LocalDate.parse(point.path("day").asText())
                                                    .toEpochDay()))
                                    .intValue())
                            .as("%s on %s", status.getKey(), point.path("day").asText())
                            .isEqualTo(status.getValue().asInt()));
        }
        for (String[] figure : new String[][] {
            {"purged", "purged"},
            {"exceptions", "refused by Alma"},
            {"held_back", "held back by the engine"},
            {"marked_inactive", "marked inactive"},
            {"dates_fixed", "dates fixed"}
        }) {
            int expected = StreamSupport.stream(history.path("runs").spliterator(), false)
                    .filter(run -> run.path("state").asText().equals("DONE"))
                    .mapToInt(run -> run.path(figure[0]).asInt())
                    .sum();
            assertThat(((Number) script(
                                    "return Chart.getChart('chart-runs').data.datasets"
                                            + ".find((d) => d.label === arguments[0]).data.reduce((a, b) => a + b, 0)",
                                    figure[1]))
                            .intValue())
                    .as("the runs chart's %s", figure[1])
                    .isEqualTo(expected);
        }
        for (JsonNode reason : history.path("not_purged_by_reason")) {
            for (String[] figure : new String[][] {
                {"refused_by_alma", "refused by Alma"}, {"held_back_by_engine", "held back by the engine"}
            }) {
                assertThat(((Number) script(
                                        "const c = Chart.getChart('chart-reasons'); const i = c.data.labels"
                                                + ".indexOf(arguments[0]); return c.data.datasets"
                                                + ".find((d) => d.label === arguments[1]).data[i]",
                                        reason.path("reason").asText(),
                                        figure[1]))
                                .intValue())
                        .as(
                                "patrons %s for %s",
                                figure[1], reason.path("reason").asText())
                        .isEqualTo(reason.path(figure[0]).asInt());
            }
        }
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    private static JsonNode post(Simulator on, String path) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(on.baseUrl() + path))
                            .header("Accept", "application/json")
                            .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static JsonNode api(Simulator on, String path, String key) throws IOException {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(on.baseUrl() + path))
                            .header("Accept", "application/json")
                            .header("Authorization", "apikey " + key)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** "13 patrons" when all are on the page, "1–25 of 40 patrons" when not; "1 patron" for one. */
    private static boolean countsPatrons(int total) {
        String count = text("patron-count");
        return count.equals(total + (total == 1 ? " patron" : " patrons"))
                || count.endsWith(" of " + total + " patrons");
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    /** The text of each cell of each row: a row's own text runs its cells together. */
    private static List<List<String>> cells(String rows) {
        return browser.findElements(By.cssSelector(rows)).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream()
                        .map(cell -> cell.getText().strip())
                        .toList())
                .toList();
    }

    private static List<String> listedIds() {
        return browser.findElements(By.cssSelector("#patron-table tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** On a projector at 1366x768 the result of an action must be on screen without scrolling by hand. */
    private static void assertInView(String id) {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript(
                        "const r = document.getElementById(arguments[0])"
                                + ".getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;",
                        id));
    }

    /** The value beside a label in the run's figures. */
    private static String figure(String label) {
        return browser.findElement(By.id("run-figures"))
                .getText()
                .lines()
                .dropWhile(line -> !line.equals(label))
                .skip(1)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no figure " + label));
    }

    private static List<String> ids(JsonNode patrons) {
        return StreamSupport.stream(patrons.spliterator(), false)
                .map(p -> p.path("primary_id").asText())
                .toList();
    }

    private static JsonNode api(String path) throws IOException {
        HttpResponse<String> response = get(simulator.baseUrl() + path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String url) throws IOException {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "application/json")
                            .header("Authorization", "apikey " + ApiKeys.DEVELOPMENT_KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}

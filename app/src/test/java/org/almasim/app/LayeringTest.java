package org.almasim.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine's, the scenarios' and the app's layering, held by the build (the simulator's is in its own LayeringTest). */
class LayeringTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The engine's test jar (DemoAlma, which starts a simulator) is on this classpath too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.almasim.engine", "org.almasim.scenarios", "org.almasim.app", "org.almasim.control");

    @Test
    void enginePackagesHaveNoCycles() {
        slices().matching("org.almasim.engine.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theEngineNeverCallsARouteOnlyAlmasimHas() {
        noClasses()
                .that()
                .resideInAPackage("org.almasim.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.almasim.control..", "org.almasim.simulator..")
                .because("the engine runs against any Alma, production included")
                .check(MAIN);
    }

    @Test
    void appPackagesHaveNoCycles() {
        slices().matching("org.almasim.app.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theScenarioLibraryNeedsNoCommandLineOrConsole() {
        noClasses()
                .that()
                .resideInAPackage("org.almasim.scenarios..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.almasim.app..", "picocli..", "me.tongfei..")
                .check(MAIN);
    }

    @Test
    void theEngineDecidesWithoutTheNetwork() {
        noClasses()
                .that()
                .resideInAPackage("org.almasim.engine.evaluation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.almasim.engine.alma..", "org.apache.hc..")
                .because("a verdict is computed from the patron and the policy alone (Evaluation.of is pure)")
                .check(MAIN);
    }
}

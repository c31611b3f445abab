package org.almasim.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules CONTRIBUTING states, held by the build: a violation fails {@code ./mvnw verify}. */
class LayeringTest {
    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.almasim.simulator");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.almasim.simulator.(*)..")
                .should()
                .beFreeOfCycles()
                .check(SIMULATOR);
    }

    @Test
    void servicesAndRepositoriesNeverSeeJavalin() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Service")
                .or()
                .haveSimpleNameEndingWith("Repository")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.javalin..")
                .because("handlers parse and render; services and repositories never see a request")
                .check(SIMULATOR);
    }

    @Test
    void onlyTheHttpLayerAndHandlersSeeJavalin() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.almasim.simulator.http..", "org.almasim.simulator")
                .and()
                .haveSimpleNameNotEndingWith("Controller")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.javalin..")
                .check(SIMULATOR);
    }

    @Test
    void repositoriesDoNotReachTheHttpLayer() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Repository")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.almasim.simulator.http..")
                .check(SIMULATOR);
    }

    @Test
    void lowPackagesDependOnNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.almasim.simulator.errors..",
                        "org.almasim.simulator.links..",
                        "org.almasim.simulator.store..",
                        "org.almasim.simulator.deletion..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.almasim.simulator.users..",
                        "org.almasim.simulator.fees..",
                        "org.almasim.simulator.loans..",
                        "org.almasim.simulator.sets..",
                        "org.almasim.simulator.jobs..",
                        "org.almasim.simulator.blockers..",
                        "org.almasim.simulator.http..")
                .check(SIMULATOR);
    }
}

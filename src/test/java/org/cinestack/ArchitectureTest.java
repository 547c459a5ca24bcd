package org.cinestack;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependency arrows point one way, as DESIGN.md's package table says. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.cinestack");

    @Test
    void filmAndMediaDependOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("..film..").should().dependOnClassesThat()
            .resideInAnyPackage("..plan..", "..shoot..", "..edit..", "..finish..", "..mix..", "..deliver..",
                "..render..", "..media..", "..cli..", "..script..", "..breakdown..").check(CLASSES);
        noClasses().that().resideInAPackage("..media..").should().dependOnClassesThat()
            .resideInAnyPackage("..film..", "..plan..", "..shoot..", "..edit..", "..finish..", "..mix..",
                "..deliver..", "..render..", "..cli..").check(CLASSES);
    }

    @Test
    void stagesDoNotReachForward() {
        noClasses().that().resideInAPackage("..plan..").should().dependOnClassesThat()
            .resideInAnyPackage("..shoot..", "..edit..", "..finish..", "..mix..", "..deliver..", "..render..",
                "..cli..").check(CLASSES);
        noClasses().that().resideInAPackage("..shoot..").should().dependOnClassesThat()
            .resideInAnyPackage("..edit..", "..finish..", "..mix..", "..deliver..", "..render..", "..cli..")
            .check(CLASSES);
        noClasses().that().resideInAnyPackage("..edit..", "..finish..", "..mix..").should().dependOnClassesThat()
            .resideInAnyPackage("..deliver..", "..render..", "..cli..").check(CLASSES);
        noClasses().that().resideInAPackage("..render..").should().dependOnClassesThat()
            .resideInAPackage("..cli..").check(CLASSES);
    }

    @Test
    void screenplaysComeBeforeEverything() {
        // a screenplay is read into its own model, then broken down into the film model; neither knows the pipeline
        noClasses().that().resideInAPackage("..script..").should().dependOnClassesThat()
            .resideInAnyPackage("..breakdown..", "..plan..", "..shoot..", "..edit..", "..finish..", "..mix..",
                "..deliver..", "..render..", "..media..", "..cli..").check(CLASSES);
        noClasses().that().resideInAPackage("..breakdown..").should().dependOnClassesThat()
            .resideInAnyPackage("..plan..", "..shoot..", "..edit..", "..finish..", "..mix..", "..deliver..",
                "..render..", "..media..", "..cli..").check(CLASSES);
    }

    @Test
    void dailiesJudgeTakesWithoutReachingForward() {
        // the dailies measure takes (media) with the colour science of finish; the render calls them, not the reverse
        noClasses().that().resideInAPackage("..dailies..").should().dependOnClassesThat()
            .resideInAnyPackage("..edit..", "..mix..", "..deliver..", "..render..", "..cli..").check(CLASSES);
    }

    @Test
    void renderOnlyWires() {
        // pixels, samples and file formats live in the stages; render builds the graph and runs it
        noClasses().that().resideInAPackage("org.cinestack.render..").should().dependOnClassesThat()
            .resideInAnyPackage("org.bytedeco..", "javax.sound..", "javax.imageio..", "java.awt..", "tools.jackson..")
            .check(CLASSES);
    }

    @Test
    void theJobGraphKnowsNoStage() {
        // a runner (in process, or a farm's) runs any graph: jobs are values with work, never a stage's types
        noClasses().that().resideInAPackage("..render.graph..").should().dependOnClassesThat()
            .resideInAnyPackage("..film..", "..plan..", "..shoot..", "..edit..", "..finish..", "..mix..",
                "..deliver..", "..media..", "..cli..", "..script..", "..breakdown..")
            .check(CLASSES);
        noClasses().that().resideInAPackage("..render.graph..").should().dependOnClassesThat()
            .resideInAPackage("org.cinestack.render").check(CLASSES);
    }

    @Test
    void theStudioIsAFrontEndLikeTheCommandLine() {
        // the studio calls the same core as the command line, through render; only cli starts it
        noClasses().that().resideOutsideOfPackages("..studio..", "..cli..").should().dependOnClassesThat()
            .resideInAPackage("..studio..").check(CLASSES);
        noClasses().that().resideInAPackage("..studio..").should().dependOnClassesThat()
            .resideInAnyPackage("..cli..", "..shoot..", "..edit..", "..finish..", "..mix..", "..deliver..",
                "..media..", "org.bytedeco..").check(CLASSES);
    }

    @Test
    void theFarmsJobEngineStaysInRenderFarm() {
        // JobRunr, the database pool and the driver are the farm's business: the rest of the render knows a JobRunner
        noClasses().that().resideOutsideOfPackage("..render.farm..").should().dependOnClassesThat()
            .resideInAnyPackage("org.jobrunr..", "com.zaxxer..", "org.postgresql..").check(CLASSES);
    }

    @Test
    void noCycles() {
        slices().matching("org.cinestack.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}

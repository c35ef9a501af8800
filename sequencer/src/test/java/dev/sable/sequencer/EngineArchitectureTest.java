package dev.sable.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.sable.sequencer.archfixture.ImportsFromOutside;
import dev.sable.sequencer.archfixture.IteratesAHashMap;
import dev.sable.sequencer.archfixture.PublicState;
import dev.sable.sequencer.archfixture.ReadsTheClock;
import dev.sable.sequencer.archfixture.RollsADie;
import dev.sable.sequencer.archfixture.StartsAThread;
import dev.sable.sequencer.archfixture.WritesAFile;
import dev.sable.sequencer.archfixture.cycle.first.First;
import dev.sable.sequencer.archfixture.cycle.second.Second;
import dev.sable.sequencer.core.archfixture.CallsTheEngine;
import dev.sable.sequencer.engine.Sequencer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine's main classes obey every one of {@link EngineRules}, and each rule really fails on a
 * test-only class that breaks it (the fixtures in the {@code archfixture} test packages).
 */
class EngineArchitectureTest {
  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sable.sequencer");

  /** Each rule with the fixture classes that break it. */
  static Stream<Arguments> rules() {
    return Stream.of(
        arguments(
            "no package cycles", EngineRules.NO_PACKAGE_CYCLES, List.of(First.class, Second.class)),
        // The layers are known from the imported classes: the engine's class comes along.
        arguments(
            "layers point down",
            EngineRules.LAYERS,
            List.of(CallsTheEngine.class, Sequencer.class)),
        arguments("no public state", EngineRules.NO_PUBLIC_STATE, List.of(PublicState.class)),
        arguments(
            "nothing of ours from outside",
            EngineRules.NOTHING_OF_OURS_FROM_OUTSIDE,
            List.of(ImportsFromOutside.class)),
        arguments("no I/O", EngineRules.NO_IO, List.of(WritesAFile.class)),
        arguments("no threads", EngineRules.NO_THREADS, List.of(StartsAThread.class)),
        arguments("no clocks", EngineRules.NO_CLOCKS, List.of(ReadsTheClock.class)),
        arguments("no randomness", EngineRules.NO_RANDOMNESS, List.of(RollsADie.class)),
        arguments("no hash order", EngineRules.NO_HASH_ORDER, List.of(IteratesAHashMap.class)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void theEngineObeys(String name, ArchRule rule, List<Class<?>> violators) {
    rule.check(ENGINE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void aClassThatBreaksItFails(String name, ArchRule rule, List<Class<?>> violators) {
    EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(violators));
    assertThat(result.hasViolation()).as(name).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .as(name)
        .anyMatch(line -> line.contains(violators.getFirst().getSimpleName()));
  }
}

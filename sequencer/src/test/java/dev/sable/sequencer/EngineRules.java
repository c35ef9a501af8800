package dev.sable.sequencer;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenClassesConjunction;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.WeakHashMap;

/**
 * The engine's architecture as rules (docs/sequencer.md, "Packages"): no package cycles, the
 * layers, nothing of ours from outside the engine, and none of what would break determinism (I/O,
 * threads, clocks, randomness, hash-ordered collections). {@code EngineArchitectureTest} checks
 * them on the engine; {@code EngineRulesCatchViolationsTest} shows each one fails on a test-only
 * class that breaks it.
 */
final class EngineRules {
  private EngineRules() {}

  static final String ENGINE = "dev.sable.sequencer..";

  private static GivenClassesConjunction noEngineClasses() {
    return noClasses().that().resideInAPackage(ENGINE);
  }

  /** Every package, sub-packages included, is a slice; no two depend on each other. */
  static final ArchRule NO_PACKAGE_CYCLES =
      slices().matching("dev.sable.sequencer.(**)").should().beFreeOfCycles();

  /**
   * Values at the bottom; the core (state and the handles that change it) above them; the risk
   * rules (margin over the core, the options math over values only); the command handlers over
   * those; the dispatching engine on top.
   */
  static final ArchRule LAYERS =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          // A fixture fills one layer only; the rule is about accesses, not about empty layers.
          .withOptionalLayers(true)
          .layer("Values")
          .definedBy(
              "dev.sable.sequencer.command..",
              "dev.sable.sequencer.event..",
              "dev.sable.sequencer.market..",
              "dev.sable.sequencer.math..",
              "dev.sable.sequencer.snapshot..",
              "dev.sable.sequencer.util..")
          .layer("Codec")
          .definedBy("dev.sable.sequencer.codec..")
          .layer("Core")
          .definedBy("dev.sable.sequencer.core..")
          .layer("Rules")
          .definedBy("dev.sable.sequencer.margin..", "dev.sable.sequencer.options..")
          .layer("Handlers")
          .definedBy(
              "dev.sable.sequencer.matching..",
              "dev.sable.sequencer.funding..",
              "dev.sable.sequencer.liquidation..",
              "dev.sable.sequencer.optionmarket..",
              "dev.sable.sequencer.trading..")
          .layer("Engine")
          .definedBy("dev.sable.sequencer.engine..")
          .whereLayer("Engine")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Handlers")
          .mayOnlyBeAccessedByLayers("Engine")
          .whereLayer("Rules")
          .mayOnlyBeAccessedByLayers("Handlers", "Engine")
          .whereLayer("Core")
          .mayOnlyBeAccessedByLayers("Rules", "Handlers", "Engine")
          .whereLayer("Codec")
          .mayOnlyBeAccessedByLayers("Engine");

  /** State is read through methods; only constants are public fields. */
  static final ArchRule NO_PUBLIC_STATE =
      fields()
          .that()
          .areDeclaredInClassesThat()
          .resideInAPackage(ENGINE)
          .and()
          .arePublic()
          .should()
          .beStatic()
          .andShould()
          .beFinal()
          .because("callers outside the core must not be able to change the state");

  static final ArchRule NOTHING_OF_OURS_FROM_OUTSIDE =
      noEngineClasses()
          .should()
          .dependOnClassesThat(resideInAPackage("dev.sable..").and(not(resideInAPackage(ENGINE))))
          .because("the engine depends on nothing of ours outside it");

  static final ArchRule NO_IO =
      noEngineClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.io..", "java.nio.file..", "java.nio.channels..", "java.net..")
          .orShould()
          .callMethod(System.class, "getenv", String.class)
          .orShould()
          .callMethod(System.class, "getProperty", String.class)
          .because("the engine does no I/O: commands in, events out");

  static final ArchRule NO_THREADS =
      noEngineClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.util.concurrent..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(Thread.class, ThreadLocal.class)
          .because("the engine is one deterministic thread of the caller's");

  static final ArchRule NO_CLOCKS =
      noEngineClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.time..")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .because("time enters only as a logged command");

  static final ArchRule NO_RANDOMNESS =
      noEngineClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.util.random..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(Random.class, SplittableRandom.class, SecureRandom.class)
          .orShould()
          .callMethod(Math.class, "random")
          .orShould()
          .callMethod(UUID.class, "randomUUID")
          .because("the same log must give the same state on every machine");

  static final ArchRule NO_HASH_ORDER =
      noEngineClasses()
          .should()
          .dependOnClassesThat()
          .belongToAnyOf(
              HashMap.class,
              HashSet.class,
              Hashtable.class,
              IdentityHashMap.class,
              WeakHashMap.class)
          .because(
              "iteration order of hashed collections must not reach the output; use"
                  + " LongLongHashMap, arrays or sorted collections");
}

package dev.sable.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.sable.sequencer.archfixture.ForbiddenImport;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module graph of docs/architecture.md, checked on the compiled classes: each module's packages
 * may use only the modules of ours its arrows point to. Maven already refuses a dependency a
 * module's pom does not declare; this test also catches a pom that declares too much, and names the
 * arrow that broke.
 */
class ModuleArrowsTest {
  /** Module root package, then the roots of the modules it may use (besides itself). */
  private static final String[][] ARROWS = {
    {"dev.sable.platform"},
    {"dev.sable.crypto"},
    {"dev.sable.sequencer"},
    {"dev.sable.state", "dev.sable.crypto", "dev.sable.platform"},
    {"dev.sable.prover", "dev.sable.crypto", "dev.sable.platform"},
    {
      "dev.sable.batch",
      "dev.sable.sequencer",
      "dev.sable.state",
      "dev.sable.crypto",
      "dev.sable.prover"
    },
    {"dev.sable.l1", "dev.sable.crypto"},
    {"dev.sable.sdk", "dev.sable.crypto"},
    {
      "dev.sable.node",
      "dev.sable.sequencer",
      "dev.sable.state",
      "dev.sable.crypto",
      "dev.sable.prover",
      "dev.sable.l1",
      "dev.sable.batch"
    },
    {
      "dev.sable.devnet",
      "dev.sable.node",
      "dev.sable.sdk",
      "dev.sable.sequencer",
      "dev.sable.state",
      "dev.sable.crypto",
      "dev.sable.prover",
      "dev.sable.l1",
      "dev.sable.batch"
    },
  };

  private static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.sable");

  static Stream<Arguments> arrows() {
    return Arrays.stream(ARROWS).map(arrow -> Arguments.of(arrow[0], arrowRule(arrow)));
  }

  static ArchRule arrowRule(String[] arrow) {
    String[] allowed = Arrays.stream(arrow).map(p -> p + "..").toArray(String[]::new);
    return classes()
        .that()
        .resideInAPackage(arrow[0] + "..")
        .should()
        .onlyDependOnClassesThat(
            not(resideInAPackage("dev.sable..")).or(resideInAnyPackage(allowed)))
        .because("docs/architecture.md draws " + arrow[0] + "'s arrows")
        .allowEmptyShould(false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arrows")
  void everyModuleUsesOnlyTheModulesItsArrowsPointTo(String module, ArchRule rule) {
    rule.check(PRODUCTION);
  }

  /**
   * Benchmark tools and the peer order book the benchmarks compare against (exchange-core) are the
   * bench module's alone; the enforcer's bench-only-dependencies rule keeps them off every other
   * module's class path, and this keeps any production class from naming them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("benchOnly")
  void noProductionModuleUsesABenchOnlyLibrary(String library) {
    classes()
        .that()
        .resideInAPackage("dev.sable..")
        .should()
        .onlyDependOnClassesThat(not(resideInAPackage(library + "..")))
        .check(PRODUCTION);
  }

  static Stream<String> benchOnly() {
    return Stream.of("org.openjdk.jmh", "exchange.core2");
  }

  @Test
  void aForbiddenImportIsCaught() {
    JavaClasses withFixture = new ClassFileImporter().importClasses(ForbiddenImport.class);
    String[] engine =
        Arrays.stream(ARROWS).filter(a -> a[0].equals("dev.sable.sequencer")).findFirst().get();
    assertThatThrownBy(() -> arrowRule(engine).check(withFixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ForbiddenImport")
        .hasMessageContaining("dev.sable.state.LeafWrite");
  }
}

package dev.quiver.grammar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE §6 guard (4): the grammar knows text, not storage; it depends only on ANTLR's runtime and the JDK. */
class GrammarArchitectureTest {
  private static final JavaClasses GRAMMAR =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.quiver.grammar");

  @Test
  void theGrammarDependsOnlyOnAntlrAndTheJdk() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.quiver.grammar..", "org.antlr.v4.runtime..", "java..")
        .check(GRAMMAR);
  }

  @Test
  void theAstDoesNotKnowAntlr() {
    classes()
        .that()
        .resideInAPackage("dev.quiver.grammar.ast")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "dev.quiver.grammar..")
        .check(GRAMMAR);
  }
}

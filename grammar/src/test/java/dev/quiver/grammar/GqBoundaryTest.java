package dev.quiver.grammar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** STYLE §6 guard (4) for the .gq side of the grammar module: text in, AST out, nothing else. */
class GqBoundaryTest {
  private static final JavaClasses GRAMMAR = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.quiver.grammar");

  @Test
  void gqCodeUsesOnlyTheJdkAntlrAndItsOwnModule() {
    classes().that().resideInAnyPackage("dev.quiver.grammar.ast..", "dev.quiver.grammar.internal..",
            "dev.quiver.grammar.antlr..")
        .or().belongToAnyOf(MutationParser.class, D2.class, Dialect.class, SyntaxError.class)
        .should().onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.antlr..", "dev.quiver.grammar..")
        .check(GRAMMAR);
  }

  @Test
  void theAstDoesNotKnowAntlr() {
    classes().that().resideInAPackage("dev.quiver.grammar.ast")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.quiver.grammar..")
        .check(GRAMMAR);
  }
}

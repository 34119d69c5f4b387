package dev.quiver.grammar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The grammar knows text, not storage: it depends only on ANTLR's runtime and the JDK (STYLE §1). */
class GrammarArchitectureTest {
  @Test
  void theGrammarDependsOnlyOnAntlrAndTheJdk() {
    JavaClasses grammar =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.quiver.grammar");
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("dev.quiver.grammar..", "org.antlr.v4.runtime..", "java..", "javax.annotation..")
        .check(grammar);
  }
}

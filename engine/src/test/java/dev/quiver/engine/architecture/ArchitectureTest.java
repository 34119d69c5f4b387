package dev.quiver.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the module and layer boundaries (STYLE §6): only the storage package talks to Lance, and inside it
 * only {@code LanceWrites} calls Lance's durable APIs, so there is exactly one door through which a table
 * version can appear. A change that adds a writer must update this rule in the same commit.
 */
class ArchitectureTest {
  private static final String LANCE_WRITES = "dev.quiver.engine.storage.LanceWrites";

  /** lance-core 7.0.0 methods that write files or move a version. */
  private static final Set<String> DURABLE_DATASET_METHODS =
      Set.of(
          "write",
          "create",
          "commit",
          "commitTransaction",
          "delete",
          "mergeInsert",
          "addColumns",
          "dropColumns",
          "alterColumns",
          "createIndex",
          "dropIndex",
          "compact",
          "restore",
          "createBranch",
          "optimizeIndices",
          "cleanupWithPolicy",
          "deleteRows",
          "updateConfig",
          "deleteConfigKeys",
          "mergeIndexMetadata",
          "buildIndexSegments",
          "commitExistingIndexSegments");

  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.quiver.engine");
  }

  @Test
  void onlyTheStoragePackageDependsOnLance() {
    ArchRule rule =
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.quiver.engine.storage..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.lance..")
            .because("storage is the only layer that talks to Lance (STYLE §1)");
    rule.check(engine);
  }

  @Test
  void onlyLanceWritesCallsLancesDurableApis() {
    DescribedPredicate<JavaAccess<?>> durable =
        new DescribedPredicate<>("a Lance API that writes files or moves a version") {
          @Override
          public boolean test(JavaAccess<?> access) {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            if (!owner.startsWith("org.lance")) {
              return false;
            }
            if (owner.equals("org.lance.CommitBuilder")
                || owner.equals("org.lance.WriteFragmentBuilder")
                || owner.equals("org.lance.WriteDatasetBuilder")) {
              return true;
            }
            if (owner.equals("org.lance.Fragment") && (name.equals("write") || name.equals("deleteRows"))) {
              return true;
            }
            // Compaction: a task writes the new data files; commitCompaction moves HEAD by two versions.
            if ((owner.equals("org.lance.compaction.CompactionTask") && name.equals("execute"))
                || (owner.equals("org.lance.compaction.Compaction") && name.startsWith("commit"))) {
              return true;
            }
            return owner.equals("org.lance.Dataset") && DURABLE_DATASET_METHODS.contains(name);
          }
        };
    ArchRule rule =
        noClasses()
            .that()
            .doNotHaveFullyQualifiedName(LANCE_WRITES)
            .should()
            .accessTargetWhere(durable)
            .because("every Lance write goes through the one door, LanceWrites (invariant 1 and 10)");
    rule.check(engine);
  }

  @Test
  void theEngineKnowsNothingOfJdbc() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "javax.sql..", "dev.quiver.jdbc..")
        .because("the engine knows graphs, not JDBC (STYLE §1)")
        .check(engine);
  }
}

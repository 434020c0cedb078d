package dev.flotilla.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of docs/architecture.md: model ← protocol, render ← hub, agent ← cli; the hub
 * and the agent never see each other; nothing below cli sees cli.
 */
class ArchitectureTest {
  static JavaClasses classes;

  private static final List<String> MODULES =
      List.of("model", "protocol", "render", "hub", "agent", "testkit", "cli");

  private static boolean imported(String module) {
    return classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.flotilla." + module));
  }

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("dev.flotilla");
    if (MODULES.stream().anyMatch(m -> !imported(m))) {
      // the other modules come as jars (a reactor build past `package`): include them
      classes =
          new ClassFileImporter()
              .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
              .importPackages("dev.flotilla");
    }
  }

  private static void forbid(String module, String... others) {
    for (String other : others) {
      noClasses()
          .that()
          .resideInAPackage("dev.flotilla." + module + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.flotilla." + other + "..")
          .because(module + " must not depend on " + other + " (docs/architecture.md)")
          .check(classes);
    }
  }

  @Test
  void seesEveryModule() {
    for (String m : MODULES) {
      assertThat(imported(m)).as("classes of module " + m + " imported").isTrue();
    }
  }

  @Test
  void modelDependsOnNothingButTheJdk() {
    forbid("model", "protocol", "render", "hub", "agent", "testkit", "cli");
    noClasses()
        .that()
        .resideInAPackage("dev.flotilla.model..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("dev.flotilla.model..", "java..", "javax..")
        .check(classes);
  }

  @Test
  void protocolSitsOnModelOnly() {
    forbid("protocol", "render", "hub", "agent", "testkit", "cli");
  }

  @Test
  void renderSitsOnModelOnly() {
    forbid("render", "protocol", "hub", "agent", "testkit", "cli");
  }

  @Test
  void hubAndAgentNeverSeeEachOther() {
    forbid("hub", "agent", "testkit", "cli");
    forbid("agent", "hub", "render", "testkit", "cli");
  }

  @Test
  void testkitDoesNotReachUp() {
    forbid("testkit", "hub", "cli", "render");
  }

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    Path root = Path.of("..").toAbsolutePath().normalize();
    List<String> missing = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      List<Path> dirs =
          s.filter(Files::isDirectory)
              .filter(p -> p.toString().contains("/src/main/java/dev/flotilla"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList();
      for (Path d : dirs) {
        boolean hasJava;
        try (Stream<Path> files = Files.list(d)) {
          hasJava = files.anyMatch(f -> f.toString().endsWith(".java"));
        }
        if (hasJava && !Files.exists(d.resolve("package-info.java"))) {
          missing.add(root.relativize(d).toString());
        }
      }
    }
    assertThat(missing).as("packages without package-info.java").isEmpty();
  }
}

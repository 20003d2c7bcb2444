package se.arkiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module rules of DESIGN.md: each feature package talks to another only through its public root
 * package or its events, and only to the modules it is allowed to use. The module diagram and each
 * module's canvas in docs/modules are written from the same model, so they cannot drift from the
 * code: a change of a module shows as a diff of docs/modules.
 */
class ModuleStructureTest {

  private static final ApplicationModules MODULES = ApplicationModules.of(ArkivApplication.class);
  private static final Path DOCS = Path.of("docs/modules");

  @Test
  void modulesRespectTheirBoundariesAndAllowedDependencies() {
    MODULES.verify();
  }

  @Test
  void theModuleDiagramAndCanvasesInDocsAreWrittenFromTheCode() throws IOException {
    Path written = Path.of("target/modules");
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(written.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();

    Files.createDirectories(DOCS);
    try (Stream<Path> files = Files.list(written)) {
      for (Path file : files.toList()) {
        keepUnlessOnlyReordered(file, DOCS.resolve(file.getFileName()));
      }
    }
    assertThat(DOCS.resolve("components.puml")).content().contains("Retention", "Audit");
    assertThat(DOCS.resolve("module-retention.adoc")).exists();
  }

  /**
   * The Documenter lists a module's parts in an order that changes from run to run; a file that
   * differs from the one in docs only in the order of its lines (and so of a table cell's items) is
   * left alone, so that docs/modules changes only when a module does.
   */
  private static void keepUnlessOnlyReordered(Path fresh, Path kept) throws IOException {
    if (Files.exists(kept) && sorted(fresh).equals(sorted(kept))) {
      return;
    }
    Files.copy(fresh, kept, StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<String> sorted(Path file) throws IOException {
    // The first item of an AsciiDoc table cell carries the cell's '|': it may be any of the items.
    return Files.readAllLines(file).stream()
        .map(l -> l.replaceFirst("^\\|\\* ", "* "))
        .sorted()
        .toList();
  }
}

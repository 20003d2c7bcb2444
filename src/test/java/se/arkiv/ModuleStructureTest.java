package se.arkiv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

  @Test
  void modulesRespectTheirBoundariesAndAllowedDependencies() {
    MODULES.verify();
  }

  @Test
  void theModuleDiagramAndCanvasesInDocsAreWrittenFromTheCode() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules"))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();

    assertThat(Path.of("docs/modules/components.puml")).content().contains("Retention", "Audit");
    assertThat(Path.of("docs/modules/module-retention.adoc")).exists();
  }
}

package se.arkiv;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The module rules of DESIGN.md: each feature package talks to another only through its public root
 * package or its events, and only to the modules it is allowed to use.
 */
class ModuleStructureTest {

  @Test
  void modulesRespectTheirBoundariesAndAllowedDependencies() {
    ApplicationModules.of(ArkivApplication.class).verify();
  }
}

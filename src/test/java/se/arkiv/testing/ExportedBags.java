package se.arkiv.testing;

import static org.assertj.core.api.Assertions.assertThat;

import gov.loc.repository.bagit.domain.Bag;
import gov.loc.repository.bagit.reader.BagReader;
import gov.loc.repository.bagit.verify.BagVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The zip of an export, unpacked as an auditor would, and checked by the Library of Congress BagIt
 * library: an implementation of RFC 8493 that is not Arkiv's.
 */
public final class ExportedBags {

  private ExportedBags() {}

  /**
   * Unzips, streaming, into {@code into}; every entry must lie in the one folder {@code root}
   * without climbing out of it. Returns that folder.
   */
  public static Path unzip(InputStream zipped, String root, Path into) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(zipped)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        assertThat(entry.getName())
            .startsWith(root + "/")
            .doesNotContain("..")
            .doesNotContain("\\");
        Path target = into.resolve(entry.getName()).normalize();
        assertThat(target.startsWith(into)).as(entry.getName()).isTrue();
        Files.createDirectories(target.getParent());
        Files.copy(zip, target);
      }
    }
    return into.resolve(root);
  }

  /** Complete and valid by the Library of Congress verifier, or its exception says why not. */
  public static void verify(Path bagFolder) throws Exception {
    Bag bag = new BagReader().read(bagFolder);
    try (BagVerifier verifier = new BagVerifier()) {
      verifier.isComplete(bag, false);
      verifier.isValid(bag, false);
    }
  }
}

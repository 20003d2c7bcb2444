package se.arkiv.testing;

import java.nio.file.Path;

/**
 * One file of the hostile suite, kept on disk so that filing hundreds of them (and a 60 MB one)
 * costs the test JVM no heap.
 *
 * @param name the file name it is filed under (Tika's own name for its test documents)
 * @param path where the bytes are
 * @param origin where it comes from: the Tika module whose tests jar held it, or "bomb"
 */
public record HostileFile(String name, Path path, String origin) {

  /** How the test reports it: origin and name, e.g. "pkg/droste.zip". */
  public String label() {
    return origin + "/" + name;
  }
}

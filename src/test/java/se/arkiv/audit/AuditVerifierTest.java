package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A trail of ten entries: entries 1-4 and 5-8 sealed, 9 and 10 local. Whatever is changed, removed
 * or reordered, in a sealed or in the local segment, verification names the first bad entry.
 */
class AuditVerifierTest {

  private static final String FIRST = "audit/segments/000000000001-000000000004.log";
  private static final String SECOND = "audit/segments/000000000005-000000000008.log";

  @TempDir Path root;
  private TrailOnDisk trail;
  private AuditSegmentWriter writer;
  private AuditVerifier verifier;

  @BeforeEach
  void writeTenEntries() throws IOException {
    trail = new TrailOnDisk(root, 4);
    writer = trail.startWith(10);
    verifier = new AuditVerifier(writer, trail.files);
  }

  @Test
  void anUntouchedTrailVerifiesUpToItsLastEntry() {
    AuditTrail.Verification result = verifier.verify();

    assertThat(result)
        .usingRecursiveComparison()
        .ignoringFields("chains")
        .isEqualTo(
            new AuditTrail.Verification(
                true, 10, writer.durableHead().hash(), null, null, List.of()));
    assertThat(result.chains())
        .containsExactly(
            new AuditTrail.ChainResult(null, true, 10, writer.durableHead().hash(), null, null));
  }

  /** A change made to the lines of one file of the trail, by someone with access to it. */
  private record Tamper(String file, UnaryOperator<List<String>> change) {}

  private Path file(String name) {
    return name.startsWith("audit/") ? trail.object(name) : trail.localSegment(9);
  }

  static Stream<Arguments> tampering() {
    return Stream.of(
        tampered(
            "one changed byte in a sealed segment",
            new Tamper(SECOND, lines -> replace(lines, 1, lines.get(1).replace("clara", "clarb"))),
            6,
            "entry 6 was changed"),
        tampered(
            "a removed entry",
            new Tamper(SECOND, lines -> without(lines, 2)),
            7,
            "expected entry 7 but found 8"),
        tampered(
            "two swapped entries",
            new Tamper(FIRST, lines -> swapped(lines, 1, 2)),
            2,
            "expected entry 2 but found 3"),
        tampered(
            "an entry rewritten with a fresh hash",
            new Tamper(FIRST, lines -> replace(lines, 1, rehashed(lines.get(1)))),
            3,
            "entry 3 does not follow the entry before it"),
        tampered(
            "every entry of a sealed segment removed",
            new Tamper(SECOND, lines -> List.of()),
            5,
            "expected entry 5 but found 9"),
        tampered(
            "one changed byte in the local segment",
            new Tamper("local", lines -> replace(lines, 0, lines.get(0).replace("clara", "clarb"))),
            9,
            "entry 9 was changed"),
        tampered(
            "the last entry cut off the end",
            new Tamper("local", lines -> without(lines, 1)),
            10,
            "entries are missing"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampering")
  void namesTheFirstBadEntry(Tamper tamper, long firstInvalid, String reason) throws IOException {
    Path file = file(tamper.file());
    Files.write(file, tamper.change().apply(Files.readAllLines(file)));

    AuditTrail.Verification result = verifier.verify();

    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSequence()).isEqualTo(firstInvalid);
    assertThat(result.reason()).contains(reason);
  }

  private static Arguments tampered(String what, Tamper tamper, long firstInvalid, String reason) {
    return Arguments.of(Named.of(what, tamper), firstInvalid, reason);
  }

  private static List<String> replace(List<String> lines, int index, String line) {
    List<String> changed = new ArrayList<>(lines);
    changed.set(index, line);
    return changed;
  }

  private static List<String> without(List<String> lines, int index) {
    List<String> changed = new ArrayList<>(lines);
    changed.remove(index);
    return changed;
  }

  private static List<String> swapped(List<String> lines, int first, int second) {
    return replace(replace(lines, first, lines.get(second)), second, lines.get(first));
  }

  /** The line with its JSON changed and a hash made anew, as a careful forger would. */
  private static String rehashed(String line) {
    return ChainLine.format(ChainLine.split(line)[1].replace("clara", "clarb"));
  }
}

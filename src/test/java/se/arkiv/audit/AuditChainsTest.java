package se.arkiv.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two nodes, a and b, on one store, segments of four entries, sealed in turn so that each one's
 * checkpoints witness the other's: b seals 1-4, a seals 1-4 (witnessing b's 4), b seals 5-8
 * (witnessing a's 4), a seals 5-8 (witnessing b's 8). Then a has one entry and b none left local.
 */
class AuditChainsTest {

  @TempDir Path root;
  private TrailOnDisk a;
  private TrailOnDisk b;
  private AuditSegmentWriter writerA;
  private AuditSegmentWriter writerB;

  @BeforeEach
  void twoNodesSealInTurn() throws IOException {
    a = TrailOnDisk.node(root, "a", 4);
    b = TrailOnDisk.node(root, "b", 4);
    writerA = a.start();
    writerB = b.start();
    TrailOnDisk.append(writerB, 4);
    TrailOnDisk.append(writerA, 4);
    TrailOnDisk.append(writerB, 4);
    TrailOnDisk.append(writerA, 5);
  }

  private AuditTrail.Verification verifiedByA() {
    return new AuditVerifier(writerA, a.files).verify();
  }

  private AuditTrail.ChainResult chain(AuditTrail.Verification result, String node) {
    return result.chains().stream().filter(c -> node.equals(c.node())).findFirst().orElseThrow();
  }

  @Test
  void eachNodeWritesItsOwnChainUnderItsName() {
    assertThat(a.store.list("audit/nodes/a/segments/").toList())
        .containsExactly(
            "audit/nodes/a/segments/000000000001-000000000004.log",
            "audit/nodes/a/segments/000000000005-000000000008.log");
    assertThat(b.store.list("audit/nodes/b/checkpoints/").toList())
        .containsExactly(
            "audit/nodes/b/checkpoints/000000000004.json",
            "audit/nodes/b/checkpoints/000000000008.json");
    assertThat(a.store.list("audit/segments/").toList()).isEmpty();
    assertThat(writerA.durableHead().seq()).isEqualTo(9);
  }

  @Test
  void entriesOfANodeNameTheirChain() throws IOException {
    String line = Files.readAllLines(a.localSegment(9)).get(0);

    assertThat(ChainLine.entry(line).node()).isEqualTo("a");
    assertThat(line).contains("\"node\":\"a\"");
  }

  @Test
  void aCheckpointWitnessesTheOtherChainsLastCheckpoint() {
    JsonNode checkpoint = a.files.checkpoint("audit/nodes/a/checkpoints/000000000008.json");
    JsonNode bEight = b.files.checkpoint("audit/nodes/b/checkpoints/000000000008.json");

    assertThat(checkpoint.get("witnessed").get("b").get("seq").asLong()).isEqualTo(8);
    assertThat(checkpoint.get("witnessed").get("b").get("hash").asString())
        .isEqualTo(bEight.get("hash").asString());
    assertThat(b.files.checkpoint("audit/nodes/b/checkpoints/000000000004.json").has("witnessed"))
        .as("b sealed first: there was no other chain to witness")
        .isFalse();
  }

  @Test
  void bothChainsVerify() {
    AuditTrail.Verification result = verifiedByA();

    assertThat(result.valid()).as(result.reason()).isTrue();
    assertThat(result.entries()).isEqualTo(9 + 8);
    assertThat(result.head()).isEqualTo(writerA.durableHead().hash());
    assertThat(result.chains())
        .extracting(AuditTrail.ChainResult::node, AuditTrail.ChainResult::entries)
        .containsExactly(Tuple.tuple("a", 9L), Tuple.tuple("b", 8L));
    assertThat(new AuditVerifier(writerB, b.files).verify().valid()).isTrue();
  }

  @Test
  void aTamperedChainIsInvalidAndTheOtherStaysValid() throws IOException {
    Path segment = a.object("audit/nodes/b/segments/000000000005-000000000008.log");
    List<String> lines = Files.readAllLines(segment);
    lines.set(1, lines.get(1).replace("clara", "clarb"));
    Files.write(segment, lines);

    AuditTrail.Verification result = verifiedByA();

    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSequence()).isEqualTo(6);
    assertThat(result.reason()).contains("node b's chain").contains("entry 6 was changed");
    assertThat(chain(result, "b").valid()).isFalse();
    assertThat(chain(result, "a").valid()).isTrue();
  }

  @Test
  void aWholeChainDeletedIsFoundByTheChainThatWitnessedIt() throws IOException {
    deleteTree(a.object("audit/nodes/b"));

    AuditTrail.Verification result = verifiedByA();

    assertThat(result.valid()).isFalse();
    AuditTrail.ChainResult gone = chain(result, "b");
    assertThat(gone.valid()).isFalse();
    assertThat(gone.entries()).isZero();
    assertThat(gone.firstInvalidSequence()).isEqualTo(1);
    assertThat(gone.reason()).contains("witnessed by a's checkpoint");
    assertThat(chain(result, "a").valid()).isTrue();
  }

  @Test
  void aChainCutShortWithItsCheckpointsIsFoundByTheChainThatWitnessedIt() throws IOException {
    Files.delete(a.object("audit/nodes/b/segments/000000000005-000000000008.log"));
    Files.delete(a.object("audit/nodes/b/checkpoints/000000000008.json"));

    AuditTrail.Verification result = verifiedByA();

    assertThat(result.valid()).isFalse();
    assertThat(result.firstInvalidSequence()).isEqualTo(5);
    assertThat(result.reason()).contains("node b's chain").contains("entry 8, witnessed by a's");
    assertThat(chain(result, "b").entries()).isEqualTo(4);
  }

  @Test
  void oneNodesSegmentPassedOffAsAnothersIsFound() throws IOException {
    Files.copy(
        a.object("audit/nodes/a/segments/000000000001-000000000004.log"),
        a.object("audit/nodes/b/segments/000000000001-000000000004.log"),
        StandardCopyOption.REPLACE_EXISTING);

    AuditTrail.Verification result = verifiedByA();

    assertThat(chain(result, "b").valid()).isFalse();
    assertThat(chain(result, "b").reason()).contains("is of node a's chain");
  }

  @Test
  void theOnlyNodesChainBesideTheNodesIsWitnessedAsDash() throws IOException {
    TrailOnDisk legacy = TrailOnDisk.legacyBeside(root, 4);
    AuditSegmentWriter writer = legacy.start();
    TrailOnDisk.append(writer, 4);
    TrailOnDisk.append(writerA, 3);
    JsonNode checkpoint = a.files.checkpoint("audit/nodes/a/checkpoints/000000000012.json");
    assertThat(checkpoint.get("witnessed").get("-").get("seq").asLong()).isEqualTo(4);
    assertThat(verifiedByA().valid()).isTrue();

    deleteTree(legacy.object("audit/segments"));
    deleteTree(legacy.object("audit/checkpoints"));
    AuditTrail.Verification result = verifiedByA();

    assertThat(result.valid()).isFalse();
    assertThat(result.chains().get(0).node()).isNull();
    assertThat(result.chains().get(0).valid()).isFalse();
    assertThat(result.reason()).startsWith("entry 4, witnessed by a's checkpoint 12");
  }

  @Test
  void aNodeGivenAnIdStartsItsOwnChainOnceTheOnlyNodesEntriesAreSealed() throws IOException {
    TrailOnDisk before = TrailOnDisk.legacyBeside(root, 4);
    AuditSegmentWriter only = before.start();
    TrailOnDisk.append(only, 2);
    // The same data dir, now with arkiv.node.id=legacy.
    TrailOnDisk after = TrailOnDisk.node(root, "legacy", 4);

    assertThatThrownBy(after::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is of the only node's chain");

    only.seal();
    AuditSegmentWriter renamed = after.start();
    assertThat(renamed.durableHead().seq()).isZero();
    TrailOnDisk.append(renamed, 1);
    AuditTrail.Verification result = new AuditVerifier(renamed, after.files).verify();
    assertThat(result.valid()).as(result.reason()).isTrue();
    assertThat(result.chains())
        .extracting(AuditTrail.ChainResult::node, AuditTrail.ChainResult::entries)
        .containsExactly(
            Tuple.tuple(null, 2L),
            // a's ninth entry is in a's local segment, not in the store.
            Tuple.tuple("a", 8L),
            Tuple.tuple("b", 8L),
            Tuple.tuple("legacy", 1L));
  }

  @Test
  void theScriptVerifiesEveryChainAndTheWitnesses() throws Exception {
    assertThat(script()).startsWith("{\"valid\": true, \"entries\": 17");

    Files.delete(a.object("audit/nodes/b/segments/000000000005-000000000008.log"));
    Files.delete(a.object("audit/nodes/b/checkpoints/000000000008.json"));

    String output = script();
    assertThat(output).contains("\"valid\": false").contains("\"node\": \"b\"");
    assertThat(output)
        .contains("\"firstInvalidSequence\": 5")
        .contains("entry 8 (witnessed by a's checkpoint 8)");
  }

  @Test
  void theScriptReadingARunningNodeJustAfterASealCountsTheSealedSegmentOnce() throws Exception {
    // A running node removes a local segment just after putting its sealed copy in the store; a
    // script reading in between sees both.
    Files.copy(
        a.object("audit/nodes/a/segments/000000000005-000000000008.log"),
        root.resolve("a/audit/segment-000000000005.log"));

    assertThat(script()).startsWith("{\"valid\": true, \"entries\": 17");
  }

  /** Runs scripts/verify-audit over the shared store and node a's local segments. */
  private String script() throws IOException, InterruptedException {
    Process python =
        new ProcessBuilder(
                "python3",
                "scripts/verify-audit",
                root.resolve("objects").toString(),
                root.resolve("a/audit").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = python.waitFor();
    assertThat(exit).as(output).isEqualTo(output.startsWith("{\"valid\": true") ? 0 : 1);
    return output;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}

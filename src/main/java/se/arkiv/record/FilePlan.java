package se.arkiv.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file plan in force: every record class the archive accepts, by code, in the plan's order, and
 * the number of its version. The plan changes while the service runs (retention's {@code
 * FilePlanVersions} keeps every version and checks each change against the law and the store's
 * locks), so callers ask it each time instead of keeping a class.
 */
public final class FilePlan {

  private record Snapshot(int version, Map<String, RecordClass> classes) {}

  private volatile Snapshot current;

  /** A plan that is not a stored version yet (version 0): as read from a file. */
  public FilePlan(List<RecordClass> classes) {
    this.current = snapshot(0, classes);
  }

  public List<RecordClass> classes() {
    return List.copyOf(current.classes().values());
  }

  public List<String> codes() {
    return List.copyOf(current.classes().keySet());
  }

  /** The stored version in force; 0 for a plan read from a file and not stored. */
  public int version() {
    return current.version();
  }

  public Optional<RecordClass> find(String code) {
    Map<String, RecordClass> classes = current.classes();
    return Optional.ofNullable(code).map(classes::get);
  }

  /** The class with this code, or {@link UnknownRecordClass} listing the valid codes. */
  public RecordClass require(String code) {
    return find(code).orElseThrow(() -> new UnknownRecordClass(code, codes()));
  }

  /**
   * Puts a stored version in force. Only the versioning calls this, after the version passed the
   * change rules and is durable: a plan in force that is not stored could never be shown to an
   * auditor.
   */
  public void adopt(int version, List<RecordClass> classes) {
    this.current = snapshot(version, classes);
  }

  private static Snapshot snapshot(int version, List<RecordClass> classes) {
    Map<String, RecordClass> byCode = new LinkedHashMap<>();
    classes.forEach(c -> byCode.put(c.code(), c));
    return new Snapshot(version, byCode);
  }
}

package se.arkiv.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The file plan: every record class the archive accepts, by code, in the plan's order. */
public final class FilePlan {

  private final Map<String, RecordClass> classes = new LinkedHashMap<>();

  public FilePlan(List<RecordClass> classes) {
    classes.forEach(c -> this.classes.put(c.code(), c));
  }

  public List<RecordClass> classes() {
    return List.copyOf(classes.values());
  }

  public List<String> codes() {
    return List.copyOf(classes.keySet());
  }

  public Optional<RecordClass> find(String code) {
    return Optional.ofNullable(code).map(classes::get);
  }

  /** The class with this code, or {@link UnknownRecordClass} listing the valid codes. */
  public RecordClass require(String code) {
    return find(code).orElseThrow(() -> new UnknownRecordClass(code, codes()));
  }
}

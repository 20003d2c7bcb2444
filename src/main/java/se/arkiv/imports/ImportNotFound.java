package se.arkiv.imports;

public class ImportNotFound extends RuntimeException {
  ImportNotFound(String id) {
    super("No import " + id);
  }
}

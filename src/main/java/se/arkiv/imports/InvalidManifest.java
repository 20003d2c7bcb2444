package se.arkiv.imports;

import java.util.List;

/** A manifest with problems: every one of them, by line; nothing was filed. */
public class InvalidManifest extends RuntimeException {

  private final transient List<RowProblem> problems;

  InvalidManifest(List<RowProblem> problems, long more) {
    super(
        (problems.size() + more)
            + " problem(s) in the manifest; nothing was filed"
            + (more > 0 ? " (the first " + problems.size() + " are listed)" : ""));
    this.problems = List.copyOf(problems);
  }

  public List<RowProblem> problems() {
    return problems;
  }
}

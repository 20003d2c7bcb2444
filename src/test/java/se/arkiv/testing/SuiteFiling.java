package se.arkiv.testing;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import se.arkiv.testing.ArkivClient.Response;

/** Files a list of files in one go from a few concurrent clients, as a batch of clerks would. */
public final class SuiteFiling {

  /** The metadata every file of a suite is filed with. */
  public static final String METADATA =
      "{\"recordClass\":\"CORRESPONDENCE\",\"keys\":{\"caseId\":\"HOSTILE\"}}";

  /** What the service answered to one upload; {@code id} is null unless a record was filed. */
  public record Filed(HostileFile file, int status, String contentType, String id, String text) {

    public boolean created() {
      return id != null;
    }
  }

  /** The answers, in the order of {@code files}, and how long filing them all took. */
  public record Batch(List<Filed> answers, Duration took) {

    public List<Filed> created() {
      return answers.stream().filter(Filed::created).toList();
    }
  }

  private SuiteFiling() {}

  public static Batch fileAll(ArkivClient client, String user, List<HostileFile> files, int clients)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    try {
      List<Future<Filed>> futures = new ArrayList<>();
      for (HostileFile file : files) {
        futures.add(pool.submit(() -> file(client, user, file)));
      }
      List<Filed> answers = new ArrayList<>();
      for (Future<Filed> future : futures) {
        answers.add(future.get());
      }
      return new Batch(
          Collections.unmodifiableList(answers), Duration.ofNanos(System.nanoTime() - started));
    } finally {
      pool.shutdownNow();
    }
  }

  public static Filed file(ArkivClient client, String user, HostileFile file) {
    Response response;
    try {
      response = client.file(user, file.name(), file.path(), METADATA);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
    String id = null;
    if (response.status() == 201 || response.status() == 200) {
      id = response.json().get("id").asString();
    }
    return new Filed(
        file, response.status(), response.header("Content-Type"), id, abbreviated(response));
  }

  private static String abbreviated(Response response) {
    String text = response.text();
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }
}

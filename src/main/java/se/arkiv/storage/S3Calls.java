package se.arkiv.storage;

import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * The one place every S3 request goes through: it waits for the answer, retries what failed on the
 * way, and turns the store's answers into the port's exceptions. A failure on the way (connection
 * refused or reset, a timeout, a 500 or 503 from the store) is tried twice more with a short
 * backoff; an answer (404, 403, 412, a checksum mismatch) is final at once.
 */
final class S3Calls {

  /** What a call does, for messages, and what a refusal by the store means for it. */
  enum Operation {
    READ("read", false),
    WRITE("write", false),
    LIST("list", false),
    DELETE("delete", true),
    EXTEND_RETENTION("extend the retention of", true),
    READ_RETENTION("read the retention of", false),
    SET_LEGAL_HOLD("set the legal hold of", false),
    READ_LEGAL_HOLD("read the legal hold of", false),
    CHECK("check", false);

    final String verb;

    /** Whether AccessDenied here is Object Lock refusing (S3 answers 403 to a locked version). */
    final boolean refusedMeansLocked;

    Operation(String verb, boolean refusedMeansLocked) {
      this.verb = verb;
      this.refusedMeansLocked = refusedMeansLocked;
    }
  }

  /** A request to the store and its answer (the SDK's future, waited for). */
  interface Call<T> {
    T send() throws Exception;
  }

  private static final Set<String> LOCK_REFUSALS =
      Set.of("AccessDenied", "ObjectLocked", "InvalidRequest");

  private final RetryTemplate retry;

  S3Calls() {
    this(Duration.ofMillis(200));
  }

  S3Calls(Duration firstDelay) {
    this.retry =
        new RetryTemplate(
            RetryPolicy.builder()
                .maxRetries(2)
                .delay(firstDelay)
                .multiplier(3)
                .predicate(S3Calls::isTransient)
                .build());
  }

  /**
   * Sends the call (again if it failed on the way) and answers its result; a 404 is {@link
   * ObjectMissing}, a lock refusal {@link ObjectLocked}, anything else {@link StorageUnavailable}.
   */
  <T> T call(Operation operation, String key, Call<T> call) {
    try {
      return retry.execute(() -> send(call));
    } catch (RetryException e) {
      throw translate(operation, key, e.getCause() == null ? e : e.getCause());
    }
  }

  /** As {@link #call}, with the raw SDK error for callers that read the store's answer. */
  <T> T callForAnswer(Call<T> call) throws Exception {
    try {
      return retry.execute(() -> send(call));
    } catch (RetryException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }

  private static <T> T send(Call<T> call) throws Throwable {
    try {
      return call.send();
    } catch (ExecutionException | CompletionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailable("Interrupted while waiting for the store", e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  static boolean isTransient(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof IOException || cause instanceof UncheckedIOException) {
      return true;
    }
    if (cause instanceof ErrorResponseException error && error.response() != null) {
      int status = error.response().code();
      return status == 500 || status == 503;
    }
    return false;
  }

  static boolean isMissing(Throwable e) {
    if (unwrap(e) instanceof ErrorResponseException error) {
      String code = error.errorResponse() == null ? "" : error.errorResponse().code();
      return "NoSuchKey".equals(code)
          || "NoSuchObject".equals(code)
          || "NotFound".equals(code)
          || "NoSuchVersion".equals(code)
          || (error.response() != null && error.response().code() == 404);
    }
    return false;
  }

  /** The store's error code of an answer, or null when there was no answer. */
  static String code(Throwable e) {
    return unwrap(e) instanceof ErrorResponseException error && error.errorResponse() != null
        ? error.errorResponse().code()
        : null;
  }

  /** The HTTP status of an answer, or 0 when there was no answer. */
  static int status(Throwable e) {
    return unwrap(e) instanceof ErrorResponseException error && error.response() != null
        ? error.response().code()
        : 0;
  }

  static RuntimeException translate(Operation operation, String key, Throwable failure) {
    Throwable e = unwrap(failure);
    if (e instanceof ObjectMissing
        || e instanceof ObjectLocked
        || e instanceof ObjectAlreadyExists
        || e instanceof StorageUnavailable
        || e instanceof IllegalArgumentException) {
      return (RuntimeException) e;
    }
    if (isMissing(e) && operation != Operation.WRITE) {
      return new ObjectMissing(key);
    }
    if (operation.refusedMeansLocked && LOCK_REFUSALS.contains(code(e))) {
      ErrorResponseException error = (ErrorResponseException) e;
      return new ObjectLocked(
          key
              + " is locked in the store, which refused to "
              + operation.verb
              + " it: "
              + error.errorResponse().code()
              + " "
              + error.errorResponse().message());
    }
    String detail = e.getMessage();
    if (e instanceof ErrorResponseException error && error.errorResponse() != null) {
      detail = error.errorResponse().code() + " (HTTP " + status(e) + "): " + detail;
    }
    return new StorageUnavailable(
        "S3 store could not " + operation.verb + " " + key + ": " + detail, e);
  }
}

package se.arkiv.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.errors.ErrorResponseException;
import io.minio.messages.ErrorResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import se.arkiv.storage.S3Calls.Operation;

/** Every S3 call, deletes and lock calls included, retries what failed on the way and no more. */
class S3CallsTest {

  private final S3Calls calls = new S3Calls(Duration.ofMillis(1));
  private final AtomicInteger attempts = new AtomicInteger();

  private static ErrorResponseException answer(int status, String code) {
    Response response =
        new Response.Builder()
            .request(new Request.Builder().url("http://127.0.0.1/arkiv/k").build())
            .protocol(Protocol.HTTP_1_1)
            .code(status)
            .message(code)
            .build();
    return new ErrorResponseException(
        new ErrorResponse(code, code, "arkiv", "k", "/arkiv/k", "req", "host"), response, "");
  }

  /** A call that fails on the way {@code failures} times, as the SDK's future reports it. */
  private S3Calls.Call<String> failingOnTheWay(int failures) {
    return () -> {
      if (attempts.incrementAndGet() <= failures) {
        return CompletableFuture.<String>failedFuture(new ConnectException("refused")).get();
      }
      return "deleted";
    };
  }

  @Test
  void aDeleteThatFailedOnTheWayIsSentAgain() {
    assertThat(calls.call(Operation.DELETE, "k", failingOnTheWay(2))).isEqualTo("deleted");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aLockCallGivesUpAfterTwoRetriesAsAnOutage() {
    assertThatThrownBy(() -> calls.call(Operation.EXTEND_RETENTION, "k", failingOnTheWay(5)))
        .isInstanceOf(StorageUnavailable.class)
        .hasMessageContaining("extend the retention of k")
        .hasRootCauseInstanceOf(ConnectException.class);
    assertThat(attempts).hasValue(3);
  }

  @Test
  void aServerThatIsBusyIsAskedAgain() {
    S3Calls.Call<String> busyOnce =
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw answer(503, "SlowDown");
          }
          return "read";
        };
    assertThat(calls.call(Operation.READ, "k", busyOnce)).isEqualTo("read");
  }

  @Test
  void theStoresAnswerIsFinalAndNamed() {
    S3Calls.Call<String> denied =
        () -> {
          attempts.incrementAndGet();
          throw answer(403, "AccessDenied");
        };
    assertThatThrownBy(() -> calls.call(Operation.DELETE, "k", denied))
        .isInstanceOf(ObjectLocked.class);
    assertThatThrownBy(() -> calls.call(Operation.READ, "k", denied))
        .isInstanceOf(StorageUnavailable.class)
        .hasMessageContaining("HTTP 403");
    assertThat(attempts).hasValue(2);
    S3Calls.Call<String> missing =
        () -> {
          throw answer(404, "NoSuchKey");
        };
    assertThatThrownBy(() -> calls.call(Operation.READ, "k", missing))
        .isInstanceOf(ObjectMissing.class);
  }

  @Test
  void anIoFailureOutsideAFutureIsRetriedToo() {
    S3Calls.Call<String> reset =
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IOException("connection reset");
          }
          return "listed";
        };
    assertThat(calls.call(Operation.LIST, "p/", reset)).isEqualTo("listed");
  }
}

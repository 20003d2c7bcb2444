package se.arkiv.extraction;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.scheduling.TaskScheduler;
import se.arkiv.record.ExtractionFailure;

/**
 * One extraction child process and the pipes to it. A watchdog stops the process when a record
 * takes longer than the timeout; how the process ended names the failure.
 */
final class ExtractionChild implements AutoCloseable {

  /** The exit code of a JVM started with -XX:+ExitOnOutOfMemoryError that ran out of memory. */
  private static final int OUT_OF_MEMORY_EXIT = 3;

  private static final int SIGTERM_EXIT = 128 + 15;
  private static final int SIGINT_EXIT = 128 + 2;

  private static final Logger log = LoggerFactory.getLogger(ExtractionChild.class);
  private static final Logger childLog = LoggerFactory.getLogger("se.arkiv.extraction.child");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader answers;
  private final ChildProtocol protocol;
  private final TaskScheduler watchdog;
  private volatile boolean stoppedByWatchdog;
  private boolean retiring;
  private volatile long idleSince = System.nanoTime();
  // The log context (record id) of the record being read, for the child's log lines.
  private volatile Map<String, String> requestContext;

  private ExtractionChild(Process process, ChildProtocol protocol, TaskScheduler watchdog) {
    this.process = process;
    this.protocol = protocol;
    this.watchdog = watchdog;
    this.requests =
        new BufferedWriter(
            new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ExtractionChild start(
      ChildCommand command, String settings, ChildProtocol protocol, TaskScheduler watchdog)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command.args());
    // One Tesseract thread per process: the children already use every core between them.
    builder.environment().put("OMP_THREAD_LIMIT", "1");
    ExtractionChild child = new ExtractionChild(builder.start(), protocol, watchdog);
    child.relayLog();
    try {
      child.send(settings);
      String ready = child.answer(START_TIMEOUT);
      if (!ChildProtocol.READY.equals(ready)) {
        throw new IOException("the extraction child answered '" + ready + "' instead of ready");
      }
      return child;
    } catch (IOException | RuntimeException e) {
      child.close();
      throw e;
    }
  }

  long pid() {
    return process.pid();
  }

  /**
   * The child's log (its standard error) goes through the service's own log, so that it has the
   * service's format (JSON lines when structured logging is on) and the record's context. One plain
   * daemon thread per child: it blocks on the pipe for the child's whole life, which a pooled
   * executor's thread should not.
   */
  private void relayLog() {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    Thread relay =
        new Thread(
            () -> {
              try (lines) {
                String line;
                while ((line = lines.readLine()) != null) {
                  Map<String, String> context = requestContext;
                  if (context != null) {
                    MDC.setContextMap(context);
                  }
                  childLog.warn("child {}: {}", process.pid(), line);
                  MDC.clear();
                }
              } catch (IOException e) {
                // the child has gone; nothing more to relay
              }
            },
            "extraction-child-log-" + process.pid());
    relay.setDaemon(true);
    relay.start();
  }

  /** Whether this child can take another record. */
  boolean reusable() {
    return !retiring && process.isAlive();
  }

  Duration idle() {
    return Duration.ofNanos(System.nanoTime() - idleSince);
  }

  ExtractedText extract(Path file, String fileName, String mediaType, Duration timeout)
      throws ChildDied {
    return ask(file, fileName, mediaType, false, timeout);
  }

  /** The archival copy and preview of a file whose extraction left them for later. */
  ExtractedText afterText(Path file, String fileName, String mediaType, Duration timeout)
      throws ChildDied {
    return ask(file, fileName, mediaType, true, timeout);
  }

  private ExtractedText ask(
      Path file, String fileName, String mediaType, boolean afterText, Duration timeout)
      throws ChildDied {
    requestContext = MDC.getCopyOfContextMap();
    try {
      send(protocol.request(file, fileName, mediaType, afterText));
      ChildProtocol.Answer answer = protocol.answer(answer(timeout));
      retiring = answer.retiring();
      return answer.result();
    } catch (IOException | RuntimeException e) {
      throw died(e);
    } finally {
      idleSince = System.nanoTime();
      requestContext = null;
    }
  }

  private void send(String line) throws IOException {
    requests.write(line);
    requests.newLine();
    requests.flush();
  }

  /** The next line from the child, which is stopped if it does not come within the timeout. */
  private String answer(Duration timeout) throws IOException {
    ScheduledFuture<?> stop =
        watchdog.schedule(
            () -> {
              stoppedByWatchdog = true;
              kill();
            },
            Instant.now().plus(timeout));
    try {
      String line;
      while ((line = answers.readLine()) != null) {
        if (line.startsWith("{") || line.equals(ChildProtocol.READY)) {
          return line;
        }
        // The JVM itself writes some last words to standard output (ExitOnOutOfMemoryError).
        log.warn("Extraction child {}: {}", process.pid(), line);
      }
      throw new IOException("the extraction child closed its output");
    } finally {
      if (!stop.cancel(false)) {
        // The watchdog fired as the answer came: this child is being killed.
        retiring = true;
      }
    }
  }

  /** Its Tesseract processes first: they would outlive it, and nothing would wait for them. */
  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private ChildDied died(Exception cause) {
    kill();
    int exit;
    try {
      exit = process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exit = -1;
    }
    if (stoppedByWatchdog) {
      return new ChildDied(ExtractionFailure.TIMEOUT, "stopped after the extraction timeout");
    }
    if (exit == SIGTERM_EXIT || exit == SIGINT_EXIT) {
      return new ChildDied(ExtractionFailure.CRASH, "stopped by a signal", true);
    }
    if (exit == OUT_OF_MEMORY_EXIT) {
      return new ChildDied(ExtractionFailure.OUT_OF_MEMORY, "ran out of memory");
    }
    return new ChildDied(
        ExtractionFailure.CRASH, "ended with exit code " + exit + " (" + cause.getMessage() + ")");
  }

  @Override
  public void close() {
    try {
      requests.close();
    } catch (IOException ignored) {
      // the child is stopped below either way
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }
}

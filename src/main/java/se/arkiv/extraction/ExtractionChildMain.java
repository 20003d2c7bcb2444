package se.arkiv.extraction;

import ch.qos.logback.classic.Level;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.arkiv.record.ExtractionFailure;

/**
 * The main class of an extraction child process. It reads one request per line on standard input
 * (the first line is the settings) and answers each with one line of JSON on standard output; its
 * log goes to standard error. It exits when its input ends (the service stopped or died), when the
 * service process is gone, and after a parse that ignored its budget, whose thread may still run.
 */
public final class ExtractionChildMain {

  private static final long PARENT_CHECK_SECONDS = 5;
  private static final int OUT_OF_MEMORY_EXIT = 3;

  private ExtractionChildMain() {}

  public static void main(String[] args) throws Exception {
    // Parsers and their libraries may print to System.out; only answers may go there.
    PrintStream answers =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    quietLogging();
    exitWithParent();
    Jpeg2000Header.withoutJavaDecoders();
    BufferedReader requests =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String first = requests.readLine();
    if (first == null) {
      return;
    }
    ChildProtocol protocol = new ChildProtocol();
    ExtractionSettings settings = protocol.settings(first);
    try (TikaTextExtractor extractor = new TikaTextExtractor(settings, null)) {
      answers.println(ChildProtocol.READY);
      answers.flush();
      String line;
      while ((line = requests.readLine()) != null) {
        ChildProtocol.Request request = protocol.request(line);
        ExtractedText result;
        try {
          Path file = Path.of(request.file());
          result =
              request.afterText()
                  ? extractor.afterText(file, request.fileName(), request.mediaType())
                  : extractor.extract(file, request.fileName(), request.mediaType());
        } catch (StackOverflowError e) {
          result = ExtractedText.failed(ExtractionFailure.LIMIT, "nested too deeply to read");
        } catch (OutOfMemoryError e) {
          // Direct buffers and libraries' own OutOfMemoryErrors are not covered by the JVM flag.
          end(OUT_OF_MEMORY_EXIT);
          return;
        }
        // A parse thread that ignored its budget may still be running: a fresh child is better.
        boolean retiring = extractor.abandonedParses() > 0;
        answers.println(protocol.answer(result, retiring));
        answers.flush();
        if (retiring) {
          break;
        }
      }
    }
    end(0);
  }

  /** Ends this child and the Tesseract processes it started, which would outlive it. */
  private static void end(int status) {
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    Runtime.getRuntime().halt(status);
  }

  private static void quietLogging() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      // The service logs each record's outcome; PDFBox's and POI's chatter about odd files
      // would only bury it.
      logback.setLevel(Level.ERROR);
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("se.arkiv")).setLevel(Level.WARN);
    }
  }

  /** A child left behind by a service killed with -9 must not live on. */
  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(
            parent -> {
              Thread watcher =
                  new Thread(
                      () -> {
                        while (parent.isAlive()) {
                          try {
                            TimeUnit.SECONDS.sleep(PARENT_CHECK_SECONDS);
                          } catch (InterruptedException e) {
                            return;
                          }
                        }
                        end(0);
                      },
                      "parent-watch");
              watcher.setDaemon(true);
              watcher.start();
            });
  }
}

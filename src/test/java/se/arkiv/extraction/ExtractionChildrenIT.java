package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import se.arkiv.record.ExtractionFailure;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.storage.StorageSettings;
import se.arkiv.testing.TestDocuments;

/** Real child JVMs: what ends a child ends only that child, and the record gets a named reason. */
class ExtractionChildrenIT {

  private static final String MAIN = ExtractionChildMain.class.getName();

  @TempDir Path dir;

  private ExtractionChildren children;

  @AfterEach
  void stop() {
    if (children != null) {
      children.destroy();
    }
  }

  private IsolatedTextExtractor extractor(DataSize heap, int maxCharacters, Duration timeout)
      throws IOException {
    ExtractionSettings settings =
        new ExtractionSettings(
            maxCharacters,
            timeout,
            1,
            10,
            false,
            "swe+eng",
            Duration.ofSeconds(60),
            heap,
            10,
            ExtractionBudget.DEFAULTS,
            Duration.ofHours(24),
            true,
            List.of());
    children = new ExtractionChildren(settings, new StorageSettings(dir));
    return new IsolatedTextExtractor(children);
  }

  @Test
  void parsesInAChildProcessAtALowerPriority() throws IOException {
    IsolatedTextExtractor extractor =
        extractor(DataSize.ofMegabytes(256), 100_000, Duration.ofMinutes(1));
    Path pdf = Files.write(dir.resolve("a.pdf"), TestDocuments.pdf("Bokslutet för räkenskapsåret"));

    ExtractedText text = extractor.extract(pdf, "a.pdf");

    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.text()).contains("Bokslutet");
    // A born-digital PDF's preview is drawn with its archival copy, in the same child, later.
    assertThat(text.preview()).isNull();
    ExtractedText later = extractor.afterText(pdf, "a.pdf", "application/pdf");
    assertThat(later.preview()).exists();
    assertThat(later.archival().file()).exists();
    assertThat(children.running()).isEqualTo(1);
    ProcessHandle child = extractionChild().orElseThrow();
    assertThat(niceness(child)).isEqualTo(10);
  }

  @Test
  void aFileThatRunsItsChildOutOfMemoryIsFailedOnTheSecondChildAndTheNextFileIsRead()
      throws IOException {
    IsolatedTextExtractor extractor =
        extractor(DataSize.ofMegabytes(96), 200_000_000, Duration.ofMinutes(2));
    Path huge = dir.resolve("huge.txt");
    try (Writer out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 6_000_000; i++) {
        out.write("kontoutdrag ");
      }
    }

    ExtractedText text = extractor.extract(huge, "huge.txt");

    assertThat(text.status()).isEqualTo(ExtractionStatus.FAILED);
    assertThat(text.failure()).isEqualTo(ExtractionFailure.OUT_OF_MEMORY);
    Path small = Files.writeString(dir.resolve("b.txt"), "Ett vanligt brev om ränta.");
    assertThat(extractor.extract(small, "b.txt").text()).contains("ränta");
  }

  @Test
  void aChildThatStopsAnsweringIsStoppedAndTheRecordReadByAFreshOne() throws Exception {
    // The watchdog waits 10 s past the timeout the child keeps itself.
    IsolatedTextExtractor extractor =
        extractor(DataSize.ofMegabytes(256), 100_000, Duration.ofSeconds(5));
    Path letter = Files.writeString(dir.resolve("c.txt"), "Ett brev om amortering.");
    assertThat(extractor.extract(letter, "c.txt").status()).isEqualTo(ExtractionStatus.DONE);
    ProcessHandle hung = extractionChild().orElseThrow();
    new ProcessBuilder("kill", "-STOP", Long.toString(hung.pid())).start().waitFor();

    ExtractedText text = extractor.extract(letter, "c.txt");

    assertThat(text.status()).isEqualTo(ExtractionStatus.DONE);
    assertThat(text.text()).contains("amortering");
    assertThat(hung.isAlive()).isFalse();
  }

  private static Optional<ProcessHandle> extractionChild() {
    return ProcessHandle.current()
        .children()
        .filter(p -> commandLine(p).contains(MAIN))
        .findFirst();
  }

  private static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
          .replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }

  /** The nice value of a process, from the 19th field of /proc/PID/stat. */
  private static int niceness(ProcessHandle process) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[16]);
  }
}

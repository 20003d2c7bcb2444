package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class ChildCommandTest {

  @TempDir Path tmp;

  private static ExtractionSettings settings(List<String> jvmOptions) {
    return new ExtractionSettings(
        1000,
        Duration.ofSeconds(60),
        1,
        10,
        false,
        "swe+eng",
        Duration.ofSeconds(60),
        DataSize.ofMegabytes(300),
        10,
        ExtractionBudget.DEFAULTS,
        Duration.ofHours(24),
        true,
        jvmOptions);
  }

  @Test
  void givenJvmOptionsComeAfterArkivsOwnAndBeforeTheMainClass() {
    List<String> args =
        ChildCommand.of(settings(List.of("-XX:TieredStopAtLevel=1", "-Dx=y")), tmp).args();

    int heap = args.indexOf("-Xmx300m");
    int first = args.indexOf("-XX:TieredStopAtLevel=1");
    int classpath = args.indexOf("-cp");
    assertThat(heap).isNotNegative();
    assertThat(first).isGreaterThan(heap).isLessThan(classpath);
    assertThat(args.get(first + 1)).isEqualTo("-Dx=y");
    assertThat(args.get(args.size() - 1)).isEqualTo(ExtractionChildMain.class.getName());
  }

  @Test
  void withoutOptionsTheCommandHasOnlyArkivsOwn() {
    List<String> args = ChildCommand.of(settings(List.of()), tmp).args();

    assertThat(args).noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel"));
    assertThat(args).contains("-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-Xss8m");
  }
}

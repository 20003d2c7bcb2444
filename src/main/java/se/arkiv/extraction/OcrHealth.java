package se.arkiv.extraction;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code ocr} in {@code /actuator/health}: whether Tesseract is installed, and whether it has every
 * language of {@code arkiv.extraction.ocr-languages}. Without it scans are archived but not
 * searchable by their words, which a person must fix, while every other record is served: so
 * OUT_OF_SERVICE (HTTP 200), not DOWN. The answer is kept a minute, because asking Tesseract starts
 * a process.
 */
@Component("ocrHealthIndicator")
class OcrHealth implements HealthIndicator {

  private static final Duration KEPT = Duration.ofMinutes(1);

  private final ExtractionSettings settings;
  private volatile Health last;
  private volatile long lastAt;

  OcrHealth(ExtractionSettings settings) {
    this.settings = settings;
  }

  @Override
  public Health health() {
    Health cached = last;
    if (cached != null && System.nanoTime() - lastAt < KEPT.toNanos()) {
      return cached;
    }
    Health fresh = check();
    last = fresh;
    lastAt = System.nanoTime();
    return fresh;
  }

  private Health check() {
    if (!settings.ocr()) {
      return Health.up().withDetail("ocr", "off (arkiv.extraction.ocr=false)").build();
    }
    List<String> wanted = Arrays.asList(settings.ocrLanguages().split("\\+"));
    List<String> installed = installedLanguages();
    if (installed == null) {
      return Health.status(Status.OUT_OF_SERVICE)
          .withDetail("problem", "tesseract is not installed or does not answer")
          .withDetail("languages", wanted)
          .build();
    }
    List<String> missing = wanted.stream().filter(l -> !installed.contains(l)).toList();
    Health.Builder health = missing.isEmpty() ? Health.up() : Health.status(Status.OUT_OF_SERVICE);
    health.withDetail("languages", wanted);
    if (!missing.isEmpty()) {
      health.withDetail("missingLanguages", missing);
    }
    return health.build();
  }

  /** {@code tesseract --list-langs}: a heading line, then one language per line; null if absent. */
  private static List<String> installedLanguages() {
    try {
      Process process = new ProcessBuilder("tesseract", "--list-langs").start();
      process.getErrorStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return null;
      }
      return out.lines().skip(1).map(String::strip).filter(l -> !l.isEmpty()).toList();
    } catch (Exception e) {
      return null;
    }
  }
}

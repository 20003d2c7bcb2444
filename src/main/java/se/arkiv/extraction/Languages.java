package se.arkiv.extraction;

import java.io.IOException;
import java.util.List;
import org.apache.tika.langdetect.opennlp.OpenNLPDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;

/** The language of a text, as the archive's codes: "sv", "en", another ISO code, or null. */
final class Languages {

  private final LanguageDetector detector;

  Languages() throws IOException {
    this.detector = new OpenNLPDetector().loadModels();
  }

  private static final int SAMPLE = 10_000;

  /** The language of the text's beginning: enough to tell, and cheap for a text of any length. */
  String sampled(String text) {
    return of(text.length() > SAMPLE ? text.substring(0, SAMPLE) : text);
  }

  synchronized String of(String sample) {
    if (sample.isBlank()) {
      return null;
    }
    detector.reset();
    detector.addText(sample);
    List<LanguageResult> ranked = detector.detectAll();
    if (ranked.isEmpty()) {
      return null;
    }
    LanguageResult best = ranked.get(0);
    String code =
        switch (best.getLanguage()) {
          case "swe", "sv" -> "sv";
          case "eng", "en" -> "en";
          default -> best.getLanguage();
        };
    // On short texts the detector is never "certain", yet its first guess between the
    // archive's two languages is reliable; any other first guess needs real confidence.
    boolean ours = code.equals("sv") || code.equals("en");
    return ours || !best.isUnknown() ? code : null;
  }
}

package se.arkiv.testing;

import java.util.concurrent.TimeUnit;

/** Whether the OCR tests can run here: Tesseract with its Swedish and English languages. */
public final class Tesseract {

  private Tesseract() {}

  public static boolean withSwedishAndEnglish() {
    try {
      Process p = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
      String langs = new String(p.getInputStream().readAllBytes());
      return p.waitFor(20, TimeUnit.SECONDS) && langs.contains("swe") && langs.contains("eng");
    } catch (Exception e) {
      return false;
    }
  }
}

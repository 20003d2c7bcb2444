package se.arkiv.extraction;

import java.util.concurrent.TimeUnit;

/** Whether the tesseract command is installed and answers. */
final class TesseractCheck {

  private TesseractCheck() {}

  static boolean available() {
    try {
      Process process =
          new ProcessBuilder("tesseract", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}

package se.arkiv.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LanguagesTest {

  private static final String SWEDISH =
      "Lönespecifikation för mars månad. Utbetalning sker den tjugofemte till det konto som"
          + " den anställde har anmält till löneavdelningen.";
  private static final String ENGLISH =
      "Trade confirmation for the purchase of government bonds, settled on the third business"
          + " day after the trade date through the custodian bank.";

  @Test
  void tellsTheArchivesTwoLanguages() throws Exception {
    Languages languages = new Languages();

    assertThat(languages.sampled(SWEDISH)).isEqualTo("sv");
    assertThat(languages.sampled(ENGLISH)).isEqualTo("en");
    assertThat(languages.sampled("  ")).isNull();
  }

  @Test
  void aLongTextIsToldByItsBeginning() throws Exception {
    // A Swedish contract with a long English appendix is a Swedish record.
    String contract = (SWEDISH + " ").repeat(20) + (ENGLISH + " ").repeat(200);

    assertThat(new Languages().sampled(contract)).isEqualTo("sv");
  }

  @Test
  void workersDetectingAtOnceEachGetTheirOwnTextsLanguage() throws Exception {
    Languages languages = new Languages();
    ExecutorService workers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        boolean swedish = i % 2 == 0;
        answers.add(
            workers.submit(
                () ->
                    languages.sampled(swedish ? SWEDISH : ENGLISH).equals(swedish ? "sv" : "en")));
      }
      for (Future<Boolean> answer : answers) {
        assertThat(answer.get()).isTrue();
      }
    } finally {
      workers.shutdownNow();
    }
  }
}

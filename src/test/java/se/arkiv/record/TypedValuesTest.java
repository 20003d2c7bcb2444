package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypedValuesTest {

  @Test
  void aTextMayRunOverLinesAndHoldTabsButANameMayNot() {
    String legacyTitle = "Lönebesked\tmars\n2026";

    assertThat(TypedValues.readable(legacyTitle, 500)).isTrue();
    assertThat(TypedValues.oneLine(legacyTitle, 500)).isFalse();
    assertThat(TypedValues.oneLine("Skatterevision 2026 – Åhléns", 200)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a\u0000b", "a\u0007b", "ok\u202Egnp.exe", "a\u2066b\u2069", "\u001B[31m"})
  void controlCharactersAndDirectionOverridesAreNeverPlainText(String hidden) {
    assertThat(TypedValues.readable(hidden, 500)).isFalse();
    assertThat(TypedValues.oneLine(hidden, 500)).isFalse();
  }

  @Test
  void lengthIsBoundedAndNoValueAtAllPasses() {
    assertThat(TypedValues.oneLine("x".repeat(200), 200)).isTrue();
    assertThat(TypedValues.oneLine("x".repeat(201), 200)).isFalse();
    assertThat(TypedValues.readable(null, 1)).isTrue();
    assertThat(TypedValues.plausible(null)).isTrue();
  }

  @Test
  void aDateIsPlausibleFromYear1000To9999() {
    assertThat(TypedValues.plausible(LocalDate.of(1000, 1, 1))).isTrue();
    assertThat(TypedValues.plausible(LocalDate.of(9999, 12, 31))).isTrue();
    assertThat(TypedValues.plausible(LocalDate.of(999, 12, 31))).isFalse();
    assertThat(TypedValues.plausible(LocalDate.of(1, 1, 1))).isFalse();
    assertThat(TypedValues.plausible(LocalDate.MAX)).isFalse();
  }
}

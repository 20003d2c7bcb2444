package se.arkiv.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EntityKeyFinderTest {

  private static final LocalDate DOCUMENT_DATE = LocalDate.of(2026, 3, 31);

  private static EntityKeys find(String text) {
    return EntityKeyFinder.find(text, DOCUMENT_DATE);
  }

  @Test
  void readsEveryWrittenFormOfAPersonalNumberAsTwelveDigits() {
    for (String written :
        new String[] {
          "Anställd 811218-9876 har",
          "19811218-9876",
          "pnr 198112189876",
          "Personnummer: 8112189876"
        }) {
      assertThat(find(written).values(EntityKind.PERSONNUMMER))
          .as(written)
          .containsExactly("198112189876");
    }
  }

  @Test
  void takesTheCenturyFromTheDocumentDateAndThePlusSign() {
    assertThat(find("121212-1212").values(EntityKind.PERSONNUMMER)).containsExactly("201212121212");
    assertThat(find("121212+1212").values(EntityKind.PERSONNUMMER)).containsExactly("191212121212");
    assertThat(find("991231-1231").values(EntityKind.PERSONNUMMER)).containsExactly("199912311231");
    // 12 May 2026 is after the document's day: whoever it is was born in 1926.
    assertThat(find("260512-1231").values(EntityKind.PERSONNUMMER)).containsExactly("192605121231");
  }

  @Test
  void tellsACoordinationNumberByItsDayRaisedBySixty() {
    EntityKeys keys = find("Samordningsnummer 811278-9873");
    assertThat(keys.values(EntityKind.SAMORDNINGSNUMMER)).containsExactly("198112789873");
    assertThat(keys.values(EntityKind.PERSONNUMMER)).isEmpty();
  }

  @Test
  void refusesNumbersWhoseDateOrCheckDigitIsWrong() {
    assertThat(find("811218-9875 811318-9876 19811218-9875 301218-9876").isEmpty()).isTrue();
  }

  @Test
  void readsOrganisationNumbersWithAndWithoutTheCenturyPrefix() {
    EntityKeys keys = find("Org.nr 5560360793. Leverantör 556036-0793, 16556036-0793.");
    assertThat(keys.values(EntityKind.ORGANISATIONSNUMMER)).containsExactly("5560360793");
    assertThat(keys.values(EntityKind.PERSONNUMMER)).isEmpty();
  }

  @Test
  void readsANumberAfterTheLongestLabelAndEightSeparatorsInTheMiddleOfProse() {
    // Numbers are looked for only near digits (NearDigits): the farthest a label stands from one.
    String prose = "Avtalet gäller tills vidare med tre månaders uppsägningstid. ".repeat(50);
    EntityKeys keys = find(prose + "Organisationsnummer:\t \t \t \t5560360793 " + prose);
    assertThat(keys.values(EntityKind.ORGANISATIONSNUMMER)).containsExactly("5560360793");
  }

  @Test
  void needsALabelForTenDigitsWithoutSeparator() {
    assertThat(find("Ring 0701234567 eller kundnummer 8112189876").isEmpty()).isTrue();
  }

  @Test
  void readsAnIbanInGroupsOrWholeButNotTheWordAfterIt() {
    EntityKeys keys =
        find("IBAN SE45 5000 0000 0583 9825 7466 BIC ESSESESS\nDE89370400440532013000, tack");
    assertThat(keys.values(EntityKind.IBAN))
        .containsExactly("DE89370400440532013000", "SE4550000000058398257466");
    assertThat(keys.values(EntityKind.BIC)).containsExactly("ESSESESS");
  }

  @Test
  void refusesAnIbanWithAWrongCheckOrLength() {
    assertThat(find("SE45 5000 0000 0583 9825 7467 och SE45 5000 0000 0583 9825 746").isEmpty())
        .isTrue();
  }

  @Test
  void takesABicOnlyWhenLabelledOrBesideAnIban() {
    assertThat(find("SWIFT-kod: SWEDSESSXXX").values(EntityKind.BIC)).containsExactly("SWEDSESS");
    assertThat(find("THE DOCUMENT WAS SIGNED BY HANDELSE").values(EntityKind.BIC)).isEmpty();
  }

  @Test
  void readsLabelledGiroAndOcrNumbersAsDigits() {
    EntityKeys keys =
        find("Bankgiro: 5050-1055\nPlusGiro 90 20 03-3\nOCR-nummer: 1234567897\nBg 5050-1056");
    assertThat(keys.values(EntityKind.BANKGIRO)).containsExactly("50501055");
    assertThat(keys.values(EntityKind.PLUSGIRO)).containsExactly("9020033");
    assertThat(keys.values(EntityKind.OCR_REFERENCE)).containsExactly("1234567897");
  }

  @Test
  void leavesAnUnlabelledGiroShapeAlone() {
    assertThat(find("Perioden 5050-1055 och 2019-2024").isEmpty()).isTrue();
  }

  @Test
  void readsALabelledNumberAsItsLabelSaysAndNotAlsoAsAPersonalNumber() {
    EntityKeys keys = find("OCR: 202605120049");
    assertThat(keys.values(EntityKind.OCR_REFERENCE)).containsExactly("202605120049");
    assertThat(keys.values(EntityKind.PERSONNUMMER)).isEmpty();
  }

  @Test
  void normalisesWhatAQueryWritesTheWayItStoresIt() {
    assertThat(EntityKind.PERSONNUMMER.normalise("811218-9876", DOCUMENT_DATE))
        .isEqualTo("198112189876");
    assertThat(EntityKind.IBAN.normalise("se45 5000 0000 0583 9825 7466", DOCUMENT_DATE))
        .isEqualTo("SE4550000000058398257466");
    assertThat(EntityKind.ORGANISATIONSNUMMER.normalise("16556036-0793", DOCUMENT_DATE))
        .isEqualTo("5560360793");
    assertThat(EntityKind.BANKGIRO.normalise("5050-1055", DOCUMENT_DATE)).isEqualTo("50501055");
    assertThat(EntityKeyFinder.recognise("811218-9876", DOCUMENT_DATE))
        .containsEntry(EntityKind.PERSONNUMMER, "198112189876");
  }
}

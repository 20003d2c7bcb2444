package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.junit.jupiter.api.Test;

class ArkivQueryParserTest {

  private final Analyzer analyzer = Analyzers.perField(Path.of("index"));

  private String parse(String q) throws ParseException {
    return new ArkivQueryParser(analyzer, LocalDate.of(2026, 12, 2)).parse(q).toString();
  }

  @Test
  void bareWordSearchesStemmedAndExactTitleTextAndKeys() throws ParseException {
    String query = parse("bokföringen");
    assertThat(query)
        .contains("text_sv:bokföring")
        .contains("text_exact:bokföringen")
        .contains("title_sv:bokföring")
        .contains("customerId:bokföringen");
  }

  @Test
  void aKeyFoundInTextIsMatchedInItsNormalisedForm() throws ParseException {
    assertThat(parse("personnummer:811218-9876")).isEqualTo("personnummer:198112189876");
    assertThat(parse("organisationsnummer:16556036-0793"))
        .isEqualTo("organisationsnummer:5560360793");
    assertThat(parse("811218-9876")).contains("personnummer:198112189876");
    assertThat(parse("bokföringen")).doesNotContain("personnummer");
  }

  @Test
  void quotedPhraseSearchesExactFieldsOnly() throws ParseException {
    String query = parse("\"godkände bokföringen\"");
    assertThat(query).contains("text_exact:\"godkände bokföringen\"").doesNotContain("text_sv");
  }

  @Test
  void bareWordsMustAllMatch() throws ParseException {
    assertThat(parse("godkände bokföring")).startsWith("+(").contains(" +(");
  }

  @Test
  void unknownFieldIsRefusedWithTheKnownFields() {
    assertThatThrownBy(() -> parse("secret:x"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("Unknown field 'secret'")
        .hasMessageContaining("customerId");
  }

  @Test
  void keywordFieldsMatchAsTyped() throws ParseException {
    assertThat(parse("customerId:C-12 AND recordClass:KYC"))
        .isEqualTo("+customerId:C-12 +recordClass:KYC");
  }

  @Test
  void wildcardsUseTheExactFields() throws ParseException {
    assertThat(parse("bokför*")).contains("title_exact:bokför*").contains("text_exact:bokför*");
  }
}

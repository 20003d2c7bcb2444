package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UiTextTest {

  private final UiText text = new UiText();

  @Test
  void snippetKeepsOnlyTheMarksOfTheIndex() {
    assertThat(text.snippet("… the <mark>faktura</mark> of &lt;b&gt; …"))
        .isEqualTo("… the <mark>faktura</mark> of &lt;b&gt; …");
  }

  @Test
  void snippetEscapesAnyOtherMarkupEvenIfTheIndexLetItThrough() {
    assertThat(text.snippet("<script>alert(1)</script><mark>x</mark><img src=x onerror=y>"))
        .isEqualTo(
            "&lt;script&gt;alert(1)&lt;/script&gt;<mark>x</mark>&lt;img src=x onerror=y&gt;");
  }

  @Test
  void snippetClosesAMarkLeftOpen() {
    assertThat(text.snippet("<mark>open")).isEqualTo("<mark>open</mark>");
  }

  @Test
  void highlightedTextIsEscapedAndMarksWordStartsOfTheQuery() {
    assertThat(text.highlighted("Lönelista <b>mars</b>; salong", "lön AND mars"))
        .isEqualTo("<mark>Lön</mark>elista &lt;b&gt;<mark>mars</mark>&lt;/b&gt;; salong");
  }

  @Test
  void aSearchForTheNameOrNumberOfAnEntityMarksTheTextNotTheEscapes() {
    // &#39; is the apostrophe, &lt; the bracket: a search of 39 or lt must leave them whole.
    assertThat(text.highlighted("Employer's avgift 39 kronor \"citat\" <b> & lt", "39 lt quot amp"))
        .isEqualTo(
            "Employer&#39;s avgift <mark>39</mark> kronor &quot;citat&quot; &lt;b&gt; &amp;"
                + " <mark>lt</mark>");
  }

  @Test
  void highlightedTextWithoutAQueryIsOnlyEscaped() {
    assertThat(text.highlighted("a < b & c", null)).isEqualTo("a &lt; b &amp; c");
  }

  @Test
  void csvFieldsAreQuotedAndNeverRunAsFormulas() {
    assertThat(SearchPage.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(SearchPage.csvField("Faktura, mars")).isEqualTo("\"Faktura, mars\"");
    assertThat(SearchPage.csvField("-1")).isEqualTo("'-1");
    assertThat(SearchPage.csvField(null)).isEmpty();
  }

  @Test
  void aSearchKeepsItsWholeQueryInTheUrlAndTogglesFilters() {
    SearchForm form =
        SearchForm.of(
            Map.of(
                "q",
                "bokföring \"mars 2024\"",
                "recordClass",
                "ACC-VOUCHER",
                "sort",
                "documentDate"),
            20);
    assertThat(form.queryString())
        .isEqualTo("q=bokf%C3%B6ring+%22mars+2024%22&recordClass=ACC-VOUCHER&sort=documentDate");
    assertThat(form.toggling("recordClass", "ACC-VOUCHER").filters()).isEmpty();
    assertThat(form.toggling("department", "HR").filters())
        .containsEntry("department", "HR")
        .containsEntry("recordClass", "ACC-VOUCHER");
  }
}

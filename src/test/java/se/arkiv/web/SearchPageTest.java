package se.arkiv.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import se.arkiv.record.DispositionAction;
import se.arkiv.record.FilePlan;
import se.arkiv.record.RecordClass;
import se.arkiv.record.RetentionRule;
import se.arkiv.record.Trigger;
import se.arkiv.search.IndexRebuild;
import se.arkiv.search.InvalidQuery;
import se.arkiv.search.SearchHit;
import se.arkiv.search.SearchResult;
import se.arkiv.search.SearchSettings;
import se.arkiv.security.Actor;
import se.arkiv.security.Role;

/**
 * The search screen rendered by MockMvc, without a server or a browser: what it shows for a result,
 * the links it builds, the CSV, and its errors. The search itself is a stand-in here; the browser
 * tests run the real one.
 */
@ControllerSlice(SearchPage.class)
@Import({UiDates.class, UiText.class, SearchPageTest.Plan.class})
class SearchPageTest {

  @Autowired MockMvc mvc;
  @MockitoBean AuditedSearch search;
  @MockitoBean AuditRecorder audit;
  @MockitoBean IndexRebuild rebuild;

  @TestConfiguration
  @EnableConfigurationProperties(SearchSettings.class)
  static class Plan {
    @Bean
    FilePlan filePlan() {
      return new FilePlan(
          List.of(
              new RecordClass(
                  "ACC-VOUCHER",
                  "Accounting vouchers",
                  DispositionAction.DESTROY,
                  List.of(
                      new RetentionRule(
                          "Bokföringslagen 7 kap. 2 §",
                          Period.ofYears(7),
                          Trigger.END_OF_FISCAL_YEAR,
                          null,
                          null)))));
    }
  }

  @BeforeEach
  void auditor() {
    // The slice runs without the security filters; the page asks who is signed in.
    SecurityContextHolder.getContext()
        .setAuthentication(new TestingAuthenticationToken("aud", "n/a", "ROLE_AUDITOR"));
    when(audit.actor()).thenReturn(new Actor("aud", Set.of(Role.AUDITOR), List.of()));
  }

  @Test
  void showsHitsWithOnlyTheIndexMarksAndFacetsThatToggleAFilter() throws Exception {
    Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
    facets.put("department", Map.of("PAYROLL", 2L));
    when(search.run(any()))
        .thenReturn(
            new SearchResult(
                2,
                List.of(
                    new SearchHit(
                        "id-1",
                        "<img src=x onerror=alert(1)>",
                        "ACC-VOUCHER",
                        "PAYROLL",
                        "2024-03-31",
                        List.of("the <mark>faktura</mark> <b>bold</b>"))),
                facets,
                null));

    String page =
        mvc.perform(get("/search").param("q", "faktura").header("Accept-Language", "en"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("2 records")
        .contains("the <mark>faktura</mark> &lt;b&gt;bold&lt;/b&gt;")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img src=x")
        .contains("href=\"/search?q=faktura&amp;department=PAYROLL\"")
        .contains("href=\"/records/id-1?q=faktura&amp;n=0\"")
        .contains("href=\"/search.csv?q=faktura\"");
  }

  @Test
  void saysWhileTheIndexIsRebuiltHowFarItHasComeAndThatResultsAreIncomplete() throws Exception {
    when(search.run(any())).thenReturn(new SearchResult(1, List.of(hit("a")), Map.of(), null));
    when(rebuild.underWay())
        .thenReturn(Optional.of(new IndexRebuild.Progress(250_000, 1_000_000, 1_200, 11)));

    assertThat(
            mvc.perform(get("/search?q=x").header("Accept-Language", "en"))
                .andReturn()
                .getResponse()
                .getContentAsString())
        .contains("id=\"rebuild\"")
        .contains("250,000 of 1,000,000 records (25 %), about 11 minutes left")
        .contains("finds only part of the archive");

    when(rebuild.underWay()).thenReturn(Optional.empty());
    assertThat(render("/search?q=x")).doesNotContain("id=\"rebuild\"");
  }

  @Test
  void pagesAreNumberedInsideTheWindowAndFollowTheCursorBeyondIt() throws Exception {
    when(search.run(any()))
        .thenReturn(new SearchResult(50_000, List.of(hit("a")), Map.of(), "CURSOR+/="));

    assertThat(render("/search?q=x&page=1")).contains("href=\"/search?q=x&amp;page=2\"");
    assertThat(render("/search?q=x&page=499"))
        .contains("href=\"/search?q=x&amp;cursor=CURSOR%2B%2F%3D\"");
  }

  @Test
  void exportsTheHitListAsCsvWithoutRunningFormulas() throws Exception {
    when(search.run(any()))
        .thenReturn(
            new SearchResult(
                1,
                List.of(
                    new SearchHit("id-1", "=SUM(A1)", "ACC-VOUCHER", "PAYROLL", null, List.of())),
                Map.of(),
                null));

    String csv =
        mvc.perform(get("/search.csv").param("q", "x"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString(StandardCharsets.UTF_8);

    assertThat(csv)
        .isEqualTo(
            "\uFEFFid,title,recordClass,department,documentDate\r\nid-1,'=SUM(A1),ACC-VOUCHER,PAYROLL,\r\n");
  }

  @Test
  void aCsvOfARelevanceSearchIsWalkedNewestFiledFirstAndAnotherOrderAsAsked() throws Exception {
    when(search.run(any())).thenReturn(new SearchResult(0, List.of(), Map.of(), null));

    mvc.perform(get("/search.csv").param("q", "x")).andExpect(status().isOk());
    mvc.perform(get("/search.csv").param("q", "x").param("sort", "documentDate"))
        .andExpect(status().isOk());

    ArgumentCaptor<SearchForm> asked = ArgumentCaptor.forClass(SearchForm.class);
    verify(search, times(2)).run(asked.capture());
    assertThat(asked.getAllValues())
        .extracting(SearchForm::sort)
        .containsExactly("filedAt", "documentDate");
  }

  @Test
  void aBadQueryKeepsTheSearchPageWithTheQueryInItsBoxAndSaysWhyAboveTheSyntax() throws Exception {
    when(search.run(any())).thenThrow(new InvalidQuery("Cannot parse 'a AND': unexpected end"));

    String page =
        mvc.perform(get("/search").param("q", "a AND").header("Accept-Language", "sv"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(page)
        .contains("<main id=\"main\">")
        .contains("id=\"search-problem\"")
        .contains("Sökningen kan inte tolkas")
        .contains("Cannot parse &#39;a AND&#39;: unexpected end")
        .contains("value=\"a AND\"")
        .contains("<details class=\"panel\" id=\"syntax-help\" open")
        .doesNotContain("Exception");
  }

  @Test
  void anHtmxSearchThatCannotBeReadStillAnswersTheMainItSwaps() throws Exception {
    // The form selects #main from the answer: a fragment without it blanked the page.
    when(search.run(any())).thenThrow(new InvalidQuery("broken"));

    String answer =
        mvc.perform(get("/search").param("q", "(").header("HX-Request", "true"))
            .andExpect(status().isBadRequest())
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(answer).contains("<main id=\"main\">").contains("broken").contains("value=\"(\"");
  }

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  private String render(String url) throws Exception {
    return mvc.perform(get(url)).andReturn().getResponse().getContentAsString();
  }

  private static SearchHit hit(String id) {
    return new SearchHit(id, "t", "ACC-VOUCHER", "PAYROLL", null, List.of());
  }
}

package se.arkiv.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.arkiv.record.BusinessKeys;
import se.arkiv.record.Extraction;
import se.arkiv.record.ExtractionStatus;
import se.arkiv.record.RecordId;
import se.arkiv.record.RecordMetadata;
import se.arkiv.record.Restriction;

/**
 * What the search port promises, whichever engine answers it: the query syntax, analysis, filters,
 * clerk scopes (totals and facets never count what is outside them), facets, snippets, sort, cursor
 * paging, the error for a malformed query, and that a forgotten record is gone. Run once per
 * engine: {@link LuceneSearchContractTest}, {@link OpenSearchSearchContractIT}.
 */
abstract class SearchContract {

  /** The port under test, over an empty index. */
  abstract SearchService search();

  /** Indexes a record with its text, searchable at once. */
  abstract void add(RecordMetadata record, String text);

  /** "More like this" on the same engine and index, for class suggestions. */
  abstract SimilarRecords similar();

  String file(String title, String text, String recordClass, String department, LocalDate date) {
    RecordMetadata record =
        new RecordMetadata(
            1,
            RecordId.newId(Clock.systemUTC()),
            2,
            recordClass,
            title,
            title + ".txt",
            "text/plain",
            text.length(),
            "0".repeat(64),
            department,
            date,
            null,
            BusinessKeys.NONE,
            List.of("kvartal"),
            Instant.parse("2024-03-02T10:00:00Z"),
            "clara",
            new Extraction(ExtractionStatus.DONE, null, "sv", text.length(), false, Instant.now()),
            Instant.now(),
            "clara",
            "text extracted",
            null);
    add(record, text);
    return record.id().value();
  }

  private String file(String title, String text) {
    return file(title, text, "INVOICE", "ACCOUNTING", LocalDate.of(2024, 3, 1));
  }

  private SearchResult find(String q) {
    return search().search(query(q, Map.of(), null, "relevance", false, 10, null));
  }

  private static SearchQuery query(
      String q,
      Map<String, String> filters,
      Set<String> scope,
      String sort,
      boolean ascending,
      int size,
      String cursor) {
    return new SearchQuery(q, filters, null, null, sort, ascending, 0, size, cursor, scope);
  }

  private static List<String> ids(SearchResult result) {
    return result.hits().stream().map(SearchHit::id).toList();
  }

  @Test
  void theClassOfTheMostSimilarRecordsIsSuggestedWithinTheScopeAndNeverTheRecordItself() {
    String salary =
        "Lönespecifikation för mars: bruttolön, preliminärskatt, semesterersättning och övertid"
            + " enligt löneart";
    String invoice =
        "Leverantörsfaktura från kontorsleverantören: kontering, moms, förfallodag och attest av"
            + " kostnadsställe";
    List<String> payroll = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      payroll.add(file("Lön " + i, salary + " " + i, "SALARY", "HR", null));
      file("Faktura " + i, invoice + " " + i, "INVOICE", "ACCOUNTING", null);
    }
    ClassSuggestions suggestions = new ClassSuggestions(similar(), null);

    ClassSuggestions.Suggestion forSalary =
        suggestions
            .suggest("bruttolön och preliminärskatt för april, övertid", null, null)
            .orElseThrow();
    assertThat(forSalary.recordClass()).isEqualTo("SALARY");
    assertThat(forSalary.votes()).isEqualTo(4);
    assertThat(forSalary.share()).isGreaterThanOrEqualTo(0.5);
    assertThat(suggestions.suggest("moms och kontering av fakturan, attest", null, null))
        .map(ClassSuggestions.Suggestion::recordClass)
        .contains("INVOICE");
    // A clerk of accounting is suggested only from what the clerk may see.
    assertThat(similar().like(salary, null, Set.of("ACCOUNTING"), 15))
        .extracting(SimilarRecords.Neighbour::recordClass)
        .containsOnly("INVOICE");
    // The record asked about does not vote for itself.
    assertThat(similar().like(salary + " 0", payroll.get(0), null, 15)).hasSize(7);
    assertThat(suggestions.suggest("   ", null, null)).isEmpty();
  }

  @Test
  void whatASuggestionSaysDependsOnNoRecordOutsideTheScopeNorOnARestrictedOne() {
    // A clerk of accounting files a probe with two words: one only an HR record also has.
    file("Anteckning", "Minnesanteckning hemligsson zqwnamn", "CORRESPONDENCE", "ACCOUNTING", null);
    file("Personalakt", "Personalakt för hemligsson", "HR-FILE", "HR", null);
    Set<String> accounting = Set.of("ACCOUNTING");

    assertThat(similar().like("hemligsson", null, accounting, 15))
        .as("a word another department has too")
        .extracting(SimilarRecords.Neighbour::recordClass)
        .containsExactly("CORRESPONDENCE");
    assertThat(similar().like("zqwnamn", null, accounting, 15))
        .as("a word no other record has: the same answer")
        .extracting(SimilarRecords.Neighbour::recordClass)
        .containsExactly("CORRESPONDENCE");

    RecordMetadata erased =
        new RecordMetadata(
            1,
            RecordId.newId(Clock.systemUTC()),
            2,
            "HR-FILE",
            "Personalakt",
            "akt.txt",
            "text/plain",
            20,
            "0".repeat(64),
            "HR",
            null,
            null,
            BusinessKeys.NONE,
            List.of(),
            Instant.parse("2024-03-02T10:00:00Z"),
            "clara",
            new Extraction(ExtractionStatus.DONE, null, "sv", 20, false, Instant.now()),
            Instant.now(),
            "clara",
            "restricted",
            null,
            null,
            new Restriction("erasure-1", Instant.now(), "rm", "Bokföringslagen"));
    add(erased, "Personalakt raderingsord");
    assertThat(similar().like("raderingsord personalakt", null, null, 15))
        .as("a restricted record votes for no one")
        .extracting(SimilarRecords.Neighbour::recordClass)
        .containsExactly("HR-FILE"); // the unrestricted one, by its word "Personalakt"
  }

  @Test
  void stemsSwedishAndEnglishAndMatchesExactWords() {
    String swedish = file("Faktura för mars", "Fakturan gäller hyran för kontoret.");
    String english = file("Quarterly report", "The invoices were paid in April.");
    assertThat(ids(find("fakturorna"))).containsExactly(swedish);
    assertThat(ids(find("invoice"))).containsExactly(english);
    assertThat(ids(find("hyran"))).containsExactly(swedish);
    assertThat(find("nothinglikethis").total()).isZero();
  }

  @Test
  void wordsAreAndedAndPhrasesMatchExactWordsInOrder() {
    String rent = file("Hyresavi", "Betalning av hyran sker kvartalsvis.");
    file("Löneavi", "Betalning av lönen sker månadsvis.");
    assertThat(find("betalning").total()).isEqualTo(2);
    assertThat(ids(find("betalning hyran"))).containsExactly(rent);
    assertThat(ids(find("betalning OR kvartalsvis"))).hasSize(2);
    assertThat(ids(find("\"betalning av hyran\""))).containsExactly(rent);
    assertThat(find("\"hyran av betalning\"").total()).isZero();
    assertThat(ids(find("betalning -lönen"))).containsExactly(rent);
  }

  @Test
  void wildcardsPrefixesFuzzyAndFieldsWork() {
    String rent = file("Hyresavi", "Betalning av hyran sker kvartalsvis.");
    file("Löneavi", "Lönen betalas månadsvis.", "SALARY", "HR", LocalDate.of(2023, 5, 1));
    assertThat(ids(find("kvartals*"))).containsExactly(rent);
    assertThat(ids(find("kv?rtalsvis"))).containsExactly(rent);
    assertThat(ids(find("kvartalsvus~1"))).containsExactly(rent);
    assertThat(ids(find("title:hyresavi"))).containsExactly(rent);
    assertThat(find("text:hyresavi").total()).isZero();
    assertThat(ids(find("recordClass:INVOICE"))).containsExactly(rent);
    assertThat(find("year:[2023 TO 2024]").total()).isEqualTo(2);
    assertThat(ids(find("year:{2023 TO 2024]"))).containsExactly(rent);
  }

  @Test
  void aMalformedQueryOrUnknownFieldIsAnInvalidQuery() {
    file("Hyresavi", "Betalning av hyran.");
    assertThatThrownBy(() -> find("title:(hyra")).isInstanceOf(InvalidQuery.class);
    assertThatThrownBy(() -> find("colour:red"))
        .isInstanceOf(InvalidQuery.class)
        .hasMessageContaining("Unknown field");
    assertThatThrownBy(() -> search().validate("/regex/")).isInstanceOf(InvalidQuery.class);
    assertThatThrownBy(
            () ->
                search()
                    .search(query("", Map.of("colour", "red"), null, "relevance", false, 10, null)))
        .isInstanceOf(InvalidQuery.class);
    assertThatThrownBy(() -> search().search(query("", Map.of(), null, "size", false, 10, null)))
        .isInstanceOf(InvalidQuery.class);
  }

  @Test
  void aQueryNestedThousandsDeepIsRefusedWhileOrdinaryNestingAndQuotedParenthesesAreNot() {
    String kept = file("Hyresavi", "Betalning av hyran (mars).");

    assertThatThrownBy(() -> find("(".repeat(10_000) + "hyran" + ")".repeat(10_000)))
        .isInstanceOf(InvalidQuery.class)
        .hasMessageContaining("deeper than");
    assertThat(ids(find("(".repeat(20) + "hyran" + ")".repeat(20)))).containsExactly(kept);
    assertThat(ids(find("\"" + "(".repeat(200) + "hyran\""))).containsExactly(kept);
  }

  @Test
  void filtersAndFacetsCountOnlyWhatMatches() {
    file("Faktura ett", "Hyra.", "INVOICE", "ACCOUNTING", LocalDate.of(2024, 1, 1));
    file("Faktura två", "Hyra.", "INVOICE", "ACCOUNTING", LocalDate.of(2024, 2, 1));
    file("Avtal", "Hyra.", "CONTRACT", "LEGAL", LocalDate.of(2023, 2, 1));
    SearchResult all = find("hyra");
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.facets().get("recordClass"))
        .containsExactly(Map.entry("INVOICE", 2L), Map.entry("CONTRACT", 1L));
    assertThat(all.facets().get("year")).containsEntry("2024", 2L).containsEntry("2023", 1L);
    assertThat(all.facets()).containsKeys(IndexFields.FACETS.toArray(String[]::new));
    SearchResult contracts =
        search()
            .search(
                query(
                    "hyra", Map.of("recordClass", "CONTRACT"), null, "relevance", false, 10, null));
    assertThat(contracts.total()).isEqualTo(1);
    assertThat(contracts.facets().get("department")).containsExactly(Map.entry("LEGAL", 1L));
  }

  @Test
  void aClerksScopeBoundsHitsTotalsAndFacets() {
    String mine = file("Faktura", "Hyra.", "INVOICE", "ACCOUNTING", LocalDate.of(2024, 1, 1));
    file("Avtal", "Hyra.", "CONTRACT", "LEGAL", LocalDate.of(2024, 1, 1));
    file("Lön", "Hyra.", "SALARY", "HR", LocalDate.of(2024, 1, 1));
    SearchResult scoped =
        search()
            .search(query("hyra", Map.of(), Set.of("ACCOUNTING"), "relevance", false, 10, null));
    assertThat(ids(scoped)).containsExactly(mine);
    assertThat(scoped.total()).isEqualTo(1);
    assertThat(scoped.facets().get("department")).containsOnlyKeys("ACCOUNTING");
    assertThat(scoped.facets().get("recordClass")).containsOnlyKeys("INVOICE");
    assertThat(search().matchingIds("hyra", null, Set.of("ACCOUNTING"))).containsExactly(mine);
    assertThat(search().matchingIds("hyra", null)).hasSize(3);
    assertThat(search().matchingIds("hyra", List.of(mine))).containsExactly(mine);
  }

  @Test
  void snippetsMarkTheMatchedWordsEscaped() {
    file("Brev", "Inledning. Kunden <b>bestrider</b> fakturan för mars. Slut.");
    SearchHit hit = find("bestrider").hits().get(0);
    assertThat(hit.snippets()).isNotEmpty();
    assertThat(String.join(" ", hit.snippets()))
        .contains("<mark>bestrider</mark>")
        .doesNotContain("<b>");
    assertThat(hit.title()).isEqualTo("Brev");
    assertThat(hit.recordClass()).isEqualTo("INVOICE");
    assertThat(hit.department()).isEqualTo("ACCOUNTING");
    assertThat(hit.documentDate()).isEqualTo("2024-03-01");
  }

  @Test
  void sortsByDocumentDateEitherWayWithUndatedRecordsLast() {
    String old = file("Avi A", "Hyra.", "INVOICE", "ACCOUNTING", LocalDate.of(2020, 1, 1));
    String undated = file("Avi B", "Hyra.", "INVOICE", "ACCOUNTING", null);
    String recent = file("Avi C", "Hyra.", "INVOICE", "ACCOUNTING", LocalDate.of(2024, 1, 1));
    assertThat(ids(search().search(query("hyra", Map.of(), null, "documentDate", true, 10, null))))
        .containsExactly(old, recent, undated);
    assertThat(ids(search().search(query("hyra", Map.of(), null, "documentDate", false, 10, null))))
        .containsExactly(recent, old, undated);
  }

  @Test
  void aCursorWalksEveryHitOnceInOrder() {
    Set<String> filed = new HashSet<>();
    for (int i = 0; i < 7; i++) {
      filed.add(
          file("Avi " + i, "Hyra.", "INVOICE", "ACCOUNTING", LocalDate.of(2024, 1, 1 + i % 3)));
    }
    for (String sort : List.of("relevance", "documentDate")) {
      List<String> walked = new ArrayList<>();
      String cursor = null;
      do {
        SearchResult page = search().search(query("hyra", Map.of(), null, sort, false, 3, cursor));
        walked.addAll(ids(page));
        cursor = page.nextCursor();
      } while (cursor != null);
      assertThat(walked).hasSize(7).doesNotHaveDuplicates();
      assertThat(new HashSet<>(walked)).isEqualTo(filed);
    }
    assertThatThrownBy(
            () ->
                search()
                    .search(
                        query("hyra", Map.of(), null, "relevance", false, 3, "bm90LWEtY3Vyc29y")))
        .isInstanceOf(InvalidQuery.class);
  }

  @Test
  void aPagePastTheLastHitIsEmptyAndOneTooDeepIsRefused() {
    file("Hyresavi", "Betalning av hyran.");
    file("Hyresavi två", "Betalning av hyran.");

    SearchResult past =
        search()
            .search(new SearchQuery("hyran", Map.of(), null, null, null, false, 5, 20, null, null));
    assertThat(past.total()).isEqualTo(2);
    assertThat(past.hits()).isEmpty();
    assertThat(past.nextCursor()).isNull();
    assertThatThrownBy(
            () ->
                search()
                    .search(
                        new SearchQuery(
                            "hyran",
                            Map.of(),
                            null,
                            null,
                            null,
                            false,
                            Integer.MAX_VALUE,
                            100,
                            null,
                            null)))
        .isInstanceOf(InvalidQuery.class)
        .hasMessageContaining("(page + 1) * size");
    assertThatThrownBy(
            () ->
                search()
                    .search(
                        new SearchQuery(
                            "hyran", Map.of(), null, null, null, false, 0, -5, null, null)))
        .isInstanceOf(InvalidQuery.class)
        .hasMessageContaining("size");
  }

  @Test
  void aForgottenRecordIsNotFoundAnyMore() {
    String gone = file("Hyresavi", "Betalning av hyran.");
    String kept = file("Hyresavi två", "Betalning av hyran.");
    search().forget(new RecordId(gone));
    search().refresh();
    assertThat(ids(find("hyran"))).containsExactly(kept);
    assertThat(find("hyran").facets().get("recordClass")).containsExactly(Map.entry("INVOICE", 1L));
  }
}

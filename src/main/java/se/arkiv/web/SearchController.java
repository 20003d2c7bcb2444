package se.arkiv.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import se.arkiv.search.SearchResult;

/** Full-text search with filters, facets, snippets, pages and cursors. */
@RestController
class SearchController {

  private final AuditedSearch search;

  SearchController(AuditedSearch search) {
    this.search = search;
  }

  @Operation(
      operationId = "search",
      tags = ApiDescription.SEARCH,
      summary = "Search the archive",
      description =
          "Full-text search (Lucene syntax; Swedish and English stemming) with filters, facets and highlighted snippets. Only records of your departments are counted or shown. Page with page/size, or follow nextCursor for deep paging. Filters: recordClass, department, customerId, accountId, employeeId, counterparty, caseId, tag, year, mediaType, language, maxOcrConfidence, and the keys found in the text (personnummer, samordningsnummer, organisationsnummer, iban, bic, bankgiro, plusgiro, ocrReference) in any written form.")
  @Parameters({
    @Parameter(
        in = ParameterIn.QUERY,
        name = "recordClass",
        description = "A record class code of the file plan",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "department",
        description = "A department",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "customerId",
        description = "Business key: customer",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "accountId",
        description = "Business key: account",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "employeeId",
        description = "Business key: employee",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "counterparty",
        description = "Business key: counterparty",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "caseId",
        description = "Business key: case",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "tag",
        description = "A tag",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "year",
        description = "The document date's year",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "mediaType",
        description = "A media type, e.g. application/pdf",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "language",
        description = "A detected language (sv, en)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "maxOcrConfidence",
        description = "Only OCR'd records at or below this mean confidence (0-100)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "personnummer",
        description =
            "Found in the text: a personal identity number in any written form (811218-9876, 19811218-9876, 198112189876)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "samordningsnummer",
        description = "Found in the text: a coordination number in any written form",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "organisationsnummer",
        description =
            "Found in the text: an organisation number (556036-0793, 5560360793, 16556036-0793)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "iban",
        description = "Found in the text: an IBAN, with or without spaces, in any case",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "bic",
        description =
            "Found in the text: a BIC, 8 or 11 characters (XXX as the branch is the same as none)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "bankgiro",
        description = "Found in the text: a bankgiro number (5050-1055)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "plusgiro",
        description = "Found in the text: a plusgiro number (90 20 03-3)",
        schema = @Schema(type = "string")),
    @Parameter(
        in = ParameterIn.QUERY,
        name = "ocrReference",
        description = "Found in the text: the OCR payment reference of an invoice",
        schema = @Schema(type = "string"))
  })
  @GetMapping("/api/search")
  SearchResult search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "relevance") String sort,
      @RequestParam(defaultValue = "desc") String order,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size,
      @RequestParam(required = false) String cursor,
      @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
    return search.run(
        new SearchForm(
            q,
            SearchForm.filtersOf(parameters),
            from,
            to,
            sort,
            SearchForm.ascending(order),
            page,
            size,
            cursor));
  }
}

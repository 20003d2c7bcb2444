package se.arkiv.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import se.arkiv.record.EntityKeyFinder;
import se.arkiv.record.EntityKind;

/**
 * Lucene's classic syntax over the archive's own field names. A bare word searches title, text and
 * business keys, stemmed in Swedish and English and exact; a quoted phrase matches the exact words
 * only; wildcards and fuzzy terms use the exact fields. {@code title:} and {@code text:} work the
 * same way on one of the two; keyword fields ({@code customerId:}, {@code recordClass:} ...) match
 * as typed, and the keys found in the text ({@code personnummer:}, {@code iban:} ...) in their
 * normalised form, which a bare word that is such a number also searches. Any other field name is
 * an error, not an empty result.
 */
final class ArkivQueryParser extends QueryParser {

  /** The pseudo-field of words without a field name. */
  static final String DEFAULT = "_default";

  private static final String TITLE = "title";
  private static final String TEXT = "text";
  private static final float TITLE_BOOST = 2f;

  private static final List<String> INDEXED_TEXT =
      List.of(
          IndexFields.TITLE_EXACT,
          IndexFields.TITLE_SV,
          IndexFields.TITLE_EN,
          IndexFields.TEXT_EXACT,
          IndexFields.TEXT_SV,
          IndexFields.TEXT_EN);

  private static final List<String> KEY_FIELDS =
      List.of("customerId", "accountId", "employeeId", "counterparty", "caseId");

  /** The day a ten-digit personal number in the query is read on (it decides the century). */
  private final LocalDate today;

  ArkivQueryParser(Analyzer analyzer, LocalDate today) {
    super(DEFAULT, analyzer);
    this.today = today;
    setDefaultOperator(Operator.AND);
    setAllowLeadingWildcard(false);
    // Word by word, so that each word may match a different field and form (AND across words).
    setSplitOnWhitespace(true);
    // A word the analyzer splits (e-post) is its parts, not a phrase: the stemmed fields keep no
    // positions, so only a quoted phrase may become a phrase query, and only on the exact fields.
    setAutoGeneratePhraseQueries(false);
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, boolean quoted)
      throws ParseException {
    if (INDEXED_TEXT.contains(field)) {
      // Reached again through the parser's phrase handling, for a field chosen below (a quoted
      // phrase only ever for an exact one: the stemmed fields keep no positions).
      return super.getFieldQuery(field, queryText, quoted);
    }
    if (IndexFields.KEYWORDS.contains(field)) {
      return keyword(field, queryText);
    }
    List<Query> alternatives = new ArrayList<>();
    for (Target target : targets(field, quoted)) {
      Query query = super.getFieldQuery(target.field(), queryText, quoted);
      if (query != null) {
        alternatives.add(target.boost() == 1f ? query : new BoostQuery(query, target.boost()));
      }
    }
    if (DEFAULT.equals(field) && !quoted) {
      for (String key : KEY_FIELDS) {
        alternatives.add(new TermQuery(new Term(key, queryText)));
      }
      EntityKeyFinder.recognise(queryText, today)
          .forEach(
              (kind, value) -> alternatives.add(new TermQuery(new Term(kind.fieldName(), value))));
    }
    return anyOf(alternatives);
  }

  /**
   * A keyword matched as typed, except a key found in the text: its value is normalised as the
   * index holds it, so {@code personnummer:811218-9876} finds {@code 198112189876}.
   */
  private Query keyword(String field, String value) {
    EntityKind kind = EntityKind.byFieldName(field);
    return new TermQuery(new Term(field, kind == null ? value : kind.normalise(value, today)));
  }

  @Override
  protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
    if (IndexFields.KEYWORDS.contains(field)) {
      return keyword(field, queryText);
    }
    List<Query> alternatives = new ArrayList<>();
    for (Target target : targets(field, true)) {
      Query query = super.getFieldQuery(target.field(), queryText, slop);
      if (query != null) {
        alternatives.add(query);
      }
    }
    return anyOf(alternatives);
  }

  @Override
  protected Query getPrefixQuery(String field, String termStr) throws ParseException {
    List<Query> alternatives = new ArrayList<>();
    for (String exact : exactFields(field)) {
      alternatives.add(super.getPrefixQuery(exact, termStr));
    }
    return anyOf(alternatives);
  }

  @Override
  protected Query getWildcardQuery(String field, String termStr) throws ParseException {
    if ("*".equals(termStr)) {
      return super.getWildcardQuery(field, termStr);
    }
    List<Query> alternatives = new ArrayList<>();
    for (String exact : exactFields(field)) {
      alternatives.add(super.getWildcardQuery(exact, termStr));
    }
    return anyOf(alternatives);
  }

  @Override
  protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
      throws ParseException {
    List<Query> alternatives = new ArrayList<>();
    for (String exact : exactFields(field)) {
      alternatives.add(super.getFuzzyQuery(exact, termStr, minSimilarity));
    }
    return anyOf(alternatives);
  }

  @Override
  protected Query getRegexpQuery(String field, String termStr) throws ParseException {
    throw new ParseException("Regular expressions are not supported: /" + termStr + "/");
  }

  @Override
  protected Query getRangeQuery(
      String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
      throws ParseException {
    if (!IndexFields.KEYWORDS.contains(field)) {
      throw new ParseException(
          "Ranges work on keyword fields only; use the from/to filters for document dates");
    }
    return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
  }

  private record Target(String field, float boost) {}

  private static List<Target> targets(String field, boolean quoted) throws ParseException {
    List<Target> targets = new ArrayList<>();
    boolean title = DEFAULT.equals(field) || TITLE.equals(field);
    boolean text = DEFAULT.equals(field) || TEXT.equals(field);
    if (!title && !text) {
      throw unknownField(field);
    }
    if (title) {
      targets.add(new Target(IndexFields.TITLE_EXACT, TITLE_BOOST));
      if (!quoted) {
        targets.add(new Target(IndexFields.TITLE_SV, TITLE_BOOST));
        targets.add(new Target(IndexFields.TITLE_EN, TITLE_BOOST));
      }
    }
    if (text) {
      targets.add(new Target(IndexFields.TEXT_EXACT, 1f));
      if (!quoted) {
        targets.add(new Target(IndexFields.TEXT_SV, 1f));
        targets.add(new Target(IndexFields.TEXT_EN, 1f));
      }
    }
    return targets;
  }

  private static List<String> exactFields(String field) throws ParseException {
    if (IndexFields.KEYWORDS.contains(field)) {
      return List.of(field);
    }
    if (DEFAULT.equals(field)) {
      return List.of(IndexFields.TITLE_EXACT, IndexFields.TEXT_EXACT);
    }
    if (TITLE.equals(field)) {
      return List.of(IndexFields.TITLE_EXACT);
    }
    if (TEXT.equals(field)) {
      return List.of(IndexFields.TEXT_EXACT);
    }
    throw unknownField(field);
  }

  private static ParseException unknownField(String field) {
    return new ParseException(
        "Unknown field '"
            + field
            + "'; fields are title, text, "
            + String.join(", ", IndexFields.KEYWORDS));
  }

  /** Null when every alternative analysed away (a stop word alone), as the parser expects. */
  private static Query anyOf(List<Query> alternatives) {
    List<Query> present = alternatives.stream().filter(q -> q != null).toList();
    if (present.isEmpty()) {
      return null;
    }
    if (present.size() == 1) {
      return present.get(0);
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    present.forEach(q -> any.add(q, BooleanClause.Occur.SHOULD));
    return any.build();
  }
}

package se.arkiv.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The words of the exact text field whose Swedish or English stem is one the query looks for. The
 * stemmed fields keep neither positions nor offsets (no query needs them, and they were a third of
 * the index); snippets are marked from the exact field's offsets alone, with the query's stems
 * turned back into the words the index holds: {@code bokföring} into {@code bokföringen}, {@code
 * bokföringar}, ...
 */
final class StemmedForms {

  /** Words looked at per stem; a stem of one or two letters must not walk the whole dictionary. */
  private static final int MOST_CANDIDATES = 2_000;

  /** Words added in all; a highlight query stays far below the boolean clause limit. */
  private static final int MOST_FORMS = 256;

  private StemmedForms() {}

  /**
   * {@code query} with the exact words of its stemmed terms added as optional clauses on the exact
   * text field: what the highlighter should mark. The query itself when it has no stemmed terms.
   */
  static Query toHighlight(IndexReader reader, Analyzer analyzer, Query query) {
    Set<Term> stems = stemmedTerms(query);
    if (stems.isEmpty()) {
      return query;
    }
    Set<BytesRef> forms = new LinkedHashSet<>();
    try {
      for (Term stem : stems) {
        forms.addAll(formsOf(reader, analyzer, stem));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (forms.isEmpty()) {
      return query;
    }
    BooleanQuery.Builder highlighted = new BooleanQuery.Builder();
    highlighted.add(query, BooleanClause.Occur.SHOULD);
    forms.stream()
        .limit(MOST_FORMS)
        .forEach(
            form ->
                highlighted.add(
                    new TermQuery(new Term(IndexFields.TEXT_EXACT, form)),
                    BooleanClause.Occur.SHOULD));
    return highlighted.build();
  }

  private static Set<Term> stemmedTerms(Query query) {
    Set<Term> terms = new LinkedHashSet<>();
    query.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            return field.equals(IndexFields.TEXT_SV) || field.equals(IndexFields.TEXT_EN);
          }

          @Override
          public void consumeTerms(Query query, Term... found) {
            for (Term term : found) {
              if (acceptField(term.field())) {
                terms.add(term);
              }
            }
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            // Words the query excludes are not marked.
            return occur == BooleanClause.Occur.MUST_NOT ? EMPTY_VISITOR : this;
          }
        });
    return terms;
  }

  /**
   * The exact words with this stem. A Swedish stem is a prefix of its words (the stemmer only cuts
   * endings); an English one may end in a letter the word has not ({@code happi} of {@code happy},
   * {@code hope} of {@code hoping}), so the search starts one letter earlier. Each candidate is
   * stemmed as the field's analyzer does and kept only if the stems are equal.
   */
  private static List<BytesRef> formsOf(IndexReader reader, Analyzer analyzer, Term stem)
      throws IOException {
    String text = stem.text();
    boolean english = stem.field().equals(IndexFields.TEXT_EN);
    String prefix = english && text.length() > 3 ? text.substring(0, text.length() - 1) : text;
    BytesRef start = new BytesRef(prefix);
    Set<BytesRef> seen = new LinkedHashSet<>();
    List<BytesRef> forms = new ArrayList<>();
    int looked = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(IndexFields.TEXT_EXACT);
      if (terms == null) {
        continue;
      }
      TermsEnum words = terms.iterator();
      if (words.seekCeil(start) == TermsEnum.SeekStatus.END) {
        continue;
      }
      for (BytesRef word = words.term();
          word != null && looked < MOST_CANDIDATES && StringHelper.startsWith(word, start);
          word = words.next(), looked++) {
        BytesRef copy = BytesRef.deepCopyOf(word);
        if (seen.add(copy) && text.equals(stemOf(analyzer, stem.field(), copy.utf8ToString()))) {
          forms.add(copy);
        }
      }
    }
    return forms;
  }

  /** The word as the stemmed field indexes it; null when that field drops it (a stop word). */
  private static String stemOf(Analyzer analyzer, String field, String word) throws IOException {
    try (TokenStream tokens = analyzer.tokenStream(field, word)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      String stem = tokens.incrementToken() ? term.toString() : null;
      boolean more = tokens.incrementToken();
      tokens.end();
      return more ? null : stem;
    }
  }
}

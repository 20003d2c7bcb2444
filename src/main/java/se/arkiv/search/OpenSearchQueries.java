package se.arkiv.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;

/**
 * Translates the Lucene query that {@link SearchQueries} and {@link ArkivQueryParser} build into
 * OpenSearch's query DSL, node by node, so the syntax, the analysis (terms arrive already analysed,
 * by the same Lucene 9.12.3 analyzers OpenSearch runs) and the {@link InvalidQuery} are the ones of
 * the Lucene engine. A query type it does not know fails loudly instead of being guessed at.
 */
final class OpenSearchQueries {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private OpenSearchQueries() {}

  static ObjectNode of(Query query) {
    if (query instanceof BooleanQuery bool) {
      return bool(bool);
    }
    if (query instanceof TermQuery term) {
      return single("term", term.getTerm().field(), value(term.getTerm().text()));
    }
    if (query instanceof BoostQuery boost) {
      ObjectNode wrapper = JSON.objectNode();
      ObjectNode bool = wrapper.putObject("bool");
      bool.putArray("must").add(of(boost.getQuery()));
      bool.put("boost", boost.getBoost());
      return wrapper;
    }
    if (query instanceof ConstantScoreQuery constant) {
      ObjectNode wrapper = JSON.objectNode();
      wrapper.putObject("constant_score").set("filter", of(constant.getQuery()));
      return wrapper;
    }
    if (query instanceof MatchAllDocsQuery) {
      return object("match_all");
    }
    if (query instanceof MatchNoDocsQuery) {
      return object("match_none");
    }
    if (query instanceof PhraseQuery phrase) {
      return phrase(phrase);
    }
    if (query instanceof PrefixQuery prefix) {
      return single("prefix", prefix.getField(), value(prefix.getPrefix().text()));
    }
    if (query instanceof WildcardQuery wildcard) {
      return single("wildcard", wildcard.getField(), value(wildcard.getTerm().text()));
    }
    if (query instanceof FuzzyQuery fuzzy) {
      ObjectNode body = value(fuzzy.getTerm().text());
      body.put("fuzziness", Integer.toString(fuzzy.getMaxEdits()));
      body.put("prefix_length", fuzzy.getPrefixLength());
      body.put("transpositions", fuzzy.getTranspositions());
      return single("fuzzy", fuzzy.getField(), body);
    }
    if (query instanceof TermRangeQuery range) {
      ObjectNode body = JSON.objectNode();
      if (range.getLowerTerm() != null) {
        body.put(range.includesLower() ? "gte" : "gt", range.getLowerTerm().utf8ToString());
      }
      if (range.getUpperTerm() != null) {
        body.put(range.includesUpper() ? "lte" : "lt", range.getUpperTerm().utf8ToString());
      }
      return single("range", range.getField(), body);
    }
    if (query instanceof TermInSetQuery terms) {
      return terms(terms);
    }
    if (query instanceof PointRangeQuery points) {
      return points(points);
    }
    throw new IllegalStateException(
        "No OpenSearch translation for a " + query.getClass().getName() + ": " + query);
  }

  private static ObjectNode bool(BooleanQuery query) {
    ObjectNode wrapper = JSON.objectNode();
    ObjectNode bool = wrapper.putObject("bool");
    boolean positive = false;
    int should = 0;
    for (BooleanClause clause : query.clauses()) {
      String occur =
          switch (clause.getOccur()) {
            case MUST -> "must";
            case FILTER -> "filter";
            case SHOULD -> "should";
            case MUST_NOT -> "must_not";
          };
      positive |=
          clause.getOccur() == BooleanClause.Occur.MUST
              || clause.getOccur() == BooleanClause.Occur.FILTER;
      if (clause.getOccur() == BooleanClause.Occur.SHOULD) {
        should++;
      }
      ArrayNode clauses = bool.has(occur) ? (ArrayNode) bool.get(occur) : bool.putArray(occur);
      clauses.add(of(clause.getQuery()));
    }
    if (should > 0) {
      // As Lucene counts it: optional next to a required clause, else at least one.
      int least = query.getMinimumNumberShouldMatch();
      bool.put("minimum_should_match", least > 0 ? least : positive ? 0 : 1);
    } else if (!positive) {
      // Lucene matches nothing with prohibited clauses alone; OpenSearch would match the rest.
      bool.putArray("must").add(object("match_none"));
    }
    return wrapper;
  }

  /**
   * A quoted phrase, on an exact field only: its words as the index holds them, rejoined for the
   * whitespace analyzer so that OpenSearch does not analyse them a second time.
   */
  private static ObjectNode phrase(PhraseQuery phrase) {
    int[] positions = phrase.getPositions();
    StringBuilder words = new StringBuilder();
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] != positions[0] + i) {
        throw new IllegalStateException(
            "No OpenSearch translation for a phrase with gaps: " + phrase);
      }
      if (i > 0) {
        words.append(' ');
      }
      words.append(phrase.getTerms()[i].text());
    }
    ObjectNode body = JSON.objectNode();
    body.put("query", words.toString());
    body.put("analyzer", "whitespace");
    body.put("slop", phrase.getSlop());
    return single("match_phrase", phrase.getField(), body);
  }

  private static ObjectNode terms(TermInSetQuery query) {
    ArrayNode values = JSON.arrayNode();
    try {
      BytesRefIterator iterator = query.getBytesRefIterator();
      for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
        values.add(term.utf8ToString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode wrapper = JSON.objectNode();
    wrapper.putObject("terms").set(query.getField(), values);
    return wrapper;
  }

  private static ObjectNode points(PointRangeQuery query) {
    if (query.getNumDims() != 1) {
      throw new IllegalStateException("No OpenSearch translation for " + query);
    }
    ObjectNode body = JSON.objectNode();
    if (query.getBytesPerDim() == Long.BYTES) {
      long lower = LongPoint.decodeDimension(query.getLowerPoint(), 0);
      long upper = LongPoint.decodeDimension(query.getUpperPoint(), 0);
      if (lower != Long.MIN_VALUE) {
        body.put("gte", lower);
      }
      if (upper != Long.MAX_VALUE) {
        body.put("lte", upper);
      }
    } else if (query.getBytesPerDim() == Integer.BYTES) {
      int lower = IntPoint.decodeDimension(query.getLowerPoint(), 0);
      int upper = IntPoint.decodeDimension(query.getUpperPoint(), 0);
      if (lower != Integer.MIN_VALUE) {
        body.put("gte", lower);
      }
      if (upper != Integer.MAX_VALUE) {
        body.put("lte", upper);
      }
    } else {
      throw new IllegalStateException("No OpenSearch translation for " + query);
    }
    return single("range", query.getField(), body);
  }

  private static ObjectNode value(String text) {
    ObjectNode body = JSON.objectNode();
    body.put("value", text);
    return body;
  }

  private static ObjectNode single(String type, String field, ObjectNode body) {
    ObjectNode wrapper = JSON.objectNode();
    wrapper.putObject(type).set(field, body);
    return wrapper;
  }

  private static ObjectNode object(String type) {
    ObjectNode wrapper = JSON.objectNode();
    wrapper.putObject(type);
    return wrapper;
  }
}

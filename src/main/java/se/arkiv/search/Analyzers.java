package se.arkiv.search;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;

/** The analysis chain of every field; stop words come from the index configuration folder. */
final class Analyzers {

  private Analyzers() {}

  static Analyzer perField(Path configDir) {
    Analyzer exact = new ExactAnalyzer();
    Analyzer swedish =
        new SwedishAnalyzer(
            stopWords(configDir.resolve("stopwords_sv.txt"), SwedishAnalyzer.getDefaultStopSet()));
    Analyzer english =
        new EnglishAnalyzer(
            stopWords(configDir.resolve("stopwords_en.txt"), EnglishAnalyzer.getDefaultStopSet()));
    Map<String, Analyzer> fields = new HashMap<>();
    fields.put(IndexFields.TITLE_EXACT, exact);
    fields.put(IndexFields.TEXT_EXACT, exact);
    fields.put(IndexFields.TITLE_SV, swedish);
    fields.put(IndexFields.TEXT_SV, swedish);
    fields.put(IndexFields.TITLE_EN, english);
    fields.put(IndexFields.TEXT_EN, english);
    // Keyword fields are matched as typed; everything not listed is a keyword too.
    return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), fields);
  }

  private static CharArraySet stopWords(Path file, CharArraySet fallback) {
    if (!Files.isRegularFile(file)) {
      return fallback;
    }
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return WordlistLoader.getSnowballWordSet(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read stop words " + file, e);
    }
  }

  /** Words lower-cased and nothing else: what a quoted phrase must match. */
  private static final class ExactAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(in);
    }
  }
}

package se.arkiv.benchmark;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.arkiv.testing.ArkivClient;
import se.arkiv.testing.RunningArkiv;
import tools.jackson.databind.JsonNode;

/**
 * The query set of {@link ScaleBenchmark}, by type, as query strings for {@code /api/search}: words
 * of the generator's back-office vocabulary, and phrases, references and keys taken from records
 * the archive holds, so that every type finds something whatever the seed.
 */
final class ScaleQueries {

  private ScaleQueries() {}

  static Map<String, List<String>> of(ArkivClient client) {
    Map<String, List<String>> types = new LinkedHashMap<>();
    types.put("one word, frequent", q("kunden", "banken", "beloppet", "underlag", "kontroll"));
    types.put(
        "one word, of one class",
        q("leverantörsfaktura", "bruttolön", "preliminärskatt", "kontering", "momsredovisning"));
    types.put("two words (AND)", q("kontroll attest", "kunden beloppet", "underlag period"));
    types.put("prefix (word*)", q("lön*", "konto*", "moms*"));
    types.put(
        "word + class filter",
        List.of(
            "q=kunden&recordClass=CORRESPONDENCE",
            "q=beloppet&recordClass=PAYMENT-ORDER",
            "q=underlag&recordClass=ACC-VOUCHER"));
    types.put(
        "word + date range",
        List.of(
            "q=kunden&from=2015-01-01&to=2016-12-31",
            "q=beloppet&from=2020-01-01&to=2020-06-30",
            "q=underlag&from=2012-01-01&to=2025-12-31"));
    List<String> phrases = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String word : List.of("kunden", "banken", "beloppet", "leverantörsfaktura", "bruttolön")) {
      JsonNode hits =
          client
              .get("/api/search?size=5&q=" + encode(word), RunningArkiv.AUDITOR)
              .json()
              .path("hits");
      for (JsonNode hit : hits) {
        phraseAround(hit.path("snippets").path(0).asText(""), word).ifPresent(phrases::add);
        JsonNode record =
            client.get("/api/records/" + hit.path("id").asText(), RunningArkiv.AUDITOR).json();
        record.path("keys").properties().stream()
            .filter(key -> key.getValue().isString())
            .findFirst()
            .ifPresent(key -> keys.add(key.getKey() + ":\"" + key.getValue().asString() + "\""));
      }
    }
    if (!phrases.isEmpty()) {
      types.put("quoted phrase", q(phrases.toArray(String[]::new)));
    }
    if (!keys.isEmpty()) {
      types.put("business key (field:value)", q(keys.toArray(String[]::new)));
    }
    return types;
  }

  /** The marked word and the word after it in a snippet, as a quoted phrase. */
  private static Optional<String> phraseAround(String snippet, String word) {
    String plain = snippet.replaceAll("</?mark>", "");
    String[] words = plain.split("[^\\p{L}\\p{N}]+");
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equalsIgnoreCase(word) && !words[i + 1].isEmpty()) {
        return Optional.of("\"" + words[i] + " " + words[i + 1] + "\"");
      }
    }
    return Optional.empty();
  }

  private static List<String> q(String... queries) {
    List<String> strings = new ArrayList<>();
    for (String query : queries) {
      strings.add("q=" + encode(query));
    }
    return strings;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

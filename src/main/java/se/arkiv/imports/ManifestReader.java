package se.arkiv.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import se.arkiv.record.BusinessKeys;
import se.arkiv.storage.StoredJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a manifest row by row, streaming, so a manifest of millions of lines never sits in memory:
 * CSV (RFC 4180, a header row, UTF-8) or a JSON array of objects, told apart by the file name. Rows
 * that cannot be read at all, and unknown columns, are reported as problems.
 */
final class ManifestReader {

  static final Set<String> COLUMNS =
      Set.of(
          "file",
          "recordClass",
          "department",
          "documentDate",
          "fiscalYearEnd",
          "title",
          "tags",
          "customerId",
          "accountId",
          "employeeId",
          "counterparty",
          "caseId",
          "legacyId",
          "originalFiledAt",
          "originalFiledBy");

  /** A member named twice in a row is a problem of that row, not the last one silently kept. */
  private static final JsonMapper JSON =
      StoredJson.compact().rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ManifestReader() {}

  static boolean isJson(String manifestName) {
    return manifestName.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  static boolean isCsv(String manifestName) {
    return manifestName.toLowerCase(Locale.ROOT).endsWith(".csv");
  }

  static void read(
      InputStream in, boolean json, Consumer<ManifestRow> rows, Consumer<RowProblem> problems)
      throws IOException {
    if (json) {
      readJson(in, rows, problems);
    } else {
      readCsv(
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), rows, problems);
    }
  }

  private static void readJson(
      InputStream in, Consumer<ManifestRow> rows, Consumer<RowProblem> problems) {
    try (JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        problems.accept(new RowProblem(1, null, "a JSON manifest is an array of objects"));
        return;
      }
      for (JsonToken token = parser.nextToken();
          token != null && token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        if (!node.isObject()) {
          problems.accept(new RowProblem(line, null, "not a JSON object"));
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> conflicting = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          String name = member.getKey();
          JsonNode value = member.getValue();
          if (name.equals("tags") && value.isArray()) {
            value.forEach(tag -> tags.add(tag.asString()));
          } else if (name.equals("keys") && value.isObject()) {
            for (Map.Entry<String, JsonNode> key : value.properties()) {
              if (!BusinessKeys.NAMES.contains(key.getKey())) {
                unknown.add("keys." + key.getKey());
              } else if (!agrees(values, key.getKey(), text(key.getValue()))) {
                conflicting.add(key.getKey());
              }
            }
          } else if (COLUMNS.contains(name)) {
            if (!agrees(values, name, text(value))) {
              conflicting.add(name);
            }
          } else {
            unknown.add(name);
          }
        }
        if (node.has("tags") && !node.get("tags").isArray()) {
          tags.addAll(splitTags(text(node.get("tags"))));
        }
        if (!unknown.isEmpty()) {
          problems.accept(new RowProblem(line, values.get("file"), "unknown member(s) " + unknown));
        }
        if (!conflicting.isEmpty()) {
          problems.accept(
              new RowProblem(
                  line,
                  values.get("file"),
                  "given twice with different values, as a member and in keys: " + conflicting));
        }
        rows.accept(new ManifestRow(line, values, tags));
      }
    } catch (JacksonException e) {
      problems.accept(
          new RowProblem(
              e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
              null,
              "not valid JSON here: " + e.getOriginalMessage()));
    }
  }

  /**
   * Puts a key's value, a flat member and the same key in {@code keys} alike; false when the row
   * named it already with another value (one of the two would have been dropped unseen).
   */
  private static boolean agrees(Map<String, String> values, String name, String value) {
    String before = values.putIfAbsent(name, value);
    return before == null || value == null || before.equals(value);
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asString();
  }

  private static void readCsv(
      BufferedReader in, Consumer<ManifestRow> rows, Consumer<RowProblem> problems)
      throws IOException {
    CsvLines csv = new CsvLines(in);
    List<String> header = csv.next();
    if (header == null) {
      problems.accept(new RowProblem(1, null, "the manifest is empty"));
      return;
    }
    header = header.stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
    for (String column : header) {
      if (!COLUMNS.contains(column)) {
        problems.accept(
            new RowProblem(1, null, "unknown column '" + column + "'; known: " + COLUMNS));
      }
    }
    if (!header.contains("file")) {
      problems.accept(new RowProblem(1, null, "the header has no column 'file'"));
      return;
    }
    for (List<String> cells = csv.next(); cells != null; cells = csv.next()) {
      int line = csv.startLine();
      if (cells.size() == 1 && cells.get(0).isBlank()) {
        continue;
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < Math.min(cells.size(), header.size()); i++) {
        values.put(header.get(i), cells.get(i));
      }
      if (cells.size() != header.size()) {
        problems.accept(
            new RowProblem(
                line,
                values.get("file"),
                cells.size() + " cells where the header has " + header.size()));
      }
      rows.accept(new ManifestRow(line, values, splitTags(values.get("tags"))));
    }
    if (csv.unterminatedQuote()) {
      problems.accept(new RowProblem(csv.startLine(), null, "a quoted cell is never closed"));
    }
  }

  private static List<String> splitTags(String cell) {
    if (cell == null || cell.isBlank()) {
      return List.of();
    }
    return Arrays.stream(cell.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }

  /** RFC 4180 records, where a quoted cell may hold commas, quotes ("") and line breaks. */
  private static final class CsvLines {
    private final Reader in;
    private int line = 1;
    private int startLine;
    private boolean unterminated;
    private int peeked = -2;

    CsvLines(Reader in) {
      this.in = in;
    }

    int startLine() {
      return startLine;
    }

    boolean unterminatedQuote() {
      return unterminated;
    }

    private int read() throws IOException {
      if (peeked != -2) {
        int c = peeked;
        peeked = -2;
        return c;
      }
      return in.read();
    }

    List<String> next() throws IOException {
      int c = read();
      if (c == -1) {
        return null;
      }
      startLine = line;
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      while (true) {
        if (c == -1) {
          unterminated = quoted;
          cells.add(cell.toString());
          return cells;
        }
        if (quoted) {
          if (c == '"') {
            int d = read();
            if (d == '"') {
              cell.append('"');
            } else {
              quoted = false;
              peeked = d;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            cell.append((char) c);
          }
        } else if (c == '"' && cell.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          cells.add(cell.toString());
          cell.setLength(0);
        } else if (c == '\r') {
          int d = read();
          if (d != '\n') {
            peeked = d;
          }
          line++;
          cells.add(cell.toString());
          return cells;
        } else if (c == '\n') {
          line++;
          cells.add(cell.toString());
          return cells;
        } else {
          cell.append((char) c);
        }
        c = read();
      }
    }
  }
}

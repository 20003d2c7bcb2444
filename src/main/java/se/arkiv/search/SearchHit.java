package se.arkiv.search;

import java.util.List;

/** One record in a result page, with highlighted passages of its text (HTML-escaped). */
public record SearchHit(
    String id,
    String title,
    String recordClass,
    String department,
    String documentDate,
    List<String> snippets) {}

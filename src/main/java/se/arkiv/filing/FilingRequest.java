package se.arkiv.filing;

import java.time.LocalDate;
import java.util.List;
import se.arkiv.record.BusinessKeys;

/** What the filer says about a file: the JSON part {@code metadata} of an upload. */
public record FilingRequest(
    String recordClass,
    String title,
    String department,
    LocalDate documentDate,
    LocalDate fiscalYearEnd,
    BusinessKeys keys,
    List<String> tags) {}

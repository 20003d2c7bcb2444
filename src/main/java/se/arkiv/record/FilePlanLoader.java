package se.arkiv.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@code file-plan.yaml} and checks every class before the service accepts a single record: a
 * plan with a hole in it would file records under rules nobody can apply.
 */
final class FilePlanLoader {

  /** The longest retention period a rule may give. */
  static final int MAX_YEARS = 200;

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9-]{1,39}");
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** The plan as written in YAML: text fields, checked and typed by {@link #load}. */
  record PlanFile(List<ClassEntry> classes) {}

  record ClassEntry(String code, String title, String disposition, List<RuleText> rules) {}

  private FilePlanLoader() {}

  static FilePlan load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new FilePlanInvalid("File plan not found at " + file.toAbsolutePath());
    }
    PlanFile plan;
    try {
      plan = YAML.readValue(Files.readString(file), PlanFile.class);
    } catch (JacksonException | IOException e) {
      throw new FilePlanInvalid("File plan " + file + " is not readable: " + e.getMessage(), e);
    }
    if (plan == null || plan.classes() == null || plan.classes().isEmpty()) {
      throw new FilePlanInvalid("File plan " + file + " defines no classes");
    }
    List<RecordClass> classes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < plan.classes().size(); i++) {
      ClassEntry entry = plan.classes().get(i);
      String where = "File plan " + file + ", class #" + (i + 1);
      if (entry == null) {
        throw new FilePlanInvalid(where + ": empty entry");
      }
      if (entry.code() == null || !CODE.matcher(entry.code()).matches()) {
        throw new FilePlanInvalid(
            where + ", field 'code': '" + entry.code() + "' is not a code such as ACC-VOUCHER");
      }
      where = "File plan " + file + ", class " + entry.code();
      if (!seen.add(entry.code())) {
        throw new FilePlanInvalid(where + ", field 'code': defined twice");
      }
      classes.add(check(entry, where));
    }
    return new FilePlan(classes);
  }

  /** One class as a file-plan change names it, checked as strictly as a class in the file. */
  static RecordClass checkClass(
      String code, String title, String disposition, List<RuleText> rules) {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new FilePlanInvalid("recordClass: '" + code + "' is not a code such as ACC-VOUCHER");
    }
    return check(new ClassEntry(code, title, disposition, rules), "Class " + code);
  }

  private static RecordClass check(ClassEntry entry, String where) {
    String title = required(entry.title(), where, "title");
    DispositionAction disposition =
        enumValue(DispositionAction.class, entry.disposition(), where, "disposition");
    if (entry.rules() == null || entry.rules().isEmpty()) {
      throw new FilePlanInvalid(where + ", field 'rules': at least one retention rule");
    }
    List<RetentionRule> rules = new ArrayList<>();
    for (int i = 0; i < entry.rules().size(); i++) {
      rules.add(rule(entry.rules().get(i), where + ", rule #" + (i + 1)));
    }
    return new RecordClass(entry.code(), title, disposition, rules);
  }

  private static RetentionRule rule(RuleText entry, String where) {
    if (entry == null) {
      throw new FilePlanInvalid(where + ": empty rule");
    }
    String legalSource = required(entry.legalSource(), where, "legalSource");
    Period period = period(required(entry.period(), where, "period"), where, "period");
    Trigger trigger = enumValue(Trigger.class, entry.trigger(), where, "trigger");
    String event = entry.event() == null || entry.event().isBlank() ? null : entry.event().strip();
    RetentionRule draft = new RetentionRule(legalSource, period, trigger, event, null);
    if (draft.needsEvent() && event == null) {
      throw new FilePlanInvalid(where + ", field 'event': required when trigger is " + trigger);
    }
    if (!draft.needsEvent() && event != null) {
      throw new FilePlanInvalid(where + ", field 'event': only allowed with an event trigger");
    }
    Period maximum = null;
    if (entry.maximum() != null && !entry.maximum().isBlank()) {
      maximum = period(entry.maximum(), where, "maximum");
      if (totalMonths(maximum) < totalMonths(period)) {
        throw new FilePlanInvalid(where + ", field 'maximum': shorter than the period " + period);
      }
    }
    return new RetentionRule(legalSource, period, trigger, event, maximum);
  }

  private static String required(String value, String where, String field) {
    if (value == null || value.isBlank()) {
      throw new FilePlanInvalid(where + ", field '" + field + "': required");
    }
    return value.strip();
  }

  private static Period period(String text, String where, String field) {
    try {
      Period period = Period.parse(text.strip());
      if (period.isNegative() || period.isZero()) {
        throw new FilePlanInvalid(where + ", field '" + field + "': must be positive");
      }
      // No law keeps a record longer; far longer periods overflow the dates they are added to.
      if (totalMonths(period) > MAX_YEARS * 12L || longerThanTheMost(period)) {
        throw new FilePlanInvalid(
            where + ", field '" + field + "': at most " + MAX_YEARS + " years, not " + text);
      }
      return period;
    } catch (DateTimeParseException e) {
      throw new FilePlanInvalid(
          where + ", field '" + field + "': '" + text + "' is not an ISO-8601 period such as P7Y");
    }
  }

  /** Longer than {@link #MAX_YEARS} from a day of its own: P73100D is 200 years and 50 days. */
  private static boolean longerThanTheMost(Period period) {
    LocalDate from = LocalDate.of(2000, 1, 1);
    return from.plus(period).isAfter(from.plusYears(MAX_YEARS));
  }

  private static long totalMonths(Period period) {
    return period.toTotalMonths() + (period.getDays() > 0 ? 1 : 0);
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String text, String where, String field) {
    String value = required(text, where, field);
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        allowed.add(constant.name());
      }
      throw new FilePlanInvalid(
          where + ", field '" + field + "': '" + value + "' is not one of " + allowed);
    }
  }
}

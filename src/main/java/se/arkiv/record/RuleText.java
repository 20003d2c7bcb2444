package se.arkiv.record;

/**
 * A retention rule as a person writes it, in the file plan's YAML or in a file-plan change: text
 * fields, checked and typed into a {@link RetentionRule} by the same checks in both places.
 */
public record RuleText(
    String legalSource, String period, String trigger, String event, String maximum) {

  public static RuleText of(RetentionRule rule) {
    return new RuleText(
        rule.legalSource(),
        rule.period().toString(),
        rule.trigger().name(),
        rule.event(),
        rule.maximum() == null ? null : rule.maximum().toString());
  }
}

package dev.sable.batch;

/** A rule a batch breaks, with what broke it. */
public record RuleViolation(Rule rule, String detail) {
  @Override
  public String toString() {
    return rule.id() + ": " + detail;
  }
}

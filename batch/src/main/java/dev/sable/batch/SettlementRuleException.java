package dev.sable.batch;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A batch that breaks settlement rules: the builder refuses it rather than hand the prover a
 * witness the circuit cannot prove. Nothing of the batch reached the state.
 */
public final class SettlementRuleException extends RuntimeException {
  private final transient List<RuleViolation> violations;

  public SettlementRuleException(long batchNumber, List<RuleViolation> violations) {
    super(
        "batch "
            + batchNumber
            + " breaks "
            + (violations.size() == 1 ? "a settlement rule: " : "settlement rules: ")
            + violations.stream().map(RuleViolation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every rule the batch breaks, in the order the builder found them. */
  public List<RuleViolation> violations() {
    return violations;
  }

  /** Whether the batch breaks this rule. */
  public boolean breaks(Rule rule) {
    return violations.stream().anyMatch(v -> v.rule() == rule);
  }
}

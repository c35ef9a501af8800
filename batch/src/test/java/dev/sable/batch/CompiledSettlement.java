package dev.sable.batch;

import dev.sable.prover.GnarkCircuit;
import dev.sable.prover.Witness;
import dev.sable.prover.WitnessCheck;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The settlement circuit at a test class's capacities, compiled once before its tests and closed
 * after them: {@code @RegisterExtension static final CompiledSettlement circuit = new
 * CompiledSettlement(CAPS);}.
 */
public final class CompiledSettlement implements BeforeAllCallback, AfterAllCallback {
  private final Capacities capacities;
  private GnarkCircuit circuit;

  public CompiledSettlement(Capacities capacities) {
    this.capacities = capacities;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    circuit = GnarkCircuit.compile(SettlementCircuit.layout(capacities));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    circuit.close();
  }

  /** Whether the witness satisfies the circuit, or its first failing constraint. */
  public WitnessCheck check(Witness witness) {
    return circuit.check(witness);
  }
}

package dev.sable.batch.exit;

import dev.sable.crypto.Fr;
import dev.sable.prover.Witness;
import dev.sable.prover.WitnessField;
import dev.sable.prover.WitnessLayout;
import dev.sable.state.StateLayout;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The exit circuit's witness as gnark reads it (Go exit.Circuit, catalog name {@code exit-d24}):
 * public c, z, y, then the private fields in declaration order. {@code GnarkProver.open} checks
 * {@link #LAYOUT} against the Go struct.
 */
public final class ExitCircuit {
  public static final String NAME = "exit-d24";

  private static final int SLOTS = SettlementLayout.POSITION_SLOTS;
  private static final List<String> SCALARS =
      List.of(
          "ChainID",
          "Contract",
          "Account",
          "Recipient",
          "Amount",
          "AccountsRoot",
          "MarketsRoot",
          "FeePool",
          "FundingPool",
          "Time",
          "DepositCount",
          "Key_X",
          "Key_Y",
          "Blinding",
          "Extension",
          "Collateral",
          "Nonce",
          "Mode",
          "FillsRoot");
  private static final List<String> SLOT_FIELDS = List.of("Market", "Size", "Cost", "FundingIndex");

  public static final WitnessLayout LAYOUT = layout();

  private ExitCircuit() {}

  private static WitnessLayout layout() {
    List<WitnessField> fields = new ArrayList<>();
    for (String name : List.of("Commitment", "Challenge", "Evaluation")) {
      fields.add(WitnessField.publicInput(name));
    }
    SCALARS.forEach(name -> fields.add(WitnessField.secret(name)));
    for (int p = 0; p < SLOTS; p++) {
      for (String f : SLOT_FIELDS) {
        fields.add(WitnessField.secret("Slots_" + p + "_" + f));
      }
    }
    fields.add(WitnessField.secret("Siblings", StateLayout.ACCOUNT_DEPTH));
    fields.add(WitnessField.secret("Rows", SLOTS));
    for (String name : List.of("Signature_R_X", "Signature_R_Y", "Signature_S")) {
      fields.add(WitnessField.secret(name));
    }
    return new WitnessLayout(NAME, fields);
  }

  /** gnark's witness of an exit. */
  public static Witness witness(ExitStatement s) {
    AccountLeafV2 leaf = s.account().leaf();
    GlobalState g = s.account().state();
    WitnessLayout.Assignment a = LAYOUT.assign();
    a.set("Commitment", s.publicInputs().commitment())
        .set("Challenge", s.publicInputs().challenge())
        .set("Evaluation", s.publicInputs().evaluation());
    List<Fr> scalars =
        List.of(
            Fr.ofLong(s.deployment().chainId()),
            s.deployment().contract(),
            Fr.ofLong(s.account().account()),
            s.recipient(),
            Fr.ofLong(s.amount()),
            g.accountsRoot(),
            g.marketsRoot(),
            Fr.ofLong(g.feePool()),
            Fr.ofLong(g.fundingPool()),
            Fr.ofLong(g.time()),
            Fr.ofLong(g.depositCount()),
            leaf.key().x(),
            leaf.key().y(),
            leaf.blinding(),
            leaf.extension(),
            Fr.ofLong(leaf.collateral()),
            Fr.ofLong(leaf.nonce()),
            Fr.ofLong(leaf.mode()),
            leaf.fillsRoot());
    for (int i = 0; i < SCALARS.size(); i++) {
      a.set(SCALARS.get(i), scalars.get(i));
    }
    for (int p = 0; p < SLOTS; p++) {
      PositionSlot slot = leaf.slots().get(p);
      List<Long> values = List.of(slot.market(), slot.size(), slot.cost(), slot.fundingIndex());
      for (int f = 0; f < SLOT_FIELDS.size(); f++) {
        a.set("Slots_" + p + "_" + SLOT_FIELDS.get(f), Fr.ofLong(values.get(f)));
      }
    }
    a.set("Siblings", s.account().siblings()).set("Rows", s.rows());
    a.set("Signature_R_X", s.signature().rx())
        .set("Signature_R_Y", s.signature().ry())
        .set("Signature_S", Fr.of(s.signature().s()));
    return a.witness();
  }
}

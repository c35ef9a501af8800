package dev.sable.batch.exit;

import dev.sable.batch.PublicInputs;
import dev.sable.batch.SettlementMath;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.DomainTag;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.ExitMessage;
import dev.sable.crypto.Fr;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One exit (circuits/exit, docs/bridge.md "Exits"): the recovered account, the recipient, the
 * market row each held position is valued at (by slot, 0 for an empty slot), the amount (the
 * account's whole equity at those rows), the owner's signature, and the exit data d = [chainId,
 * bridge, stateRoot, account, recipient, amount, row_0 .. row_7] with its public inputs.
 */
public record ExitStatement(
    Deployment deployment,
    RecoveredAccount account,
    Fr recipient,
    List<Fr> rows,
    long amount,
    EdDsaSignature signature,
    List<Fr> data,
    PublicInputs publicInputs) {

  public ExitStatement {
    rows = List.copyOf(rows);
    data = List.copyOf(data);
  }

  /**
   * The exit of {@code account} to {@code recipient}, each position valued at the row the bridge
   * stores for its market ({@code storedRows}: market id to row, 0 or absent for none), signed with
   * the owner's key. Refuses a position whose market the bridge has no row for, and an account with
   * nothing to take.
   */
  public static ExitStatement prepare(
      Deployment deployment,
      RecoveredAccount account,
      Fr recipient,
      Map<Long, Fr> storedRows,
      EdDsaPrivateKey owner) {
    List<PositionSlot> slots = account.leaf().slots();
    List<Fr> rows = new ArrayList<>(SettlementLayout.POSITION_SLOTS);
    for (int p = 0; p < slots.size(); p++) {
      PositionSlot s = slots.get(p);
      Fr row = s.size() == 0 ? Fr.ZERO : storedRows.getOrDefault(s.market(), Fr.ZERO);
      if (s.size() != 0 && row.isZero()) {
        throw new ExitRefusedException(
            "the bridge stores no row for market " + s.market() + " (position slot " + p + ")");
      }
      rows.add(row);
    }
    BigInteger equity = equity(account.leaf().collateral(), slots, rows);
    if (equity.signum() <= 0) {
      throw new ExitRefusedException(
          "nothing to take: account " + account.account() + "'s equity is " + equity);
    }
    long amount = equity.longValueExact(); // the circuit's range: below 2^63
    ExitMessage message = new ExitMessage(account.account(), recipient);
    EdDsaSignature signature = owner.sign(message.hash(deployment));
    List<Fr> d = new ArrayList<>();
    d.addAll(
        List.of(
            Fr.ofLong(deployment.chainId()),
            deployment.contract(),
            account.stateRoot(),
            Fr.ofLong(account.account()),
            recipient,
            Fr.ofLong(amount)));
    d.addAll(rows);
    return new ExitStatement(
        deployment,
        account,
        recipient,
        rows,
        amount,
        signature,
        d,
        PublicInputs.bind(DomainTag.EXIT_DATA, d));
  }

  /**
   * collateral + sum (size * mark - cost - ceil(size * (rowIndex - positionIndex) / 10^6)): the
   * exit circuit's equity, every position's funding owed. A position in an option row is worth size
   * * the row's mark (the committed option mark, or the payoff per unit once settled: {@link
   * MarketRowValue}); its cost and funding index are 0.
   */
  static BigInteger equity(long collateral, List<PositionSlot> slots, List<Fr> rows) {
    BigInteger equity = BigInteger.valueOf(collateral);
    for (int p = 0; p < slots.size(); p++) {
      PositionSlot s = slots.get(p);
      if (s.size() == 0) {
        continue;
      }
      MarketRowValue row = MarketRowValue.decode(rows.get(p));
      BigInteger size = BigInteger.valueOf(s.size());
      BigInteger owed = SettlementMath.fundingOwed(s.size(), row.fundingIndex(), s.fundingIndex());
      equity =
          equity
              .add(size.multiply(BigInteger.valueOf(row.mark())))
              .subtract(BigInteger.valueOf(s.cost()))
              .subtract(owed);
    }
    return equity;
  }
}

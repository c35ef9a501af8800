package dev.sable.devnet;

import dev.sable.batch.exit.AccountRecovery;
import dev.sable.batch.exit.ExitCircuit;
import dev.sable.batch.exit.ExitRefusedException;
import dev.sable.batch.exit.ExitStatement;
import dev.sable.batch.exit.PublishedBatch;
import dev.sable.batch.exit.RecoveredAccount;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.l1.BridgeRevertedException;
import dev.sable.l1.ClaimReceipt;
import dev.sable.l1.PublicDataLayout;
import dev.sable.l1.SettlementBridgeClient;
import dev.sable.l1.SubmitReceipt;
import dev.sable.prover.GnarkProver;
import dev.sable.prover.Proof;
import dev.sable.state.settlement.PositionSlot;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A trader's exit from a frozen bridge from L1 data alone (docs/bridge.md, "Exits"; {@code sable
 * trader exit}): every accepted batch's public data read from its calldata (its owner rows from the
 * blob it carried, for a blob batch: {@link L1BatchReader}), the account tree rebuilt from the
 * owner data, the trader's leaf decrypted with its own key, the exit valued at the bridge's stored
 * market rows, signed, proven with the exit circuit's keys, sent, and claimed.
 */
public final class EscapeExit {
  /**
   * What the exit paid: the account, its equity (the exit's amount), what the claim transferred
   * (the amount plus anything else the recipient had to claim), and the two transactions.
   */
  public record Result(
      long account,
      long amount,
      BigInteger claimed,
      String exitTransaction,
      String claimTransaction) {}

  private EscapeExit() {}

  /**
   * Exits the owner's account ({@code account}, or the one its key owns) to {@code recipient} (an
   * L1 address) on {@code bridge}, sent from the bridge handle's account, proving with {@code
   * prover} (the exit circuit's keys, which must be the bridge's exit verifier's); the owner rows
   * of blob batches come from {@code blobs}.
   */
  public static Result run(
      SettlementBridgeClient bridge,
      long chainId,
      EdDsaPrivateKey owner,
      String recipient,
      OptionalLong account,
      GnarkProver prover,
      BlobSource blobs) {
    PublicDataLayout layout = requireOpen(bridge);
    String expected = bridge.exitVerifyingKeyHash();
    if (!prover.keys().verifyingKeyHash().equalsIgnoreCase(expected)) {
      throw new ExitRefusedException(
          "the exit keys in "
              + prover.keys().keyDir()
              + " verify as "
              + prover.keys().verifyingKeyHash()
              + ", the bridge's exit verifier as "
              + expected
              + ": proofs from these keys would be refused");
    }
    RecoveredAccount recovered = recover(bridge, layout, owner, account, blobs);
    if (bridge.exited(recovered.account())) {
      throw new ExitRefusedException("account " + recovered.account() + " has already exited");
    }
    Map<Long, Fr> rows = new HashMap<>();
    for (PositionSlot s : recovered.leaf().slots()) {
      if (s.size() != 0) {
        rows.put(s.market(), Fr.of(bridge.marketRow(s.market())));
      }
    }
    Fr to = Fr.of(new BigInteger(recipient.substring(2), 16));
    Deployment deployment =
        new Deployment(chainId, Fr.of(new BigInteger(bridge.address().substring(2), 16)));
    ExitStatement exit = ExitStatement.prepare(deployment, recovered, to, rows, owner);
    Proof proof = prover.prove(ExitCircuit.witness(exit));
    SubmitReceipt sent;
    try {
      sent =
          bridge.exit(
              exit.data().stream().map(Fr::toBigInteger).toList(),
              exit.publicInputs().commitment().toBigInteger(),
              proof.solidity());
    } catch (BridgeRevertedException e) {
      if (e.reason().startsWith("AlreadyExited")) {
        throw new ExitRefusedException("account " + recovered.account() + " has already exited");
      }
      throw e;
    }
    ClaimReceipt claim = bridge.claim(recipient);
    return new Result(
        recovered.account(),
        exit.amount(),
        claim.amount(),
        sent.transactionHash(),
        claim.transactionHash());
  }

  /**
   * The owner's account ({@code account}, or the one its key owns) as the bridge's last root has
   * it, rebuilt from every accepted batch read back from L1 ({@link L1BatchReader}; {@code layout}
   * is the bridge's).
   */
  public static RecoveredAccount recover(
      SettlementBridgeClient bridge,
      PublicDataLayout layout,
      EdDsaPrivateKey owner,
      OptionalLong account,
      BlobSource blobs) {
    List<PublishedBatch> batches =
        L1BatchReader.readAll(bridge, layout, bridge.acceptedBatches(), blobs);
    return AccountRecovery.recover(batches, owner, account);
  }

  /**
   * Refuses a bridge no exit can be built on (not frozen, or its circuit publishes no owner data),
   * before anything costly; returns its layout.
   */
  public static PublicDataLayout requireOpen(SettlementBridgeClient bridge) {
    if (!bridge.frozen()) {
      throw new ExitRefusedException(
          "the bridge is not frozen: exits open once a forced withdrawal request is overdue and"
              + " someone freezes the bridge (sable trader force-withdraw, then freeze)");
    }
    PublicDataLayout layout = bridge.layout();
    if (layout.accountRows() == 0) {
      throw new ExitRefusedException(
          "the bridge's circuit publishes no owner data (0 account rows in its layout):"
              + " no account can be rebuilt from L1");
    }
    return layout;
  }
}

package dev.sable.node.pipeline;

import dev.sable.batch.SignedPrice;
import dev.sable.batch.sequencer.Evidence;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.Provenance;
import dev.sable.sequencer.command.Command;
import dev.sable.state.settlement.KeyPoint;
import java.math.BigInteger;

/**
 * What a journal entry's provenance holds for the settlement proof, as the batcher takes it
 * (docs/settlement.md, "What the node's journal gives the batch builder"): a trader's signed
 * request, L1's deposit queue record, L1's forced request record, an oracle's signed price or
 * volatility. A node-made command carries none, so an unsigned oracle record reaches the batcher
 * without a signature and stops batching there.
 */
final class JournalEvidence {
  private JournalEvidence() {}

  static Evidence of(JournalEntry entry) {
    return switch (entry.provenance()) {
      case Provenance.Signed s -> Evidence.of(s.request());
      case Provenance.L1Deposit d ->
          new Evidence.QueueRecord(
              d.queueIndex(),
              Fr.of(new BigInteger(1, d.sender())),
              new KeyPoint(Fr.fromBytes(d.keyX()), Fr.fromBytes(d.keyY())),
              Fr.fromBytes(d.blinding()));
      case Provenance.L1Request r when entry.command() instanceof Command.ForcedWithdrawal f ->
          new Evidence.RequestRecord(r.queueIndex(), r.request(f));
      case Provenance.L1Request r ->
          throw new IllegalStateException(
              "journal entry "
                  + entry.sequence()
                  + " has an L1 request beside no forced withdrawal");
      case Provenance.OracleSignature o when entry.command() instanceof Command.OraclePrice p ->
          new Evidence.PriceSignature(
              new SignedPrice(
                  new OraclePriceMessage(p.market(), p.source(), p.price(), p.publishTime()),
                  EdDsaSignature.decodeUncompressed(o.signature())));
      case Provenance.OracleSignature o when entry.command() instanceof Command.VolatilityPrice v ->
          new Evidence.PriceSignature(
              new SignedPrice(
                  new OraclePriceMessage(v.market(), v.source(), v.volPpm(), v.publishTime()),
                  EdDsaSignature.decodeUncompressed(o.signature())));
      case Provenance.OracleSignature o ->
          throw new IllegalStateException(
              "journal entry "
                  + entry.sequence()
                  + " has an oracle signature beside no price or volatility");
      case Provenance.Registration r -> Evidence.NONE; // the faucet's: only on a node without L1
      case Provenance.Node n -> Evidence.NONE;
    };
  }
}

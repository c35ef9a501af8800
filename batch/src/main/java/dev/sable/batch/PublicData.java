package dev.sable.batch;

import dev.sable.crypto.Fr;
import dev.sable.crypto.PackedWord;
import dev.sable.crypto.PackedWord.Lane;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The batch's public data d (docs/settlement.md, "Public data and its binding"): the header, the
 * deposit records with the refund bits, the withdrawal list, each market row's public state and
 * each liquidation step's element, then the forced requests served and their payments, then the
 * owner-data section ({@link OwnerSection}), then a portfolio batch's risk-array commitment ({@link
 * RiskTable#commitment}; its market elements also carry each risk row's range), padded with zeros
 * to the capacities. It holds no order, position or balance.
 */
final class PublicData {
  private PublicData() {}

  static List<Fr> of(
      Capacities caps,
      BatchHeader h,
      Fr oldRoot,
      Fr newRoot,
      List<Deposit> deposits,
      List<WithdrawalRow> withdrawals,
      List<MarketWork> markets,
      List<Fr> steps,
      long requestStart,
      List<RequestRow> requests,
      List<Fr> ownerData,
      RiskTable risk) {
    List<Fr> d = new ArrayList<>(caps.publicDataLength());
    d.addAll(
        List.of(
            Fr.ofLong(h.chainId()),
            h.contract(),
            Fr.ofLong(h.batchNumber()),
            Fr.ofLong(h.batchTime()),
            oldRoot,
            newRoot,
            Fr.ofLong(h.depositCount()),
            Fr.ofLong(h.deposits())));
    BigInteger refunds = BigInteger.ZERO;
    for (int i = 0; i < caps.deposits(); i++) {
      if (i >= deposits.size()) {
        d.addAll(Collections.nCopies(3, Fr.ZERO));
        continue;
      }
      Deposit dep = deposits.get(i);
      d.add(
          PackedWord.pack(
              Lane.unsigned(dep.account(), 0),
              Lane.unsigned(dep.amount(), 24),
              Lane.field(dep.sender(), 88)));
      d.add(dep.key().x());
      d.add(dep.key().y());
      if (dep.refund()) {
        refunds = refunds.setBit(i);
      }
    }
    d.add(Fr.of(refunds));
    for (int j = 0; j < caps.withdrawals(); j++) {
      d.add(
          j < withdrawals.size()
              ? PackedWord.pack(
                  Lane.field(withdrawals.get(j).recipient(), 0),
                  Lane.unsigned(withdrawals.get(j).amount(), 160))
              : Fr.ZERO);
    }
    for (int m = 0; m < caps.markets(); m++) {
      d.add(
          m < markets.size()
              ? marketElement(markets.get(m), risk == null ? 0 : risk.rows().get(m).rangePpm())
              : Fr.ZERO);
    }
    for (int i = 0; i < caps.steps(); i++) {
      d.add(i < steps.size() ? steps.get(i) : Fr.ZERO);
    }
    if (caps.requests() > 0) {
      addRequests(d, caps.requests(), requestStart, requests);
    }
    d.addAll(ownerData);
    if (risk != null) {
      d.add(risk.commitment(caps.markets()));
    }
    return d;
  }

  /**
   * The request section: the first queue index, the number served, each slot's record (account +
   * 2^24 nonce + 2^88 maxAmount, recipient, R.x, R.y, S; zeros when unused), then each payment.
   */
  private static void addRequests(List<Fr> d, int slots, long start, List<RequestRow> requests) {
    d.add(Fr.ofLong(start));
    d.add(Fr.ofLong(requests.size()));
    for (int j = 0; j < slots; j++) {
      if (j >= requests.size()) {
        d.addAll(Collections.nCopies(5, Fr.ZERO));
        continue;
      }
      ForcedRequest r = requests.get(j).request();
      d.add(
          PackedWord.pack(
              Lane.unsigned(r.message().accountIndex(), 0),
              Lane.unsigned(r.message().nonce(), 24),
              Lane.unsigned(r.message().amount(), 88)));
      d.addAll(List.of(r.message().recipient(), r.rx(), r.ry(), Fr.of(r.s())));
    }
    for (int j = 0; j < slots; j++) {
      d.add(j < requests.size() ? Fr.ofLong(requests.get(j).paid()) : Fr.ZERO);
    }
  }

  /**
   * market + 2^8 ticked + 2^9 markValid + 2^10 option + 2^16 (rate + 2^63) + 2^80 mark + 2^144
   * (fundingIndex + 2^63) + 2^208 volPpm + 2^232 rangePpm: what traders see of a market after the
   * batch (an option's mark and volatility are its committed ones; the range is a portfolio batch's
   * risk row's, 0 on an option row and without portfolio margin).
   */
  private static Fr marketElement(MarketWork m, long rangePpm) {
    return PackedWord.pack(
        Lane.unsigned(m.id(), 0),
        Lane.unsigned(m.ticked ? 1 : 0, 8),
        Lane.unsigned(m.valid ? 1 : 0, 9),
        Lane.unsigned(m.before.isOption() ? 1 : 0, MarketElement.OPTION_BIT),
        Lane.signed(m.rate, 16),
        Lane.unsigned(m.mark, 80),
        Lane.signed(m.fundingIndex, 144),
        Lane.unsigned(m.volPpm, MarketElement.OPTION_VOL),
        Lane.unsigned(rangePpm, MarketElement.RANGE));
  }
}

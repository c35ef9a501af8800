package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.batch.sample.SampleWorld;
import dev.sable.prover.WitnessCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batches built by Java from Java's own sample world (not from Go's vectors) satisfy the compiled
 * settlement circuit, checked through JNI without proving; a witness altered after the builder is
 * caught, and the check names the circuit's step that refuses it.
 */
class CircuitCheckTest {
  static final long BTC = BatchBuilderRulesTest.BTC;
  static final long ETH = BatchBuilderRulesTest.ETH;
  static final long ALICE = 5;
  static final long BOB = 9;
  static final long CAROL = 12;

  @RegisterExtension
  static final CompiledSettlement circuit = new CompiledSettlement(Capacities.SMALL);

  /**
   * A history using every slot type: accounts in (a deposit refunded beside one credited), prices,
   * positions in two markets, the market moves, funding ticks, a flip and a reduction, withdrawals,
   * a partly filled maker order filled again later and an amend in the same fill slot.
   */
  static List<BuiltBatch> history() {
    SampleWorld w = BatchBuilderRulesTest.funded(); // batch 1: prices, Alice and Bob funded
    List<BuiltBatch> out = new ArrayList<>();
    Deposit credited = w.deposit(CAROL, 10_000_000);
    Deposit refused =
        new Deposit(CAROL, 1_000, credited.sender(), credited.key(), credited.blinding(), true);
    SignedOrder aliceBid = w.order(ALICE, BTC, 1, 0, 50_000, 1_000);
    SignedOrder bobAsk = w.order(BOB, BTC, 1, 1, 49_990, 600);
    out.add(
        w.apply(
            new SettlementBatch(
                130,
                List.of(),
                List.of(w.price(BTC, 2, 50_050, 125)),
                List.of(refused, credited),
                List.of(
                    SampleWorld.trade(aliceBid, bobAsk, 400, 50_000),
                    SampleWorld.trade(
                        w.order(ALICE, ETH, 2, 1, 3_000, 5_000),
                        w.order(BOB, ETH, 2, 0, 3_010, 5_000),
                        3_000,
                        3_000),
                    SampleWorld.trade(aliceBid, bobAsk, 200, 50_000)),
                List.of())));
    // the rest of Alice's bid (amended to a new price in slot 1: id 1025), after a funding tick
    SignedOrder amended = w.order(ALICE, BTC, 1025, 0, 51_000, 400);
    out.add(
        w.apply(
            new SettlementBatch(
                3_800,
                List.of(new FundingTick(BTC, 150)),
                List.of(
                    w.price(BTC, 0, 51_500, 3_790),
                    w.price(BTC, 1, 51_400, 3_795),
                    w.price(ETH, 2, 2_950, 3_780)),
                List.of(),
                List.of(
                    SampleWorld.trade(
                        amended, w.order(BOB, BTC, 3, 1, 51_000, 1_000), 400, 51_000)),
                List.of(w.withdraw(ALICE, 1_000_000), w.withdraw(BOB, 2_000_000)))));
    out.add(
        w.apply(
            new SettlementBatch(
                3_810,
                List.of(),
                List.of(),
                List.of(w.deposit(ALICE, 5)),
                List.of(
                    SampleWorld.trade(
                        w.order(CAROL, BTC, 2, 0, 51_500, 1_300),
                        w.order(ALICE, BTC, 3, 1, 51_400, 1_300), // Alice, long 1,000, flips
                        1_300,
                        51_500)),
                List.of(w.withdraw(CAROL, 100)))));
    out.add(w.apply(SettlementBatch.empty(3_900)));
    return out;
  }

  @Test
  void everyBatchJavaBuildsSatisfiesTheCircuit() {
    List<BuiltBatch> history = history();
    for (BuiltBatch b : history) {
      assertThat(circuit.check(b.gnarkWitness()))
          .as("batch %d", b.number())
          .isEqualTo(new WitnessCheck(""));
    }
    BuiltBatch last = history.get(history.size() - 2);
    assertThat(last.after().depositCount()).isEqualTo(5);
    assertThat(last.accountsAfter()).extracting(a -> a.nonce()).contains(1L);
  }

  @Test
  void aWitnessAlteredAfterTheBuilderIsCaughtInTheStepThatRefusesIt() {
    SettlementWitness honest = history().get(0).witness();
    TradeRow t = honest.trades().get(0);
    List<TradeRow> trades = new ArrayList<>(honest.trades());
    trades.set(
        0,
        new TradeRow(
            t.makerRow(),
            t.takerRow(),
            t.quantity(),
            t.price(),
            t.makerFee(),
            t.takerFee() + 1,
            t.makerSlot(),
            t.takerSlot()));
    SettlementWitness greedy = ForgedWitness.of(honest).trades(trades).build();
    WitnessCheck check = circuit.check(SettlementCircuit.witness(greedy));
    assertThat(check.satisfied()).isFalse();
    assertThat(check.failure())
        .startsWith(Capacities.SMALL.circuitName() + ": constraint #")
        .contains("settlement.(*batch).trades");
  }
}

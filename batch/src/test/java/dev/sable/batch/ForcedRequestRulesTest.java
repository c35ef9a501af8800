package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.VectorReplay.Paused;
import dev.sable.crypto.Fr;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The builder's side of forced requests beyond forced.txt: what it refuses, and what an invalid
 * request it must serve does (the batches are forced.txt's batch 3 with its requests changed).
 */
class ForcedRequestRulesTest {

  private static Paused batch3() throws IOException {
    return VectorReplay.pausedAt("forced.txt", 1, 3);
  }

  private static SettlementBatch withRequests(SettlementBatch b, List<ForcedRequest> requests) {
    return ForgedBatch.of(b).requests(requests).build();
  }

  @Test
  void twoRequestsOfOneAccountInABatchAreRefused() throws IOException {
    Paused p = batch3();
    ForcedRequest carols = p.batch().requests().get(1);
    Fr root = p.state().root();
    SettlementBatch twice = withRequests(p.batch(), List.of(carols, carols));
    assertThatThrownBy(() -> new BatchBuilder(p.caps()).build(p.state(), twice))
        .isInstanceOfSatisfying(
            SettlementRuleException.class,
            e -> assertThat(e.breaks(Rule.REQUEST_ACCOUNT)).as(e.getMessage()).isTrue());
    assertThat(p.state().root()).isEqualTo(root);
  }

  @Test
  void moreRequestsThanSlotsAreRefused() throws IOException {
    Paused p = batch3();
    List<ForcedRequest> four = new ArrayList<>(p.batch().requests());
    four.add(p.batch().requests().get(0));
    assertThatThrownBy(
            () -> new BatchBuilder(p.caps()).build(p.state(), withRequests(p.batch(), four)))
        .isInstanceOf(CapacityException.class)
        .hasMessageContaining("forced withdrawal requests");
  }

  /** Carol's request with S = 0 (L1 accepts any S below l): paid 0, her account unchanged. */
  @Test
  void aRequestWithoutAValidSignatureIsPaidNothing() throws IOException {
    Paused p = batch3();
    ForcedRequest carols = p.batch().requests().get(1);
    ForcedRequest unsigned =
        new ForcedRequest(carols.message(), carols.rx(), carols.ry(), BigInteger.ZERO);
    BuiltBatch built =
        new BatchBuilder(p.caps()).build(p.state(), withRequests(p.batch(), List.of(unsigned)));
    RequestRow row = built.witness().requests().getFirst();
    assertThat(row.paid()).isZero();
    assertThat(built.accountsAfter().get(row.accountRow()))
        .isEqualTo(p.state().account(carols.message().accountIndex()).orElseThrow());
  }
}

package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicDataLayoutTest {

  /** ledger.Tiny: 8 + 3 * 2 + 1 + 1 + 1 elements (docs/settlement.md). */
  @Test
  void placesEachPartAsTheCircuitDoes() {
    PublicDataLayout tiny = new PublicDataLayout(2, 1, 1);
    assertThat(tiny.length()).isEqualTo(17);
    assertThat(tiny.refundBitsAt()).isEqualTo(14);
    assertThat(tiny.withdrawalsAt()).isEqualTo(15);
    assertThat(tiny.marketsAt()).isEqualTo(16);
    assertThat(new PublicDataLayout(3, 2, 2).length()).isEqualTo(8 + 9 + 1 + 2 + 2);
  }

  /**
   * With liquidation steps, request slots and account rows: the same offsets as
   * SettlementData.sol's (test/Layout.t.sol asserts these numbers on the contract's side).
   */
  @Test
  void placesRequestsAndOwnerDataAfterTheSteps() {
    PublicDataLayout full = new PublicDataLayout(2, 1, 1, 4, 2, 3);
    assertThat(full.stepsAt()).isEqualTo(17);
    assertThat(full.requestsAt()).isEqualTo(21);
    assertThat(full.requestPaymentsAt()).isEqualTo(21 + 2 + 2 * 5);
    assertThat(full.ownerDataAt()).isEqualTo(35);
    assertThat(full.length()).isEqualTo(35 + 6 + 3 * 13);
    assertThat(new PublicDataLayout(2, 1, 1, 0, 0, 3).ownerDataAt()).isEqualTo(17);
    // with the rows in a blob: the owner header, then the 5-element blob section
    assertThat(full.blobLength()).isEqualTo(35 + 6 + 5);
  }

  /** A -pm circuit's risk commitment: one element after the rest (test/Layout.t.sol's numbers). */
  @Test
  void placesTheRiskCommitmentLast() {
    PublicDataLayout full = new PublicDataLayout(2, 1, 1, 4, 2, 3, true);
    assertThat(full.ownerDataAt()).isEqualTo(35);
    assertThat(full.riskCommitmentAt()).isEqualTo(35 + 6 + 3 * 13);
    assertThat(full.length()).isEqualTo(35 + 6 + 3 * 13 + 1);
    assertThat(new PublicDataLayout(2, 1, 1, 0, 0, 0, true).riskCommitmentAt()).isEqualTo(17);
    assertThat(new PublicDataLayout(2, 1, 1, 0, 0, 0, true).length()).isEqualTo(18);
    assertThat(new PublicDataLayout(2, 1, 1, 4, 2, 3).length()).isEqualTo(35 + 6 + 3 * 13);
  }

  @Test
  void refusesCapacitiesNoCircuitHas() {
    assertThatThrownBy(() -> new PublicDataLayout(0, 1, 1)).hasMessageContaining("deposit slots 0");
    assertThatThrownBy(() -> new PublicDataLayout(249, 1, 1))
        .hasMessageContaining("deposit slots 249");
    assertThatThrownBy(() -> new PublicDataLayout(1, 0, 1))
        .hasMessageContaining("withdrawal slots 0");
    assertThatThrownBy(() -> new PublicDataLayout(1, 1, 1, 0, 256, 1))
        .hasMessageContaining("request slots 256");
  }

  @Test
  void aBatchCarriesAProofOfTheVerifiersLengthAndKeepsItsOwnCopy() {
    byte[] proof = new byte[SettlementBatch.PROOF_BYTES];
    SettlementBatch batch = new SettlementBatch(List.of(BigInteger.ONE), BigInteger.TWO, proof);
    proof[0] = 1;
    assertThat(batch.proof()[0]).isZero();
    batch.proof()[1] = 1;
    assertThat(batch.proof()[1]).isZero();
    assertThatThrownBy(() -> new SettlementBatch(List.of(), BigInteger.ONE, new byte[255]))
        .hasMessageContaining("not 255");
  }
}

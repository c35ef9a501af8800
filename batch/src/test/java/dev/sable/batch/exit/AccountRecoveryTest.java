package dev.sable.batch.exit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import dev.sable.crypto.Poseidon2;
import dev.sable.state.MerkleProof;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** An owner rebuilds its leaf and path from batches' public data alone, and nobody else's. */
class AccountRecoveryTest {
  private final OperatorHistory history = OperatorHistory.threeBatches();

  @Test
  void eachOwnerRecoversItsLatestLeafAndAPathToTheLastRoot() {
    List<PublishedBatch> batches = OperatorHistory.read(history.publicData());
    RecoveredAccount alice =
        AccountRecovery.recover(batches, OperatorHistory.ALICE, OptionalLong.empty());
    assertThat(alice.account()).isEqualTo(1);
    assertThat(alice.leaf()).isEqualTo(OperatorHistory.ALICE_LAST);
    assertThat(MerkleProof.fold(Poseidon2.INSTANCE, 1, alice.leaf().hash(), alice.siblings()))
        .isEqualTo(history.accountsRoot());
    assertThat(alice.stateRoot()).isEqualTo(batches.get(2).newRoot());
    assertThat(alice.state().root()).isEqualTo(alice.stateRoot());
    assertThat(alice.state().fundingPool()).isEqualTo(-3);
    assertThat(alice.state().time()).isEqualTo(3_000);

    RecoveredAccount bob =
        AccountRecovery.recover(batches, OperatorHistory.BOB, OptionalLong.empty());
    assertThat(bob.account()).isEqualTo(2);
    assertThat(bob.leaf()).isEqualTo(OperatorHistory.BOB_LAST);
  }

  @Test
  void aKeyWithoutRowsFindsNoAccount() {
    List<PublishedBatch> batches = OperatorHistory.read(history.publicData());
    assertThatThrownBy(
            () -> AccountRecovery.recover(batches, OperatorHistory.key(9), OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("account not found in L1 data");
    assertThatThrownBy(
            () -> AccountRecovery.recover(batches, OperatorHistory.ALICE, OptionalLong.of(2)))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("account 2 not found");
  }

  @Test
  void aMissingBatchIsRefused() {
    List<List<Fr>> data = history.publicData();
    data.remove(1);
    assertThatThrownBy(
            () ->
                AccountRecovery.recover(
                    OperatorHistory.read(data), OperatorHistory.ALICE, OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("batch 2 is missing");
  }

  @Test
  void aTamperedLeafHashDoesNotRebuildThePublishedRoot() {
    List<List<Fr>> data = history.publicData();
    int leafAt = OperatorHistory.OWNER_DATA_AT + OwnerDataSection.HEADER + 1;
    data.get(2).set(leafAt, Fr.ofLong(5)); // Bob's leaf in batch 3
    assertThatThrownBy(
            () ->
                AccountRecovery.recover(
                    OperatorHistory.read(data), OperatorHistory.ALICE, OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("batch 3's owner rows do not rebuild its account root");
  }

  @Test
  void aTamperedCiphertextOfTheLatestRowIsNotTakenForAnOlderLeaf() {
    List<List<Fr>> data = history.publicData();
    int cipherAt = OperatorHistory.OWNER_DATA_AT + OwnerDataSection.HEADER + 3;
    data.get(1)
        .set(
            cipherAt,
            Fr.of(
                data.get(1)
                    .get(cipherAt)
                    .toBigInteger()
                    .add(BigInteger.ONE)
                    .mod(Fr.MODULUS))); // Alice's word in batch 2
    assertThatThrownBy(
            () ->
                AccountRecovery.recover(
                    OperatorHistory.read(data), OperatorHistory.ALICE, OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("account 1's latest leaf on L1 does not decrypt");
  }

  @Test
  void aPreimageThatDoesNotHashToTheRootIsRefused() {
    List<List<Fr>> data = history.publicData();
    data.get(2).set(OperatorHistory.OWNER_DATA_AT + 2, Fr.ofLong(6)); // the fee pool
    assertThatThrownBy(
            () ->
                AccountRecovery.recover(
                    OperatorHistory.read(data), OperatorHistory.ALICE, OptionalLong.empty()))
        .isInstanceOf(ExitRefusedException.class)
        .hasMessageContaining("preimage does not hash to its root");
  }
}

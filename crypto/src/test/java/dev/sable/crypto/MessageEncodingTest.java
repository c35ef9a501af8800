package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageEncodingTest {
  private static final Fr CONTRACT = Fr.ofLong(0xabcdef);

  @Test
  void deploymentIsPartOfEveryMessage() {
    Deployment a = new Deployment(1, CONTRACT);
    Deployment otherChain = new Deployment(2, CONTRACT);
    Deployment otherContract = new Deployment(1, Fr.ofLong(0xabcdee));
    OrderMessage o = new OrderMessage(7, 1, 99, 0, 0, 1000, 5, 0, 1_800_000_000, 0);
    assertThat(o.hash(otherChain)).isNotEqualTo(o.hash(a));
    assertThat(o.hash(otherContract)).isNotEqualTo(o.hash(a));
    CancelMessage c = new CancelMessage(7, 99);
    assertThat(c.hash(otherChain)).isNotEqualTo(c.hash(a));
    WithdrawalMessage w = new WithdrawalMessage(7, 10, Fr.ONE, 0);
    assertThat(w.hash(otherContract)).isNotEqualTo(w.hash(a));
  }

  @Test
  void fieldsOutsideTheirRangesAreRejected() {
    assertThatThrownBy(() -> new OrderMessage(1 << 24, 1, 1, 0, 0, 1, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderMessage(1, 1, 1, 2, 0, 1, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderMessage(1, 1, 1, 0, 5, 1, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderMessage(1, 1, 1, 0, 0, 0, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderMessage(1, 1, 1, 0, 0, 1, (1L << 62) + 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CancelMessage(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WithdrawalMessage(1, 0, Fr.ONE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kindsWithTheSameFieldsHashApart() {
    // The same elements under another kind's tag hash apart.
    Deployment d = new Deployment(1, CONTRACT);
    Fr cancel = new CancelMessage(7, 99).hash(d);
    Fr sameFieldsUnderOrderTag =
        Poseidon2.INSTANCE.hash(
            DomainTag.ORDER, Fr.ofLong(1), CONTRACT, Fr.ofLong(7), Fr.ofLong(99));
    assertThat(cancel).isNotEqualTo(sameFieldsUnderOrderTag);
  }

  @Test
  void loginMessagesHaveTheirOwnTag() {
    Deployment d = new Deployment(1, CONTRACT);
    AuthMessage login = new AuthMessage(7, Fr.ofLong(99));
    assertThat(login.hash(d)).isNotEqualTo(new CancelMessage(7, 99).hash(d));
    assertThat(login.hash(new Deployment(2, CONTRACT))).isNotEqualTo(login.hash(d));
  }
}

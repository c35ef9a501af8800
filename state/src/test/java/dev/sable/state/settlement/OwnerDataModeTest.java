package dev.sable.state.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A portfolio-margined account's owner-data row: its word carries mode 1 (2^128), which the owner's
 * decoder keeps (Go ownerdata.Account likewise), and a word beyond the mode bit is still no
 * account's.
 */
class OwnerDataModeTest {
  static final KeyPoint KEY = new KeyPoint(Fr.ofLong(3), Fr.ofLong(4));

  @Test
  void aPortfolioAccountsPlaintextRebuildsItsLeafWithItsMode() {
    AccountLeafV2 leaf =
        AccountLeafV2.opened(KEY, Fr.ofLong(77))
            .with(
                1_000, 2, SettlementLayout.EMPTY_FILLS_ROOT, AccountLeafV2.insuranceFund().slots())
            .withMode(AccountLeafV2.MODE_PORTFOLIO);
    AccountLeafV2 back = OwnerData.leaf(KEY, OwnerData.plaintext(leaf));
    assertThat(back.mode()).isEqualTo(AccountLeafV2.MODE_PORTFOLIO);
    assertThat(back.hash()).isEqualTo(leaf.hash());
  }

  @Test
  void aWordBeyondTheModeBitIsRefused() {
    List<Fr> plain = new ArrayList<>(OwnerData.plaintext(AccountLeafV2.opened(KEY, Fr.ONE)));
    plain.set(1, Fr.of(plain.get(1).toBigInteger().setBit(129)));
    assertThatThrownBy(() -> OwnerData.leaf(KEY, plain))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an account word");
  }
}

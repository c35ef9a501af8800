package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

class BridgeErrorsTest {

  @Test
  void decodesTheBridgesCustomErrors() {
    String wrongRoot =
        Hash.sha3String("WrongOldRoot(uint256,uint256)").substring(0, 10)
            + FunctionEncoder.encodeConstructor(java.util.List.of(new Uint256(5), new Uint256(7)));
    assertThat(BridgeErrors.describe(wrongRoot))
        .isEqualTo("WrongOldRoot(0x" + "0".repeat(63) + "5, 0x" + "0".repeat(63) + "7)");
    assertThat(BridgeErrors.describe(Hash.sha3String("InvalidProof()").substring(0, 10)))
        .isEqualTo("InvalidProof()");
  }

  /** Every error in the packaged ABIs decodes: the settlement bridge's and the token's. */
  @Test
  void decodesTheSettlementBridgesAndTheTokensErrors() {
    String mismatch =
        Hash.sha3String("DepositRecordsMismatch(uint256,uint256)").substring(0, 10)
            + FunctionEncoder.encodeConstructor(java.util.List.of(new Uint256(2), new Uint256(1)));
    assertThat(BridgeErrors.describe(mismatch)).startsWith("DepositRecordsMismatch(0x");
    String allowance =
        Hash.sha3String("ERC20InsufficientAllowance(address,uint256,uint256)").substring(0, 10);
    assertThat(BridgeErrors.describe(allowance)).isEqualTo("ERC20InsufficientAllowance()");
  }

  @Test
  void reportsUnknownAndEmptyReverts() {
    assertThat(BridgeErrors.describe("0xdeadbeef")).isEqualTo("unknown revert 0xdeadbeef");
    assertThat(BridgeErrors.describe(null)).isEqualTo("reverted without data");
  }
}

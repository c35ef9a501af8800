package dev.sable.l1;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;

/**
 * The bridge's governance: OpenZeppelin's TimelockController. Every change to the bridge's rules
 * goes through it and waits at least its delay (docs/trust.md).
 */
public final class Governance {
  /** The shortest delay the bridge accepts (BridgeRoles.MIN_UPGRADE_DELAY). */
  public static final Duration MIN_UPGRADE_DELAY = Duration.ofDays(7);

  private Governance() {}

  /**
   * Deploys a self-administered timelock (no admin can skip its delay) in which {@code member}
   * proposes and executes; returns its address.
   */
  public static String deployTimelock(
      Web3j web3j, Credentials deployer, long chainId, Duration minDelay, String member) {
    List<Address> members = List.of(new Address(member));
    String args =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Uint256(BigInteger.valueOf(minDelay.toSeconds())),
                new DynamicArray<>(Address.class, members),
                new DynamicArray<>(Address.class, members),
                Address.DEFAULT));
    return Transactions.deploy(
        web3j,
        new RawTransactionManager(web3j, deployer, chainId),
        Artifacts.creationCode("TimelockController") + args);
  }
}

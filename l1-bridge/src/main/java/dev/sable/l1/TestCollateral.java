package dev.sable.l1;

import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;

/**
 * The development chains' collateral (TestCollateral.sol: an OpenZeppelin ERC-20 with 6 decimals
 * that anyone can mint). Never deploy it where tokens must be worth anything.
 */
public final class TestCollateral extends CollateralToken {
  private static final BigInteger MINT_GAS_LIMIT = BigInteger.valueOf(100_000);

  private TestCollateral(ContractCalls token) {
    super(token);
  }

  /** Deploys a new test token from {@code deployer}, who then holds this handle. */
  public static TestCollateral deploy(Web3j web3j, Credentials deployer, long chainId) {
    RawTransactionManager tx = new RawTransactionManager(web3j, deployer, chainId);
    String address = Transactions.deploy(web3j, tx, Artifacts.creationCode("TestCollateral"));
    return new TestCollateral(new ContractCalls(web3j, tx, address));
  }

  /** The test token at {@code address}, used by {@code holder}. */
  public static TestCollateral attach(
      Web3j web3j, Credentials holder, long chainId, String address) {
    return new TestCollateral(
        new ContractCalls(web3j, new RawTransactionManager(web3j, holder, chainId), address));
  }

  /** Mints {@code amount} base units to {@code to}. */
  public void mint(String to, BigInteger amount) {
    calls()
        .send(
            new Function("mint", List.of(new Address(to), new Uint256(amount)), List.of()),
            MINT_GAS_LIMIT,
            (reason, tx) -> new BridgeRevertedException("mint refused", reason, tx));
  }
}

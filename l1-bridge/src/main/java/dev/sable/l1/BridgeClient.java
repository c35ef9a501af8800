package dev.sable.l1;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;

/**
 * The operator's handle on a deployed SableBridge, the state-update bridge the demo posts to until
 * the pipeline posts settlement batches ({@link SettlementBridgeClient}): submits batches and reads
 * the root.
 */
public final class BridgeClient implements RollupBridge {
  /** Enough for a Groth16 check (~200k) plus storage writes, with margin. */
  public static final BigInteger SUBMIT_GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private final ContractCalls bridge;

  private BridgeClient(ContractCalls bridge) {
    this.bridge = bridge;
  }

  /**
   * Deploys the verifier (its creation code, compiled for the keys in use) and a bridge operated by
   * the given account.
   */
  public static BridgeClient deploy(
      Web3j web3j, Credentials operator, long chainId, BridgeDeployment deployment) {
    RawTransactionManager tx = new RawTransactionManager(web3j, operator, chainId);
    String verifier = Transactions.deploy(web3j, tx, deployment.verifierCreationCode());
    String constructorArgs =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Address(verifier),
                new Address(operator.getAddress()),
                new Address(deployment.governance()),
                new Address(deployment.guardian()),
                new Uint256(deployment.genesisRoot()),
                new Uint64(deployment.verifyGas())));
    String bridge =
        Transactions.deploy(web3j, tx, Artifacts.creationCode("SableBridge") + constructorArgs);
    return new BridgeClient(new ContractCalls(web3j, tx, bridge));
  }

  /** Attaches to an already deployed bridge. */
  public static BridgeClient attach(
      Web3j web3j, Credentials operator, long chainId, String bridgeAddress) {
    return new BridgeClient(
        new ContractCalls(
            web3j, new RawTransactionManager(web3j, operator, chainId), bridgeAddress));
  }

  @Override
  public String address() {
    return bridge.address();
  }

  /** {@inheritDoc} A rejection carries the contract's custom error, decoded. */
  @Override
  public SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
    Function submit =
        new Function(
            "submitBatch",
            List.of(new Uint256(oldRoot), new Uint256(newRoot), new DynamicBytes(proof)),
            List.of());
    TransactionReceipt receipt = bridge.send(submit, SUBMIT_GAS_LIMIT, BatchRejectedException::new);
    return SubmitReceipt.of(receipt);
  }

  @Override
  public BigInteger stateRoot() {
    return (BigInteger) bridge.read("stateRoot", new TypeReference<Uint256>() {});
  }

  @Override
  public BigInteger batchCount() {
    return (BigInteger) bridge.read("batchCount", new TypeReference<Uint256>() {});
  }

  @Override
  public String verifyingKeyHash() {
    byte[] hash = (byte[]) bridge.read("verifyingKeyHash", new TypeReference<Bytes32>() {});
    return "0x" + HexFormat.of().formatHex(hash);
  }
}

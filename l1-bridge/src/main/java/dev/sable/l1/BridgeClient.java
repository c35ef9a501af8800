package dev.sable.l1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;

/**
 * The operator's handle on a deployed SableBridge: submits batches and reads the root. Every
 * transaction carries an explicit gas limit: estimation is skipped on purpose, since a reverting
 * submission must still reach the chain and be rejected there, visibly.
 */
public final class BridgeClient implements RollupBridge {
  /** Enough for a Groth16 check (~200k) plus storage writes, with margin. */
  public static final BigInteger SUBMIT_GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private final Web3j web3j;
  private final RawTransactionManager txManager;
  private final String address;

  private BridgeClient(Web3j web3j, RawTransactionManager txManager, String address) {
    this.web3j = web3j;
    this.txManager = txManager;
    this.address = address;
  }

  /**
   * Deploys the verifier (its creation code, compiled for the keys in use) and a bridge operated by
   * the given account.
   */
  public static BridgeClient deploy(
      Web3j web3j, Credentials operator, long chainId, BridgeDeployment deployment) {
    RawTransactionManager tx = transactionManager(web3j, operator, chainId);
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
        Transactions.deploy(web3j, tx, Transactions.creationCode("SableBridge") + constructorArgs);
    return new BridgeClient(web3j, tx, bridge);
  }

  /** Attaches to an already deployed bridge. */
  public static BridgeClient attach(
      Web3j web3j, Credentials operator, long chainId, String bridgeAddress) {
    return new BridgeClient(web3j, transactionManager(web3j, operator, chainId), bridgeAddress);
  }

  private static RawTransactionManager transactionManager(
      Web3j web3j, Credentials operator, long chainId) {
    return new RawTransactionManager(web3j, operator, chainId);
  }

  @Override
  public String address() {
    return address;
  }

  /** {@inheritDoc} A rejection carries the contract's custom error, decoded. */
  @Override
  public SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
    Function submit =
        new Function(
            "submitBatch",
            List.of(new Uint256(oldRoot), new Uint256(newRoot), new DynamicBytes(proof)),
            List.of());
    String data = FunctionEncoder.encode(submit);
    TransactionReceipt receipt =
        Transactions.send(web3j, txManager, address, data, SUBMIT_GAS_LIMIT);
    if (!receipt.isStatusOK()) {
      throw new BatchRejectedException(
          BridgeErrors.describe(revertData(data, receipt.getBlockNumber())),
          receipt.getTransactionHash());
    }
    return new SubmitReceipt(
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact());
  }

  @Override
  public BigInteger stateRoot() {
    return (BigInteger) read("stateRoot", new TypeReference<Uint256>() {});
  }

  @Override
  public BigInteger batchCount() {
    return (BigInteger) read("batchCount", new TypeReference<Uint256>() {});
  }

  @Override
  public String verifyingKeyHash() {
    byte[] hash = (byte[]) read("verifyingKeyHash", new TypeReference<Bytes32>() {});
    return "0x" + HexFormat.of().formatHex(hash);
  }

  private <T extends Type<?>> Object read(String getter, TypeReference<T> output) {
    Function f = new Function(getter, List.of(), List.of(output));
    EthCall result = call(FunctionEncoder.encode(f), DefaultBlockParameter.valueOf("latest"));
    if (result.isReverted() || result.hasError()) {
      throw new IllegalStateException(getter + "() failed: " + result.getRevertReason());
    }
    @SuppressWarnings("rawtypes")
    List<Type> values = FunctionReturnDecoder.decode(result.getValue(), f.getOutputParameters());
    return values.get(0).getValue();
  }

  /** Re-executes a reverted transaction at its block to read the revert data. */
  private String revertData(String data, BigInteger block) {
    EthCall replay = call(data, DefaultBlockParameter.valueOf(block.subtract(BigInteger.ONE)));
    return replay.hasError() && replay.getError().getData() != null
        ? replay.getError().getData().replace("\"", "")
        : null;
  }

  private EthCall call(String data, DefaultBlockParameter block) {
    try {
      return web3j
          .ethCall(
              Transaction.createEthCallTransaction(txManager.getFromAddress(), address, data),
              block)
          .send();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_call to the bridge", e);
    }
  }
}

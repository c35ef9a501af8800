package dev.sable.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The operator's handle on a deployed SableBridge: submits batches and reads the root. Every
 * transaction carries an explicit gas limit: estimation is skipped on purpose, since a reverting
 * submission must still reach the chain and be rejected there, visibly.
 */
public final class BridgeClient implements RollupBridge {
  /** Enough for a Groth16 check (~200k) plus storage writes, with margin. */
  public static final BigInteger SUBMIT_GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private static final BigInteger DEPLOY_GAS_LIMIT = BigInteger.valueOf(5_000_000);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Web3j web3j;
  private final RawTransactionManager txManager;
  private final String address;

  private BridgeClient(Web3j web3j, RawTransactionManager txManager, String address) {
    this.web3j = web3j;
    this.txManager = txManager;
    this.address = address;
  }

  /**
   * Deploys the verifier (its creation code, compiled for the keys in use) and a bridge that starts
   * at genesisRoot, operated by the given account.
   */
  public static BridgeClient deploy(
      Web3j web3j,
      Credentials operator,
      long chainId,
      String verifierCreationCode,
      BigInteger genesisRoot) {
    RawTransactionManager tx = transactionManager(web3j, operator, chainId);
    String verifier = deployContract(web3j, tx, verifierCreationCode);
    String constructorArgs =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Address(verifier),
                new Address(operator.getAddress()),
                new Uint256(genesisRoot)));
    String bridge = deployContract(web3j, tx, bridgeCreationCode() + constructorArgs);
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
    TransactionReceipt receipt = send(web3j, txManager, address, data, SUBMIT_GAS_LIMIT);
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
    return callUint("stateRoot");
  }

  @Override
  public BigInteger batchCount() {
    return callUint("batchCount");
  }

  private BigInteger callUint(String getter) {
    Function f = new Function(getter, List.of(), List.of(new TypeReference<Uint256>() {}));
    EthCall result = call(FunctionEncoder.encode(f), DefaultBlockParameter.valueOf("latest"));
    if (result.isReverted() || result.hasError()) {
      throw new IllegalStateException(getter + "() failed: " + result.getRevertReason());
    }
    @SuppressWarnings("rawtypes")
    List<Type> values = FunctionReturnDecoder.decode(result.getValue(), f.getOutputParameters());
    return (BigInteger) values.get(0).getValue();
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

  private static String deployContract(Web3j web3j, RawTransactionManager tx, String code) {
    TransactionReceipt receipt = send(web3j, tx, null, code, DEPLOY_GAS_LIMIT);
    if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
      throw new IllegalStateException("contract deployment failed: " + receipt);
    }
    return receipt.getContractAddress();
  }

  private static TransactionReceipt send(
      Web3j web3j, RawTransactionManager tx, String to, String data, BigInteger gasLimit) {
    try {
      BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
      EthSendTransaction sent =
          tx.sendTransaction(gasPrice, gasLimit, to, data, BigInteger.ZERO, to == null);
      if (sent.hasError()) {
        throw new IllegalStateException(
            "L1 refused the transaction: " + sent.getError().getMessage());
      }
      return new PollingTransactionReceiptProcessor(web3j, 100, 600)
          .waitForTransactionReceipt(sent.getTransactionHash());
    } catch (IOException e) {
      throw new UncheckedIOException("sending a transaction to L1", e);
    } catch (TransactionException e) {
      throw new IllegalStateException("no receipt for an L1 transaction", e);
    }
  }

  /** SableBridge creation code from forge's build output, packaged by the l1-bridge module. */
  private static String bridgeCreationCode() {
    try (InputStream in = BridgeClient.class.getResourceAsStream("/contracts/SableBridge.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "SableBridge.json is not on the class path: run forge build");
      }
      JsonNode artifact = JSON.readTree(in);
      return artifact.path("bytecode").path("object").asText();
    } catch (IOException e) {
      throw new UncheckedIOException("reading SableBridge.json", e);
    }
  }
}

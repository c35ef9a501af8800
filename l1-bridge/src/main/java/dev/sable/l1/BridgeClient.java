package dev.sable.l1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The operator's handle on a deployed SableBridge: submits batches and reads the root. Every
 * transaction carries an explicit gas limit: estimation is skipped on purpose, since a reverting
 * submission must still reach the chain and be rejected there, visibly.
 */
public final class BridgeClient implements RollupBridge {
  /** Enough for a Groth16 check (~200k) plus storage writes, with margin. */
  public static final BigInteger SUBMIT_GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private static final Event BATCH_SUBMITTED =
      new Event(
          "BatchSubmitted",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {}));

  private final Web3j web3j;
  private final RawTransactionManager txManager;
  private final Credentials operator;
  private final long chainId;
  private final String address;

  private BridgeClient(Web3j web3j, Credentials operator, long chainId, String address) {
    this.web3j = web3j;
    this.txManager = transactionManager(web3j, operator, chainId);
    this.operator = operator;
    this.chainId = chainId;
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
    return new BridgeClient(web3j, operator, chainId, bridge);
  }

  /** Attaches to an already deployed bridge. */
  public static BridgeClient attach(
      Web3j web3j, Credentials operator, long chainId, String bridgeAddress) {
    return new BridgeClient(web3j, operator, chainId, bridgeAddress);
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
    String data = submitData(oldRoot, newRoot, proof);
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
  public String sendSubmit(
      BigInteger oldRoot, BigInteger newRoot, byte[] proof, BigInteger nonce, BigInteger gasPrice) {
    RawTransaction raw =
        RawTransaction.createTransaction(
            nonce,
            gasPrice,
            SUBMIT_GAS_LIMIT,
            address,
            BigInteger.ZERO,
            submitData(oldRoot, newRoot, proof));
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, operator));
    try {
      EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
      if (sent.hasError()) {
        throw new IllegalStateException(
            "L1 refused the transaction: " + sent.getError().getMessage());
      }
      return sent.getTransactionHash();
    } catch (IOException e) {
      throw new UncheckedIOException("sending a transaction to L1", e);
    }
  }

  @Override
  public Optional<SubmitReceipt> receipt(
      String transactionHash, BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
    Optional<TransactionReceipt> r;
    try {
      r = web3j.ethGetTransactionReceipt(transactionHash).send().getTransactionReceipt();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a receipt from L1", e);
    }
    if (r.isEmpty()) {
      return Optional.empty();
    }
    TransactionReceipt receipt = r.get();
    if (!receipt.isStatusOK()) {
      throw new BatchRejectedException(
          BridgeErrors.describe(
              revertData(submitData(oldRoot, newRoot, proof), receipt.getBlockNumber())),
          receipt.getTransactionHash());
    }
    return Optional.of(
        new SubmitReceipt(
            receipt.getTransactionHash(),
            receipt.getBlockNumber().longValueExact(),
            receipt.getGasUsed().longValueExact()));
  }

  @Override
  public BigInteger nonce(boolean pending) {
    try {
      return web3j
          .ethGetTransactionCount(
              operator.getAddress(),
              pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST)
          .send()
          .getTransactionCount();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the operator's nonce", e);
    }
  }

  @Override
  public BigInteger gasPrice() {
    try {
      return web3j.ethGasPrice().send().getGasPrice();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the gas price", e);
    }
  }

  @Override
  public List<BatchEvent> batchEvents() {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, address);
    filter.addSingleTopic(EventEncoder.encode(BATCH_SUBMITTED));
    List<BatchEvent> out = new ArrayList<>();
    try {
      for (EthLog.LogResult<?> result : web3j.ethGetLogs(filter).send().getLogs()) {
        Log log = (Log) result.get();
        @SuppressWarnings("rawtypes")
        List<Type> data =
            FunctionReturnDecoder.decode(log.getData(), BATCH_SUBMITTED.getNonIndexedParameters());
        out.add(
            new BatchEvent(
                Numeric.toBigInt(log.getTopics().get(1)).longValueExact(),
                (BigInteger) data.get(0).getValue(),
                (BigInteger) data.get(1).getValue(),
                log.getTransactionHash(),
                log.getBlockNumber().longValueExact()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the bridge's batch events", e);
    }
    return out;
  }

  private static String submitData(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
    return FunctionEncoder.encode(
        new Function(
            "submitBatch",
            List.of(new Uint256(oldRoot), new Uint256(newRoot), new DynamicBytes(proof)),
            List.of()));
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

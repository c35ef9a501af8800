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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * The operator's handle on a deployed SableBridge, the state-update bridge the node posts to until
 * the pipeline posts settlement batches ({@link SettlementBridgeClient}): submits batches and reads
 * the root. Every transaction carries an explicit gas limit: estimation is skipped on purpose,
 * since a reverting submission must still reach the chain and be rejected there, visibly.
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
  private final Credentials operator;
  private final long chainId;
  private final ContractCalls bridge;

  private BridgeClient(Web3j web3j, Credentials operator, long chainId, String address) {
    this.web3j = web3j;
    this.operator = operator;
    this.chainId = chainId;
    this.bridge =
        new ContractCalls(web3j, new RawTransactionManager(web3j, operator, chainId), address);
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
    return new BridgeClient(web3j, operator, chainId, bridge);
  }

  /** Attaches to an already deployed bridge. */
  public static BridgeClient attach(
      Web3j web3j, Credentials operator, long chainId, String bridgeAddress) {
    return new BridgeClient(web3j, operator, chainId, bridgeAddress);
  }

  @Override
  public String address() {
    return bridge.address();
  }

  /** {@inheritDoc} A rejection carries the contract's custom error, decoded. */
  @Override
  public SubmitReceipt submitBatch(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
    TransactionReceipt receipt =
        bridge.send(
            submitCall(oldRoot, newRoot, proof), SUBMIT_GAS_LIMIT, BatchRejectedException::new);
    return SubmitReceipt.of(receipt);
  }

  @Override
  public String sendSubmit(
      BigInteger oldRoot, BigInteger newRoot, byte[] proof, BigInteger nonce, BigInteger gasPrice) {
    RawTransaction raw =
        RawTransaction.createTransaction(
            nonce,
            gasPrice,
            SUBMIT_GAS_LIMIT,
            address(),
            BigInteger.ZERO,
            FunctionEncoder.encode(submitCall(oldRoot, newRoot, proof)));
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
          bridge.revertReason(
              FunctionEncoder.encode(submitCall(oldRoot, newRoot, proof)),
              receipt.getBlockNumber()),
          receipt.getTransactionHash());
    }
    return Optional.of(SubmitReceipt.of(receipt));
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
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, address());
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

  private static Function submitCall(BigInteger oldRoot, BigInteger newRoot, byte[] proof) {
    return new Function(
        "submitBatch",
        List.of(new Uint256(oldRoot), new Uint256(newRoot), new DynamicBytes(proof)),
        List.of());
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

package dev.sable.l1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthGasPrice;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * One sender's calls to one contract: reads through eth_call, transactions with explicit gas limits
 * (no estimation: a reverting transaction must still reach the chain and be rejected there,
 * visibly), and the decoded custom error of a reverted one.
 */
final class ContractCalls {
  private final Web3j web3j;
  private final RawTransactionManager tx;
  private final String address;

  ContractCalls(Web3j web3j, RawTransactionManager tx, String address) {
    this.web3j = web3j;
    this.tx = tx;
    this.address = address;
  }

  String address() {
    return address;
  }

  /** The sending account. */
  String sender() {
    return tx.getFromAddress();
  }

  /** The same sender's calls to another contract. */
  ContractCalls at(String other) {
    return new ContractCalls(web3j, tx, other);
  }

  /** The single value a view function returns. */
  <T extends Type<?>> Object read(String function, TypeReference<T> output, Type<?>... args) {
    return read(new Function(function, List.of(args), List.of(output))).get(0).getValue();
  }

  /** The values a view function returns, decoded by its output parameters. */
  @SuppressWarnings("rawtypes")
  List<Type> read(Function f) {
    EthCall result =
        call(
            Transaction.createEthCallTransaction(sender(), address, FunctionEncoder.encode(f)),
            DefaultBlockParameter.valueOf("latest"));
    if (result.isReverted() || result.hasError()) {
      throw new IllegalStateException(f.getName() + "() failed: " + result.getRevertReason());
    }
    return FunctionReturnDecoder.decode(result.getValue(), f.getOutputParameters());
  }

  /**
   * Sends a transaction calling {@code f} and returns its receipt if it succeeded; throws the
   * exception {@code rejected} makes of the decoded revert reason and the transaction hash if it
   * was mined and reverted.
   */
  TransactionReceipt send(Function f, BigInteger gasLimit, Rejection rejected) {
    String data = FunctionEncoder.encode(f);
    TransactionReceipt receipt = Transactions.send(web3j, tx, address, data, gasLimit);
    if (!receipt.isStatusOK()) {
      throw rejected.of(revertReason(data, receipt.getBlockNumber()), receipt.getTransactionHash());
    }
    return receipt;
  }

  /**
   * Signs and sends a transaction calling {@code f} with this nonce and gas price, and returns its
   * hash at once: the caller tracks it, and may replace it (same nonce, higher price).
   */
  String sendWithNonce(Function f, BigInteger gasLimit, BigInteger nonce, BigInteger gasPrice) {
    RawTransaction raw =
        RawTransaction.createTransaction(
            nonce, gasPrice, gasLimit, address, BigInteger.ZERO, FunctionEncoder.encode(f));
    try {
      EthSendTransaction sent = tx.signAndSend(raw);
      if (sent.hasError()) {
        throw new IllegalStateException(
            "L1 refused the transaction: " + sent.getError().getMessage());
      }
      return sent.getTransactionHash();
    } catch (IOException e) {
      throw new UncheckedIOException("sending a transaction to L1", e);
    }
  }

  /**
   * What calling {@code f} with this gas would do now, as an eth_call on the pending block: empty
   * if it would succeed, else the decoded revert reason.
   */
  Optional<String> simulate(Function f, BigInteger gasLimit) {
    return simulate(
        Transaction.createFunctionCallTransaction(
            sender(), null, null, gasLimit, address, BigInteger.ZERO, FunctionEncoder.encode(f)));
  }

  /** {@link #simulate(Function, BigInteger)} for a call that carries blobs. */
  Optional<String> simulateWithBlobs(Function f, BigInteger gasLimit, List<byte[]> hashes) {
    return simulate(new BlobCall(sender(), gasLimit, address, FunctionEncoder.encode(f), hashes));
  }

  private Optional<String> simulate(Transaction call) {
    EthCall result;
    try {
      result = web3j.ethCall(call, DefaultBlockParameterName.PENDING).send();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_call to " + address, e);
    }
    if (!result.isReverted() && !result.hasError()) {
      return Optional.empty();
    }
    String data = result.hasError() ? result.getError().getData() : result.getRevertReason();
    return Optional.of(BridgeErrors.describe(data == null ? null : data.replace("\"", "")));
  }

  /** A transaction's receipt, empty while it is not mined. */
  Optional<TransactionReceipt> receipt(String transactionHash) {
    try {
      return web3j.ethGetTransactionReceipt(transactionHash).send().getTransactionReceipt();
    } catch (IOException e) {
      throw new UncheckedIOException("reading a receipt from L1", e);
    }
  }

  /** The sender's next nonce, counting its pending transactions or only mined ones. */
  BigInteger nonce(boolean pending) {
    try {
      return web3j
          .ethGetTransactionCount(
              sender(),
              pending ? DefaultBlockParameterName.PENDING : DefaultBlockParameterName.LATEST)
          .send()
          .getTransactionCount();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the sender's nonce", e);
    }
  }

  BigInteger gasPrice() {
    try {
      return web3j.ethGasPrice().send().getGasPrice();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the gas price", e);
    }
  }

  /**
   * L1's blob base fee for the next block ({@code eth_blobBaseFee}: web3j has no call for it, and
   * its {@code ethGetBaseFeePerBlobGas} computes it with Cancun's update fraction, not the
   * chain's).
   */
  BigInteger blobBaseFee() {
    Request<?, EthGasPrice> request = web3j.ethGasPrice(); // a quantity answer, as eth_gasPrice's
    request.setMethod("eth_blobBaseFee");
    try {
      EthGasPrice answer = request.send();
      if (answer.hasError()) {
        throw new IllegalStateException(
            "L1 does not give its blob base fee (eth_blobBaseFee): "
                + answer.getError().getMessage());
      }
      return answer.getGasPrice();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the blob base fee", e);
    }
  }

  /**
   * Why a transaction with calldata {@code data}, mined and reverted in {@code block}, reverted:
   * the custom error decoded ({@link BridgeErrors}), from a replay at the block's parent.
   */
  String revertReason(String data, BigInteger block) {
    return BridgeErrors.describe(
        revertData(Transaction.createEthCallTransaction(sender(), address, data), block));
  }

  /** {@link #revertReason(String, BigInteger)} of a transaction that carried blobs. */
  String revertReason(String data, BigInteger block, List<byte[]> hashes) {
    return BridgeErrors.describe(
        revertData(new BlobCall(sender(), null, address, data, hashes), block));
  }

  /**
   * Signs and sends a type-3 transaction calling {@code f} and carrying {@code blobs}, with this
   * nonce, {@code fees.gasPrice()} as its priority fee and fee cap per gas and {@code
   * fees.blobGasPrice()} as its fee cap per blob gas ({@link BlobTransaction}), and returns its
   * hash at once.
   */
  String sendWithBlob(
      Function f,
      BigInteger gasLimit,
      BigInteger nonce,
      FeeCaps fees,
      List<BatchBlob> blobs,
      Credentials signer,
      long chainId) {
    BlobTransaction signed =
        BlobTransaction.sign(
            signer,
            chainId,
            nonce,
            fees.gasPrice(),
            fees.gasPrice(),
            fees.blobGasPrice(),
            gasLimit,
            address,
            FunctionEncoder.encode(f),
            blobs);
    try {
      EthSendTransaction sent =
          web3j.ethSendRawTransaction(Numeric.toHexString(signed.raw())).send();
      if (sent.hasError()) {
        throw new IllegalStateException(
            "L1 refused the blob transaction: " + sent.getError().getMessage());
      }
      if (!signed.hash().equalsIgnoreCase(sent.getTransactionHash())) {
        throw new IllegalStateException(
            "L1 named the blob transaction "
                + sent.getTransactionHash()
                + ", not its hash "
                + signed.hash());
      }
      return signed.hash();
    } catch (IOException e) {
      throw new UncheckedIOException("sending a blob transaction to L1", e);
    }
  }

  /** Makes the exception for a reverted transaction. */
  @FunctionalInterface
  interface Rejection {
    BridgeRevertedException of(String reason, String transactionHash);
  }

  /** Re-executes a reverted transaction at its block's parent to read the revert data. */
  private String revertData(Transaction call, BigInteger block) {
    EthCall replay = call(call, DefaultBlockParameter.valueOf(block.subtract(BigInteger.ONE)));
    return replay.hasError() && replay.getError().getData() != null
        ? replay.getError().getData().replace("\"", "")
        : null;
  }

  private EthCall call(Transaction call, DefaultBlockParameter block) {
    try {
      return web3j.ethCall(call, block).send();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_call to " + address, e);
    }
  }
}

package dev.sable.l1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** Sends transactions with explicit gas limits and deploys contracts. */
final class Transactions {
  private static final BigInteger DEPLOY_GAS_LIMIT = BigInteger.valueOf(5_000_000);

  private Transactions() {}

  /** Deploys creation code (with encoded constructor arguments appended); returns the address. */
  static String deploy(Web3j web3j, RawTransactionManager tx, String code) {
    TransactionReceipt receipt = send(web3j, tx, null, code, DEPLOY_GAS_LIMIT);
    if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
      throw new IllegalStateException("contract deployment failed: " + receipt);
    }
    return receipt.getContractAddress();
  }

  static TransactionReceipt send(
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
}

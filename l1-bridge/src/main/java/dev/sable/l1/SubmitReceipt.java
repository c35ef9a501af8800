package dev.sable.l1;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** A batch the bridge accepted: the transaction, its block and the gas it used. */
public record SubmitReceipt(String transactionHash, long blockNumber, long gasUsed) {
  static SubmitReceipt of(TransactionReceipt receipt) {
    return new SubmitReceipt(
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact());
  }
}

package dev.sable.l1;

import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A batch the bridge accepted: the transaction, its block, the gas it used and the blob gas (0 for
 * a transaction without a blob; a blob is 131,072 blob gas, priced in its own fee market).
 */
public record SubmitReceipt(
    String transactionHash, long blockNumber, long gasUsed, long blobGasUsed) {
  static SubmitReceipt of(TransactionReceipt receipt) {
    String blobGas = receipt.getBlobGasUsed();
    return new SubmitReceipt(
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact(),
        blobGas == null ? 0 : Numeric.decodeQuantity(blobGas).longValueExact());
  }
}

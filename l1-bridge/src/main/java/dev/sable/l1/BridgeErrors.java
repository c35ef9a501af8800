package dev.sable.l1;

import java.util.Map;
import org.web3j.crypto.Hash;

/** Decodes the bridge's custom errors from revert data. */
final class BridgeErrors {
  private static final Map<String, String> BY_SELECTOR =
      Map.of(
          selector("NotOperator(address)"), "NotOperator",
          selector("WrongOldRoot(uint256,uint256)"), "WrongOldRoot",
          selector("InvalidProof()"), "InvalidProof",
          selector("BatchesPaused()"), "BatchesPaused",
          selector("InsufficientGas(uint256,uint256)"), "InsufficientGas");

  private BridgeErrors() {}

  private static String selector(String signature) {
    return Hash.sha3String(signature).substring(0, 10);
  }

  /** The error name followed by its raw 32-byte arguments, or the raw data if unknown. */
  static String describe(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      return "reverted without data";
    }
    String name = BY_SELECTOR.get(revertData.substring(0, 10));
    if (name == null) {
      return "unknown revert " + revertData;
    }
    StringBuilder args = new StringBuilder();
    for (int i = 10; i + 64 <= revertData.length(); i += 64) {
      args.append(args.isEmpty() ? "" : ", ").append("0x").append(revertData, i, i + 64);
    }
    return name + "(" + args + ")";
  }
}

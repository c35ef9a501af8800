package dev.sable.l1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/**
 * Decodes the custom errors of the contracts this module packages (the settlement bridges and the
 * test token; their ABIs list the errors of everything they call internally, OpenZeppelin's
 * included) from revert data. Every such error has static arguments only, shown as 32-byte words.
 */
final class BridgeErrors {
  private static final List<String> CONTRACTS =
      List.of("SettlementBridge", "SettlementBlobBridge", "TestCollateral");
  private static final Map<String, String> BY_SELECTOR = errorsByselector();

  private BridgeErrors() {}

  private static Map<String, String> errorsByselector() {
    Map<String, String> names = new HashMap<>();
    for (String contract : CONTRACTS) {
      for (JsonNode entry : Artifacts.abi(contract)) {
        if (entry.path("type").asText().equals("error")) {
          StringBuilder signature = new StringBuilder(entry.path("name").asText()).append('(');
          for (JsonNode input : entry.path("inputs")) {
            signature.append(signature.charAt(signature.length() - 1) == '(' ? "" : ",");
            signature.append(input.path("type").asText());
          }
          String sig = signature.append(')').toString();
          names.put(Hash.sha3String(sig).substring(0, 10), entry.path("name").asText());
        }
      }
    }
    return Map.copyOf(names);
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

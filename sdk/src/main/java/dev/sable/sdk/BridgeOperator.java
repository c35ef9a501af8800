package dev.sable.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Reads the operator address a bridge names, straight from L1 (an {@code eth_call} of {@code
 * operator()} over JSON-RPC), so a trader checks the node's key endorsement against L1 rather than
 * against whatever the node says.
 */
public final class BridgeOperator {
  private static final String SELECTOR = selector("operator()");

  private BridgeOperator() {}

  /**
   * The 20-byte operator address of the bridge at {@code bridge} (hex) on the L1 at {@code rpc},
   * waiting up to {@code timeout} for the answer.
   */
  public static byte[] of(URI rpc, String bridge, Duration timeout)
      throws IOException, InterruptedException {
    ObjectNode call = SableClient.JSON.createObjectNode();
    call.put("jsonrpc", "2.0").put("id", 1).put("method", "eth_call");
    ObjectNode tx = SableClient.JSON.createObjectNode();
    tx.put("to", bridge.startsWith("0x") ? bridge : "0x" + bridge).put("data", "0x" + SELECTOR);
    call.putArray("params").add(tx).add("latest");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(rpc)
                    .timeout(timeout)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(call.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode result = SableClient.JSON.readTree(response.body()).path("result");
    String hex = result.asText("");
    if (!hex.startsWith("0x") || hex.length() != 66) {
      throw new IOException(
          "the bridge at " + bridge + " did not answer operator(): " + response.body());
    }
    byte[] word = HexFormat.of().parseHex(hex.substring(2));
    return Arrays.copyOfRange(word, 12, 32);
  }

  private static String selector(String signature) {
    KeccakDigest d = new KeccakDigest(256);
    byte[] in = signature.getBytes(StandardCharsets.US_ASCII);
    d.update(in, 0, in.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return HexFormat.of().formatHex(out, 0, 4);
  }
}

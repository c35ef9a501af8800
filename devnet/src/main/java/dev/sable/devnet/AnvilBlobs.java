package dev.sable.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sable.l1.L1Rpc;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Blobs from anvil's own JSON-RPC method {@code anvil_getBlobByHash(versionedHash)} (anvil 1.7.1;
 * it answers null for a hash it does not hold). A production chain has no such method: blobs come
 * from a consensus client's beacon API and are pruned after ~18 days; that source is not built.
 */
public final class AnvilBlobs implements BlobSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final URI rpc;
  private final Duration timeout;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Anvil at {@code rpcUrl}, waiting up to a development chain's timeout for each answer. */
  public AnvilBlobs(String rpcUrl) {
    this(rpcUrl, L1Rpc.DEV_TIMEOUT);
  }

  /** Anvil at {@code rpcUrl}, waiting up to {@code timeout} for each answer. */
  public AnvilBlobs(String rpcUrl, Duration timeout) {
    this.rpc = URI.create(rpcUrl);
    this.timeout = timeout;
  }

  @Override
  public byte[] blob(byte[] versionedHash) {
    String vh = "0x" + HEX.formatHex(versionedHash);
    String body =
        JSON.createObjectNode()
            .put("jsonrpc", "2.0")
            .put("id", 1)
            .put("method", "anvil_getBlobByHash")
            .set("params", JSON.createArrayNode().add(vh))
            .toString();
    JsonNode answer;
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(rpc)
                  .timeout(timeout)
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      answer = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read blob " + vh + " from " + rpc + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading blob " + vh, e);
    }
    if (answer.has("error")) {
      throw new IllegalStateException(
          rpc + " refused anvil_getBlobByHash(" + vh + "): " + answer.get("error"));
    }
    JsonNode result = answer.path("result");
    if (!result.isTextual()) {
      throw new IllegalStateException(rpc + " holds no blob with versioned hash " + vh);
    }
    String hex = result.asText();
    return HEX.parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
  }
}

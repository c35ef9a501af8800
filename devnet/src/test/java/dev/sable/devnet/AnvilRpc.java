package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Anvil's own JSON-RPC methods for tests (evm_snapshot, evm_revert, evm_mine, anvil_mine,
 * evm_setAutomine, evm_increaseTime): what a test does to L1 that no client would.
 */
final class AnvilRpc {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnvilRpc() {}

  /** Calls {@code method} at {@code rpcUrl}; its result, failing the test on an error. */
  static JsonNode call(String rpcUrl, String method, Object... params) throws Exception {
    JsonNode n = answer(rpcUrl, method, params);
    assertThat(n.has("error")).as(method + ": " + n).isFalse();
    return n.path("result");
  }

  /** Calls {@code method} at {@code rpcUrl}; the whole answer, its result or its error. */
  static JsonNode answer(String rpcUrl, String method, Object... params) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("jsonrpc", "2.0")
            .put("id", 1)
            .put("method", method)
            .set("params", JSON.valueToTree(params))
            .toString();
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(rpcUrl))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}

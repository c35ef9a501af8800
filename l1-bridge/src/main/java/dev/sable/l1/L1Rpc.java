package dev.sable.l1;

import java.time.Duration;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * web3j over HTTP with a timeout of our choosing for each read and write of a call: web3j's default
 * client (OkHttp's 10 s) was seen to expire under load while anvil checked a blob transaction's
 * cell proofs before answering {@code eth_sendRawTransaction}.
 */
public final class L1Rpc {
  /** What the development chains' clients wait (the node's own is its l1.rpcTimeoutSeconds). */
  public static final Duration DEV_TIMEOUT = Duration.ofSeconds(60);

  private L1Rpc() {}

  /**
   * A client of the endpoint at {@code url} that waits up to {@code timeout} for each read or
   * write.
   *
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public static Web3j connect(String url, Duration timeout) {
    return Web3j.build(new HttpService(url, client(timeout)));
  }

  static OkHttpClient client(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("an L1 RPC timeout must be positive, not " + timeout);
    }
    // web3j's own builder (its TLS connection specs), with our timeouts
    return HttpService.getOkHttpClientBuilder().readTimeout(timeout).writeTimeout(timeout).build();
  }
}

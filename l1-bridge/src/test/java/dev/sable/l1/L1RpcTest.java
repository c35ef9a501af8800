package dev.sable.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;

/** The L1 client's timeouts are the caller's, not web3j's 10 s default. */
class L1RpcTest {
  @Test
  void theClientWaitsTheGivenTimeoutForEachReadAndWrite() {
    OkHttpClient client = L1Rpc.client(Duration.ofSeconds(75));
    assertThat(client.readTimeoutMillis()).isEqualTo(75_000);
    assertThat(client.writeTimeoutMillis()).isEqualTo(75_000);
    assertThat(L1Rpc.client(L1Rpc.DEV_TIMEOUT).readTimeoutMillis()).isEqualTo(60_000);
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> L1Rpc.client(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an L1 RPC timeout must be positive, not PT0S");
    assertThatThrownBy(() -> L1Rpc.client(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** An endpoint that takes the connection and never answers: the call ends at the timeout. */
  @Test
  void aCallThatGetsNoAnswerEndsWithATimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Web3j web3j =
          L1Rpc.connect("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300));
      try {
        assertThatThrownBy(() -> web3j.ethChainId().send())
            .isInstanceOf(SocketTimeoutException.class);
      } finally {
        web3j.shutdown();
      }
    }
  }
}

package dev.sable.node.l1;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.batch.Capacities;
import dev.sable.crypto.Fr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An L1 endpoint that does not answer is a one-line error naming the setting that bounds it. */
class RpcL1Test {
  static final String OPERATOR_KEY =
      "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  @Test
  void anEndpointThatDoesNotAnswerWithinTheTimeoutIsRefusedNamingTheSetting() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort();
      RpcL1 l1 = new RpcL1(url, 31337, "00".repeat(20), OPERATOR_KEY, Duration.ofSeconds(1));
      assertThatThrownBy(
              () ->
                  l1.connect(
                      () -> {
                        throw new AssertionError("attaching needs no proving keys");
                      },
                      Capacities.TINY_L2_Q1_OWNER,
                      Fr.ZERO,
                      1,
                      line -> {}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("L1 at " + url + " did not answer within 1 s (l1.rpcTimeoutSeconds)");
    }
  }
}

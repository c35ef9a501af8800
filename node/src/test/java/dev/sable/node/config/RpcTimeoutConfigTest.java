package dev.sable.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** l1.rpcTimeoutSeconds: 60 by default, set by SABLE_L1_RPC_TIMEOUT_SECONDS, bounded. */
class RpcTimeoutConfigTest {
  static NodeConfig load(String seconds) {
    return ConfigLoader.load(null, Map.of("SABLE_L1_RPC_TIMEOUT_SECONDS", seconds));
  }

  @Test
  void theDefaultIsAMinuteAndTheEnvironmentOverridesIt() {
    assertThat(ConfigLoader.load(null, Map.of()).l1().rpcTimeout())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(load("120").l1().rpcTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(load("1").l1().rpcTimeoutSeconds()).isEqualTo(1);
    assertThat(load("3600").l1().rpcTimeoutSeconds()).isEqualTo(3600);
  }

  @Test
  void aTimeoutOutOfRangeOrNotANumberIsRefusedInOneLine() {
    assertThatThrownBy(() -> load("0"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("setting l1.rpcTimeoutSeconds: 0 is outside 1..3600");
    assertThatThrownBy(() -> load("3601"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("setting l1.rpcTimeoutSeconds: 3601 is outside 1..3600");
    assertThatThrownBy(() -> load("ten"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("setting l1.rpcTimeoutSeconds: ")
        .hasMessageNotContaining("\n");
  }
}

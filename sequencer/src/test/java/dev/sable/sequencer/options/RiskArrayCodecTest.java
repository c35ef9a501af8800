package dev.sable.sequencer.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskArrayCodecTest {

  /** The canonical integers of the fixtures (docs/options.md lays them out). */
  private static final long[] GOLDEN = {
    1,
    1,
    86_400_000_000L,
    1,
    0,
    100_000,
    100_000,
    3,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    100_000,
    0,
    0,
    0,
    3333,
    3333,
    -3333,
    -3333,
    6666,
    6666,
    -6666,
    -6666,
    10000,
    10000,
    -10000,
    -10000,
    20000,
    -20000,
    1,
    0,
    1,
    110_000,
    88_992_000_000L,
    10,
    5,
    1,
    800_000,
    53_980,
    10_000,
    24737,
    -18258,
    39781,
    -6107,
    11180,
    -28184,
    56283,
    8338,
    -881,
    -36025,
    74205,
    25079,
    -11460,
    -41993,
    135846,
    -34729,
    2,
    0,
    2,
    90_000,
    86_443_200_000L,
    10,
    5,
    1,
    650_000,
    0,
    10_000,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    100_000
  };

  @Test
  void encodesTheFixturesCanonically() throws Exception {
    RiskArraySet set = RiskFixtures.small();
    assertThat(RiskArrayCodec.toLongs(set)).containsExactly(GOLDEN);
    byte[] bytes = RiskArrayCodec.toBytes(set);
    assertThat(bytes).hasSize(GOLDEN.length * 8);
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo("51b4c4efcddd6cc97b88f5e6e221c7d1fcd5a55a1cf7fd2e4c3aa75fc070c540");
  }

  @Test
  void decodingGivesBackTheSameSet() {
    RiskArraySet set = RiskFixtures.small();
    assertThat(RiskArrayCodec.fromLongs(RiskArrayCodec.toLongs(set))).isEqualTo(set);
    assertThat(RiskArrayCodec.fromBytes(RiskArrayCodec.toBytes(set))).isEqualTo(set);
    RiskArraySet empty = new RiskArraySet(1, 5, List.of(), List.of());
    assertThat(RiskArrayCodec.fromLongs(RiskArrayCodec.toLongs(empty))).isEqualTo(empty);
  }

  @Test
  void refusesEveryMalformedEncodingWithItsReason() {
    assertRefused(with(0, 2), "unknown format");
    assertRefused(with(1, 9), "unknown scenario grid version 9");
    assertRefused(Arrays.copyOf(GOLDEN, GOLDEN.length - 1), "truncated");
    assertRefused(Arrays.copyOf(GOLDEN, GOLDEN.length + 1), "1 trailing integers");
    assertRefused(with(3, -1), "underlyings count out of range");
    assertRefused(with(7, 5_000), "instruments count out of range");
    assertRefused(with(6, 600_000), "invalid underlying");
    assertRefused(with(8, 7), "malformed perpetual row");
    assertRefused(with(11, 1), "malformed perpetual row"); // a perpetual with a strike
    assertRefused(with(37, 3), "unknown instrument kind 3");
    assertRefused(with(38, 0), "invalid option spec");
    assertRefused(with(35, 0), "not in ascending market order");
    assertRefused(with(44, -1), "negative mark");
    assertRefused(with(35, -4), "market id out of range");
    assertThatThrownBy(() -> RiskArrayCodec.fromBytes(new byte[12]))
        .hasMessageContaining("multiple of 8");
  }

  private static long[] with(int index, long value) {
    long[] v = GOLDEN.clone();
    v[index] = value;
    return v;
  }

  private static void assertRefused(long[] encoding, String reason) {
    assertThatThrownBy(() -> RiskArrayCodec.fromLongs(encoding))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}

package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/**
 * A blob transaction sent to anvil with {@code cast send --blob}, read back by its versioned hash
 * through {@link AnvilBlobs}: the bytes are the blob anvil's own by-transaction method returns and
 * hold the data sent; a hash anvil does not hold is refused.
 */
class AnvilBlobsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void aBlobSentToAnvilReadsBackByItsVersionedHash(@TempDir Path dir) throws Exception {
    Toolchain tools = Toolchain.fromEnvironment();
    byte[] data = new byte[416];
    new Random(10).nextBytes(data);
    Path file = dir.resolve("data.bin");
    Files.write(file, data);
    try (AnvilNode anvil = AnvilNode.start(tools)) {
      Process cast =
          new ProcessBuilder(
                  tools.root().resolve("node_modules/.bin/cast").toString(),
                  "send",
                  "--rpc-url",
                  anvil.rpcUrl(),
                  "--private-key",
                  Numeric.toHexStringWithPrefixZeroPadded(
                      anvil.devAccount().getEcKeyPair().getPrivateKey(), 64),
                  "--blob",
                  "--path",
                  file.toString(),
                  "0x000000000000000000000000000000000000dEaD",
                  "--json")
              .redirectErrorStream(true)
              .start();
      String out = new String(cast.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(cast.waitFor()).as(out).isZero();
      String tx = new ObjectMapper().readTree(out).path("transactionHash").asText();
      JsonNode sent = AnvilRpc.call(anvil.rpcUrl(), "eth_getTransactionByHash", tx);
      String vh = sent.path("blobVersionedHashes").get(0).asText();

      byte[] blob = new AnvilBlobs(anvil.rpcUrl()).blob(HEX.parseHex(vh.substring(2)));

      assertThat(blob).hasSize(131_072);
      String byTx =
          AnvilRpc.call(anvil.rpcUrl(), "anvil_getBlobsByTransactionHash", tx).get(0).asText();
      assertThat("0x" + HEX.formatHex(blob)).isEqualTo(byTx);
      // cast lays data out 31 bytes per element after a length element (not raw 32-byte words)
      assertThat(indexOf(blob, Arrays.copyOfRange(data, 0, 16))).isNotNegative();

      byte[] other = HEX.parseHex(vh.substring(2));
      other[31] ^= 1;
      assertThatThrownBy(() -> new AnvilBlobs(anvil.rpcUrl()).blob(other))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("holds no blob with versioned hash");
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}

package dev.sable.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

class AnvilNodeTest {
  @TempDir Path dir;

  @Test
  void listensOnThePortItChoseAndServesOurChain() throws IOException {
    try (AnvilNode anvil = AnvilNode.start(Toolchain.fromEnvironment())) {
      int port = URI.create(anvil.rpcUrl()).getPort();
      assertThat(port).isPositive();
      Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
      try {
        assertThat(web3j.ethChainId().send().getChainId().longValue())
            .isEqualTo(AnvilNode.CHAIN_ID);
      } finally {
        web3j.shutdown();
      }
      assertThat(anvil.diagnosis()).startsWith("anvil is running").contains("Listening on");
    }
  }

  @Test
  void aFailedStartReportsAnvilsOwnOutputAndExitCode() throws IOException {
    Path root =
        fakeTool("node_modules/.bin/anvil", "echo 'Error: address already in use' >&2; exit 3");
    assertThatThrownBy(() -> AnvilNode.start(new Toolchain(root)))
        .isInstanceOf(DevnetException.class)
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("Error: address already in use");
  }

  @Test
  void aMissingAnvilSaysToRunSetup() {
    assertThatThrownBy(() -> AnvilNode.start(new Toolchain(dir)))
        .isInstanceOf(MissingToolException.class)
        .hasMessageContaining("scripts/setup.sh");
  }

  /** A checkout root whose tool at {@code relative} is a shell script running {@code body}. */
  private Path fakeTool(String relative, String body) throws IOException {
    Path tool = dir.resolve(relative);
    Files.createDirectories(tool.getParent());
    Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    return dir;
  }
}

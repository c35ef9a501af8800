package dev.sable.devnet;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project's npm-installed L1 tools live: {@code node_modules/.bin/anvil} and the solc
 * shim under the checkout root, found from the {@code sable.root} system property (set by the
 * launcher and by the build) or the {@code SABLE_ROOT} environment variable.
 */
public record Toolchain(Path root) {

  public static Toolchain fromEnvironment() {
    String root = System.getProperty("sable.root", System.getenv("SABLE_ROOT"));
    if (root == null) {
      throw new IllegalStateException(
          "cannot find the Sable checkout: set -Dsable.root or SABLE_ROOT (./sable does this)");
    }
    return new Toolchain(Path.of(root).toAbsolutePath().normalize());
  }

  public Path anvil() {
    return require(root.resolve("node_modules/.bin/anvil"));
  }

  public Path solcShim() {
    return require(root.resolve("tools/solc-shim.js"));
  }

  private static Path require(Path tool) {
    if (!Files.isRegularFile(tool)) {
      throw new IllegalStateException(tool + " is missing: run scripts/setup.sh");
    }
    return tool;
  }
}

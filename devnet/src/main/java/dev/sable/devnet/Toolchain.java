package dev.sable.devnet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the project's npm-installed L1 tools live: {@code node_modules/.bin/anvil} and the solc
 * shim under the checkout root, found from the {@code sable.root} system property (set by the
 * launcher and by the build) or the {@code SABLE_ROOT} environment variable; Node.js from PATH.
 */
public record Toolchain(Path root) {

  public static Toolchain fromEnvironment() {
    String root = System.getProperty("sable.root", System.getenv("SABLE_ROOT"));
    if (root == null) {
      throw new MissingToolException(
          "cannot find the Sable checkout: set -Dsable.root or SABLE_ROOT (./sable does this)");
    }
    return new Toolchain(Path.of(root).toAbsolutePath().normalize());
  }

  /** Checks that every tool the demo needs is installed, before any work starts. */
  public Toolchain requireInstalled() {
    anvil();
    solcShim();
    node();
    return this;
  }

  public Path anvil() {
    return require(root.resolve("node_modules/.bin/anvil"));
  }

  public Path solcShim() {
    return require(root.resolve("tools/solc-shim.js"));
  }

  /** Node.js, which runs the solc shim. */
  public Path node() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "node"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () -> new MissingToolException("node is not on PATH: install Node.js (see README)"));
  }

  private static Path require(Path tool) {
    if (!Files.isRegularFile(tool)) {
      throw new MissingToolException(tool + " is missing: run scripts/setup.sh");
    }
    return tool;
  }
}

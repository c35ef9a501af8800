package dev.sable.node;

import dev.sable.node.config.ConfigLoader;
import dev.sable.node.config.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Nodes for tests: no L1, any free port, a fixed operator key, the given extra settings. */
public final class TestNodes {
  /** anvil's first dev key: its address is 0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266. */
  public static final String OPERATOR_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  public static final String OPERATOR_ADDRESS = "f39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  private TestNodes() {}

  public static NodeConfig config(Path dir, String extraYaml) {
    String yaml =
        "dataDir: "
            + dir.resolve("data")
            + "\n"
            + "http: {port: 0}\n"
            + "l1: {mode: none, operatorKey: "
            + OPERATOR_KEY
            + ", bridge: \"00000000000000000000000000000000000b41d9\"}\n"
            + "pipeline: {enabled: false}\n"
            + extraYaml;
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("sable.yaml");
      Files.writeString(file, yaml);
      return ConfigLoader.load(file, Map.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Node start(Path dir, String extraYaml) {
    return Node.start(config(dir, extraYaml), null, line -> {});
  }
}

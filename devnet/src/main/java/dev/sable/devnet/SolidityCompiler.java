package dev.sable.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles Solidity at run time through the project's solc (solcjs behind tools/solc-shim.js).
 * Needed for the gnark-exported verifier, whose constants come from keys made on this machine.
 */
public final class SolidityCompiler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Toolchain toolchain;

  public SolidityCompiler(Toolchain toolchain) {
    this.toolchain = toolchain;
  }

  /** Compiles one self-contained source file and returns the named contract's creation code. */
  public String creationBytecode(String fileName, String source, String contract) {
    JsonNode output = compile(standardJson(fileName, source));
    List<String> errors = new ArrayList<>();
    for (JsonNode error : output.path("errors")) {
      if ("error".equals(error.path("severity").asText())) {
        errors.add(error.path("formattedMessage").asText());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalStateException(
          "solc rejected " + fileName + ":\n" + String.join("\n", errors));
    }
    String bytecode =
        output
            .path("contracts")
            .path(fileName)
            .path(contract)
            .path("evm")
            .path("bytecode")
            .path("object")
            .asText();
    if (bytecode.isEmpty()) {
      throw new IllegalStateException("solc produced no contract " + contract + " in " + fileName);
    }
    return "0x" + bytecode;
  }

  private static String standardJson(String fileName, String source) {
    ObjectNode input = JSON.createObjectNode().put("language", "Solidity");
    input.putObject("sources").putObject(fileName).put("content", source);
    ObjectNode settings = input.putObject("settings");
    settings.putObject("optimizer").put("enabled", true).put("runs", 10_000);
    settings.put("evmVersion", "cancun");
    settings.putObject("outputSelection").putObject("*").putArray("*").add("evm.bytecode.object");
    return input.toString();
  }

  private JsonNode compile(String input) {
    Path output = null;
    Process process = null;
    try {
      // Output goes to a file so a hung compiler cannot block the reader past the time limit.
      output = Files.createTempFile("sable-solc-", ".json");
      process =
          new ProcessBuilder("node", toolchain.solcShim().toString(), "--standard-json")
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("solc shim did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("solc shim failed (exit " + process.exitValue() + ")");
      }
      return JSON.readTree(output.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("running the solc shim", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while compiling", e);
    } finally {
      if (process != null) {
        process.destroyForcibly();
      }
      deleteQuietly(output);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a leftover temp file is harmless
      }
    }
  }
}

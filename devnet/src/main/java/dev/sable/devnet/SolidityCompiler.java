package dev.sable.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Compiles Solidity at run time through the project's solc (solcjs behind tools/solc-shim.js).
 * Needed for the gnark-exported verifier, whose constants come from keys made on this machine.
 */
public final class SolidityCompiler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
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
      throw new DevnetException("solc rejected " + fileName + ": " + String.join(" / ", errors));
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
      throw new DevnetException("solc produced no contract " + contract + " in " + fileName);
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

  /**
   * Runs the shim with the input on stdin. Its output is read on its own thread (no temp file to
   * leave behind), so a hung compiler cannot block the reader past the time limit.
   */
  private JsonNode compile(String input) {
    Process process =
        ChildProcesses.start(
            new ProcessBuilder(
                toolchain.node().toString(), toolchain.solcShim().toString(), "--standard-json"));
    try {
      CompletableFuture<byte[]> stdout = readAll(process.getInputStream());
      OutputTail stderr = OutputTail.follow(process.getErrorStream(), "solc", 10, line -> {});
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the shim exited before reading its input: its exit code and stderr say why
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new DevnetException(
            "solc did not finish within " + TIMEOUT.toSeconds() + " s: " + stderr.summary());
      }
      if (process.exitValue() != 0) {
        stderr.awaitEnd(1_000);
        throw new DevnetException(
            "solc failed (exit " + process.exitValue() + "): " + stderr.summary());
      }
      return JSON.readTree(stdout.join());
    } catch (IOException e) {
      throw new DevnetException("solc wrote unreadable output", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevnetException("interrupted while compiling", e);
    } finally {
      process.destroyForcibly();
    }
  }

  private static CompletableFuture<byte[]> readAll(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread.ofPlatform()
        .daemon()
        .name("solc-output")
        .start(
            () -> {
              try (in) {
                result.complete(in.readAllBytes());
              } catch (IOException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }
}

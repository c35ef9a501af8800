package dev.sable.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * forge's build output for the contracts this module packages (under /contracts on the class path).
 */
final class Artifacts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Artifacts() {}

  /** Creation code of a contract, to which encoded constructor arguments are appended. */
  static String creationCode(String contract) {
    return read(contract).path("bytecode").path("object").asText();
  }

  /** The contract's ABI: its functions, events and errors. */
  static JsonNode abi(String contract) {
    return read(contract).path("abi");
  }

  private static JsonNode read(String contract) {
    String resource = "/contracts/" + contract + ".json";
    try (InputStream in = Artifacts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: run forge build");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }
}

package dev.sable.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the node's configuration: the embedded defaults, then the config file, then environment
 * variables SABLE_&lt;PATH&gt; (the setting's path in upper snake case: {@code http.port} is
 * SABLE_HTTP_PORT). Every problem is a {@link ConfigException} with one line naming the setting.
 */
public final class ConfigLoader {
  public static final String DEFAULTS = "sable-defaults.yaml";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper BINDER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private ConfigLoader() {}

  /** The configuration from the defaults, the file (may be null) and the environment. */
  public static NodeConfig load(Path file, Map<String, String> env) {
    ObjectNode tree = defaults();
    if (file != null) {
      JsonNode overrides = readFile(file);
      checkKnown(defaults(), overrides, "", file);
      merge(tree, (ObjectNode) overrides);
    }
    for (String path : leafPaths(defaults(), "")) {
      String value = env.get(envName(path));
      if (value != null) {
        set(tree, path, value);
      }
    }
    NodeConfig config = bind(tree);
    ConfigValidator.validate(config);
    return config;
  }

  /** The environment variable of a setting path: SABLE_ + upper snake case of each part. */
  public static String envName(String path) {
    return "SABLE_"
        + List.of(path.split("\\.")).stream()
            .map(p -> p.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT))
            .collect(Collectors.joining("_"));
  }

  /** Every overridable setting path of the defaults (lists, like markets, are file-only). */
  public static List<String> leafPaths(JsonNode node, String prefix) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        out.addAll(leafPaths(e.getValue(), path));
      } else if (!e.getValue().isArray()) {
        out.add(path);
      }
    }
    return out;
  }

  public static ObjectNode defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is not on the class path");
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULTS, e);
    }
  }

  private static JsonNode readFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file " + file + " does not exist");
    }
    JsonNode node;
    try {
      node = YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "config file "
              + file
              + " is not valid YAML: "
              + e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return YAML.createObjectNode();
    }
    if (!node.isObject()) {
      throw new ConfigException("config file " + file + " must be a YAML mapping of settings");
    }
    return node;
  }

  private static void checkKnown(JsonNode known, JsonNode given, String prefix, Path file) {
    for (Map.Entry<String, JsonNode> e : given.properties()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode k = known.get(e.getKey());
      if (k == null) {
        throw new ConfigException(
            "unknown setting '" + path + "' in " + file + " (docs/node.md lists them)");
      }
      if (k.isObject() && e.getValue().isObject()) {
        checkKnown(k, e.getValue(), path, file);
      }
    }
  }

  private static void merge(ObjectNode base, ObjectNode overrides) {
    for (Map.Entry<String, JsonNode> e : overrides.properties()) {
      JsonNode b = base.get(e.getKey());
      if (b != null && b.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) b, (ObjectNode) e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }

  private static void set(ObjectNode tree, String path, String value) {
    String[] parts = path.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    JsonNode parsed;
    try {
      parsed = YAML.readTree(value.isEmpty() ? "\"\"" : value);
    } catch (JsonProcessingException e) {
      parsed = null;
    }
    if (parsed == null || parsed.isContainerNode() || parsed.isMissingNode()) {
      parsed = YAML.getNodeFactory().textNode(value);
    }
    node.set(parts[parts.length - 1], parsed);
  }

  private static NodeConfig bind(ObjectNode tree) {
    try {
      return BINDER.treeToValue(tree, NodeConfig.class);
    } catch (InvalidFormatException e) {
      throw new ConfigException(
          "setting "
              + path(e)
              + ": '"
              + e.getValue()
              + "' is not a valid "
              + e.getTargetType().getSimpleName().toLowerCase(Locale.ROOT));
    } catch (MismatchedInputException e) {
      throw new ConfigException("setting " + path(e) + ": wrong type of value");
    } catch (JsonProcessingException e) {
      throw new ConfigException("bad configuration: " + e.getOriginalMessage());
    }
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}

package dev.sable.state.vectors;

import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line of a vector file: a kind and its fields in file order. */
public record VectorRecord(String kind, Map<String, String> fields) {

  public static VectorRecord parse(String line) {
    String[] parts = line.trim().split("\\s+");
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("field without '=': " + parts[i]);
      }
      fields.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
    }
    return new VectorRecord(parts[0], fields);
  }

  public String get(String key) {
    String v = fields.get(key);
    if (v == null) {
      throw new IllegalArgumentException(kind + ": missing field " + key);
    }
    return v;
  }

  public Fr fr(String key) {
    return Fr.fromHex(get(key));
  }

  public long longValue(String key) {
    return Long.parseLong(get(key));
  }

  public byte[] bytes(String key) {
    return HexFormat.of().parseHex(get(key).substring(2));
  }

  public List<Fr> frList(String key) {
    List<Fr> out = new ArrayList<>();
    for (String s : get(key).split(",")) {
      if (!s.isEmpty()) {
        out.add(Fr.fromHex(s));
      }
    }
    return out;
  }

  VectorRecord with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(fields);
    copy.put(key, value);
    return new VectorRecord(kind, copy);
  }

  public String line() {
    StringBuilder b = new StringBuilder(kind);
    fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    return b.toString();
  }

  static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }

  static String frs(List<Fr> elements) {
    return String.join(",", elements.stream().map(Fr::toHex).toList());
  }
}

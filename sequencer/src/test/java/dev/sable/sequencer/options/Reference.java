package dev.sable.sequencer.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The 50-digit reference values of reference.txt (made by make_reference.py with mpmath). */
final class Reference {
  private Reference() {}

  /** The lines of one kind, split into fields, the kind dropped. */
  static List<String[]> lines(String kind) {
    try (InputStream in = Reference.class.getResourceAsStream("reference.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines()
          .filter(l -> l.startsWith(kind + " "))
          .map(l -> Arrays.copyOfRange(l.split(" "), 1, l.split(" ").length))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

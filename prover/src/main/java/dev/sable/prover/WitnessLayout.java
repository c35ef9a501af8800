package dev.sable.prover;

import dev.sable.crypto.Fr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How Java encodes a circuit's witness: its fields in gnark's order (public fields first, each
 * group in struct declaration order). {@link GnarkProver#open} checks it against the layout the
 * native library reads from the Go struct, so a Java encoding that drifts from the circuit fails
 * when the keys load, not as an unprovable or wrongly proven batch.
 */
public record WitnessLayout(String circuit, List<WitnessField> fields) {

  public WitnessLayout {
    fields = List.copyOf(fields);
    boolean secretSeen = false;
    for (WitnessField f : fields) {
      if (f.isPublic() && secretSeen) {
        throw new IllegalArgumentException(
            circuit
                + ": public field "
                + f.name()
                + " after a secret one; gnark puts public first");
      }
      secretSeen |= !f.isPublic();
    }
  }

  public static WitnessLayout of(String circuit, WitnessField... fields) {
    return new WitnessLayout(circuit, List.of(fields));
  }

  /** Throws {@link WitnessLayoutException} unless the circuit's own layout is this one. */
  public void requireMatches(List<WitnessField> reported) {
    for (int i = 0; i < Math.max(fields.size(), reported.size()); i++) {
      WitnessField java = i < fields.size() ? fields.get(i) : null;
      WitnessField go = i < reported.size() ? reported.get(i) : null;
      if (java == null || !java.equals(go)) {
        throw new WitnessLayoutException(
            String.format(
                "Java's witness layout for %s does not match the circuit's: field %d is %s in Java"
                    + " but %s in the circuit (Java %s, circuit %s)",
                circuit, i + 1, describe(java), describe(go), fields, reported));
      }
    }
  }

  private static String describe(WitnessField f) {
    return f == null ? "absent" : f.toString();
  }

  /** Throws unless the witness has this layout's numbers of public and secret elements. */
  void requireFits(Witness witness) {
    if (witness.publicInputs().size() != count(true)
        || witness.secretInputs().size() != count(false)) {
      throw new IllegalArgumentException(
          "witness of "
              + witness.publicInputs().size()
              + " public and "
              + witness.secretInputs().size()
              + " secret elements for "
              + this
              + ": build it with the layout's assign()");
    }
  }

  private int count(boolean publicFields) {
    return fields.stream()
        .filter(f -> f.isPublic() == publicFields)
        .mapToInt(f -> f.length())
        .sum();
  }

  /** Starts an assignment: every field set once, by name, with its exact number of elements. */
  public Assignment assign() {
    return new Assignment();
  }

  /** The values of one witness, collected by field name and encoded in the layout's order. */
  public final class Assignment {
    private final Map<String, WitnessField> byName = new HashMap<>();
    private final Map<String, List<Fr>> values = new HashMap<>();

    private Assignment() {
      fields.forEach(f -> byName.put(f.name(), f));
    }

    public Assignment set(String name, Fr value) {
      return set(name, List.of(value));
    }

    public Assignment set(String name, List<Fr> elements) {
      WitnessField field = byName.get(name);
      if (field == null) {
        throw new IllegalArgumentException(circuit + " has no witness field " + name);
      }
      if (elements.size() != field.length()) {
        throw new IllegalArgumentException(
            circuit
                + "."
                + name
                + " takes "
                + field.length()
                + " elements, got "
                + elements.size());
      }
      if (values.putIfAbsent(name, List.copyOf(elements)) != null) {
        throw new IllegalArgumentException(circuit + "." + name + " is set twice");
      }
      return this;
    }

    public Witness witness() {
      List<Fr> publicInputs = new ArrayList<>();
      List<Fr> secretInputs = new ArrayList<>();
      for (WitnessField f : fields) {
        List<Fr> v = values.get(f.name());
        if (v == null) {
          throw new IllegalStateException(circuit + "." + f.name() + " is not set");
        }
        (f.isPublic() ? publicInputs : secretInputs).addAll(v);
      }
      return new Witness(publicInputs, secretInputs);
    }
  }
}

package dev.sable.prover;

/**
 * One field of a circuit's witness, as the native library reports it from the Go struct.
 *
 * @param name the Go field name (a nested struct's leaves by full name)
 * @param visibility "public" or "secret"
 * @param length number of elements (1, or an array's length)
 */
public record WitnessField(String name, String visibility, int length) {
  public WitnessField {
    if (!"public".equals(visibility) && !"secret".equals(visibility)) {
      throw new IllegalArgumentException("visibility must be public or secret: " + visibility);
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive: " + length);
    }
  }

  public static WitnessField publicInput(String name) {
    return new WitnessField(name, "public", 1);
  }

  public static WitnessField secret(String name) {
    return secret(name, 1);
  }

  public static WitnessField secret(String name, int length) {
    return new WitnessField(name, "secret", length);
  }

  boolean isPublic() {
    return "public".equals(visibility);
  }

  @Override
  public String toString() {
    return name + " (" + visibility + (length == 1 ? "" : ", " + length + " elements") + ")";
  }
}

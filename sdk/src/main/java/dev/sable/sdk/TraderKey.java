package dev.sable.sdk;

import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.EdDsaPublicKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A trader's EdDSA key (docs/state.md, section 6), kept as its 32-byte seed. The key file holds the
 * seed as one line of hex, readable by its owner only.
 */
public final class TraderKey {
  private final byte[] seed;
  private final EdDsaPrivateKey key;

  private TraderKey(byte[] seed) {
    this.seed = seed.clone();
    this.key = EdDsaPrivateKey.fromSeed(seed);
  }

  public static TraderKey generate(SecureRandom random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return new TraderKey(seed);
  }

  public static TraderKey fromSeed(byte[] seed) {
    return new TraderKey(seed);
  }

  /** Reads a key file written by {@link #save}. */
  public static TraderKey load(Path file) throws IOException {
    String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
    byte[] seed;
    try {
      seed = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a Sable key file (one line of 64 hex digits)");
    }
    if (seed.length != 32) {
      throw new IOException(file + " is not a Sable key file (one line of 64 hex digits)");
    }
    return new TraderKey(seed);
  }

  /** Writes the seed to a new file, readable and writable by its owner only. */
  public void save(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        file,
        HexFormat.of().formatHex(seed) + "\n",
        StandardCharsets.US_ASCII,
        StandardOpenOption.WRITE);
  }

  public EdDsaPrivateKey privateKey() {
    return key;
  }

  public EdDsaPublicKey publicKey() {
    return key.publicKey();
  }

  /** The public key as the API writes it: 32 bytes compressed, in hex. */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(key.publicKey().encode());
  }
}

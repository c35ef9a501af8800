package dev.sable.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Secret keys the node keeps in its data directory: 32 bytes as one line of hex in a file only its
 * owner can read, created on first use (written to a temporary file and moved into place, so a
 * crash never leaves half a key).
 */
final class NodeKeys {
  private NodeKeys() {}

  static <K> K loadOrCreate(Path file, Function<byte[], K> fromBytes) {
    try {
      if (Files.exists(file)) {
        byte[] raw =
            HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
        return fromBytes.apply(raw);
      }
      byte[] raw = new byte[32];
      new SecureRandom().nextBytes(raw);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp =
          Files.createTempFile(
              file.toAbsolutePath().getParent(),
              ".key-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmp, HexFormat.of().formatHex(raw) + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return fromBytes.apply(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("key file " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("key file " + file + " is damaged: " + e.getMessage(), e);
    }
  }
}

package dev.sable.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where the native library is extracted: a directory only this user can enter (0700, owned by this
 * user, not a symbolic link), so nobody else can plant or swap a library between its check and its
 * load. {@link #install} hands out a path only after the file's SHA-256 matched the bytes from the
 * jar; a missing, truncated or altered copy is replaced first.
 */
public final class PrivateLibraryDir {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private final Path root;

  /** root: the private directory (created 0700 if missing). */
  public PrivateLibraryDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The per-user default (native libraries are extracted below {@code <it>/native/}): {@code
   * sable.native.cache} if set, else {@code $XDG_CACHE_HOME/sable}, else {@code ~/.cache/sable},
   * else {@code <java.io.tmpdir>/sable-<user>}.
   */
  public static PrivateLibraryDir forCurrentUser() {
    String override = System.getProperty("sable.native.cache");
    if (override != null) {
      return new PrivateLibraryDir(Path.of(override));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && Path.of(xdg).isAbsolute() && Files.isDirectory(Path.of(xdg))) {
      return new PrivateLibraryDir(Path.of(xdg, "sable"));
    }
    Path home = Path.of(System.getProperty("user.home", "?"));
    if (home.isAbsolute() && Files.isWritable(home)) {
      return new PrivateLibraryDir(home.resolve(".cache").resolve("sable"));
    }
    return new PrivateLibraryDir(
        Path.of(System.getProperty("java.io.tmpdir"), "sable-" + System.getProperty("user.name")));
  }

  public Path root() {
    return root;
  }

  /** A verified copy of {@code library}, named by its digest; extracted or repaired if needed. */
  public Path install(String fileName, byte[] library) {
    String digest = sha256(library);
    Path dir = root.resolve("native").resolve(digest.substring(0, 16));
    Path target = dir.resolve(fileName);
    try {
      Files.createDirectories(root.getParent());
      makePrivate(root);
      makePrivate(root.resolve("native"));
      makePrivate(dir);
      if (!digest.equals(digestOf(target))) {
        Path tmp = Files.createTempFile(dir, fileName, ".tmp");
        try (OutputStream out =
            Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
          out.write(library);
        }
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      String written = digestOf(target);
      if (!digest.equals(written)) {
        throw new IOException(
            target + " does not match the library in the jar after extraction: is the disk full?");
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the native library to " + dir, e);
    }
  }

  /** Creates {@code dir} as 0700, or checks and tightens an existing one. */
  private static void makePrivate(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (FileAlreadyExistsException raced) {
        // another JVM created it first: checked below like any existing directory
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new UnsafeDirectoryException(
          dir + " is not a plain directory: remove it (the native library is extracted there)");
    }
    int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (owner != currentUid()) {
      throw new UnsafeDirectoryException(
          dir
              + " belongs to uid "
              + owner
              + ", not to you: remove it, or set XDG_CACHE_HOME to a directory of yours");
    }
    if (!Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(dir, OWNER_ONLY);
    }
  }

  /** The effective uid of this process: /proc/self belongs to it. */
  private static int currentUid() throws IOException {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  /** SHA-256 of the file, or "" when it does not exist. */
  private static String digestOf(Path file) throws IOException {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        ? sha256(Files.readAllBytes(file))
        : "";
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

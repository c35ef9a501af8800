package dev.sable.prover.jni;

import dev.sable.prover.NativeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads libsable_native once per JVM. The library ships inside this jar and is extracted to a
 * content-addressed file under java.io.tmpdir (so concurrent JVMs and rebuilds never clash); the
 * system property {@code sable.native.library} overrides it with a path.
 */
public final class NativeLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);
  private static final String RESOURCE = "/native/linux-x86_64/libsable_native.so";
  private static volatile boolean loaded;

  private NativeLibrary() {}

  /** Loads the library if it is not loaded yet, and applies the Go runtime limits. */
  public static void load() {
    if (!loaded) { // cheap on the hot path: hashers call this per hash
      loadOnce();
    }
  }

  private static synchronized void loadOnce() {
    if (loaded) {
      return;
    }
    String override = System.getProperty("sable.native.library");
    Path path = override != null ? Path.of(override) : extract();
    warnIfSignalsNotChained();
    System.load(path.toAbsolutePath().toString());
    NativeBindings.configure(
        Integer.getInteger("sable.prover.maxProcs", 0),
        Long.getLong("sable.prover.memoryLimitBytes", 0L));
    loaded = true;
    LOG.debug("loaded {} ({})", path, NativeBindings.libraryVersions());
  }

  private static Path extract() {
    byte[] library;
    try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new NativeException(
            "libsable_native is not on the class path ("
                + RESOURCE
                + "): build the prover module with `mvn package`");
      }
      library = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "sable-native-" + digest(library));
    Path target = dir.resolve("libsable_native.so");
    try {
      if (!Files.exists(target)) {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "lib", ".tmp");
        Files.write(tmp, library);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the native library to " + dir, e);
    }
    return target;
  }

  private static String digest(byte[] data) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Without libjsig preloaded, Go's signal handlers can replace the JVM's (see docs/native.md). */
  private static void warnIfSignalsNotChained() {
    String preload = System.getenv("LD_PRELOAD");
    if (preload == null || !preload.contains("libjsig")) {
      LOG.warn(
          "LD_PRELOAD does not name libjsig.so: JVM and Go signal handlers are not chained; "
              + "start the JVM through ./sable or set LD_PRELOAD=$JAVA_HOME/lib/libjsig.so");
    }
  }
}

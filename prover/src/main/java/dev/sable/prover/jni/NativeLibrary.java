package dev.sable.prover.jni;

import dev.sable.platform.PrivateLibraryDir;
import dev.sable.prover.NativeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads libsable_native once per JVM. The library ships inside this jar; it is extracted to a
 * private per-user directory ({@link PrivateLibraryDir}: {@code ~/.cache/sable/native/<digest
 * prefix>/}) and loaded only after its SHA-256 matched the jar's copy, re-extracted first when it
 * does not.
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
    Path path = PrivateLibraryDir.forCurrentUser().install("libsable_native.so", fromJar());
    warnIfSignalsNotChained();
    System.load(path.toString());
    NativeBindings.configure(
        Integer.getInteger("sable.prover.maxProcs", 0),
        Long.getLong("sable.prover.memoryLimitBytes", 0L));
    loaded = true;
    LOG.debug("loaded {} ({})", path, NativeBindings.libraryVersions());
  }

  private static byte[] fromJar() {
    try (InputStream in = NativeLibrary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new NativeException(
            "libsable_native is not on the class path ("
                + RESOURCE
                + "): build the prover module with `scripts/mvn -pl prover package`");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
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

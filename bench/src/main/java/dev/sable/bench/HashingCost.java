package dev.sable.bench;

import dev.sable.node.sequencing.BackgroundStateHasher;
import dev.sable.sequencer.engine.Sequencer;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the state hash costs a node, which runs it as {@code SequencerLoop} does: each command's
 * effects recorded and handed to a {@link BackgroundStateHasher}, which chains the state hash on a
 * thread of its own, and its events handed to the node's listeners as a fresh list (with hashing on
 * read back from the recorded effects, {@code Sequencer.lastEvents}; with it off collected from the
 * sink, as a node without the hash would). Each mode runs in a class loader of its own (its code
 * compiled for it alone), in paired rounds alternating the order, in thread CPU time (time
 * descheduled on a shared machine counts for no one):
 *
 * <ul>
 *   <li>the sequencer thread recording the effects (handed to a feed that gives them straight back)
 *       against hashing off: what hashing adds to the sequencer's own work;
 *   <li>the sequencer thread with the hashing thread running beside it against hashing off: on a
 *       machine with a core to spare for the hashing thread this is the first figure; on a busy one
 *       the two threads share caches and cores;
 *   <li>the hashing thread's work per command (a {@code StateHasher} over the same effects) beside
 *       the sequencer's: while it is the smaller, a second core keeps up.
 * </ul>
 */
public final class HashingCost {

  /**
   * @param recording median over the rounds of the sequencer's throughput recording effects over
   *     hashing off
   * @param background the same with the hashing thread running
   * @param sequencerNanos the sequencer's median CPU time per command, hashing off
   * @param hashingNanos the hashing thread's CPU time per command (median)
   */
  public record Result(
      String mix, double recording, double background, double sequencerNanos, double hashingNanos) {
    public String line() {
      return String.format(
          "hashing on vs off on %s: %.2fx recording the effects, %.2fx with the hashing thread"
              + " beside it (sequencer thread, medians of paired rounds); hashing needs %.0f ns"
              + " per command on its own thread, the sequencer %.0f ns",
          mix, recording, background, hashingNanos, sequencerNanos);
    }
  }

  /** One mode's runner, in its own class loader. */
  private record Mode(Object run, Method sequencerNanos, Method hashingNanos) {
    static Mode load(String mix, int commands, String mode) throws ReflectiveOperationException {
      ClassLoader loader =
          new URLClassLoader("hashing-" + mode, classPath(), ClassLoader.getPlatformClassLoader());
      Class<?> type = loader.loadClass(HashingRun.class.getName());
      Object run =
          type.getConstructor(String.class, int.class, String.class)
              .newInstance(mix, commands, mode);
      return new Mode(run, type.getMethod("sequencerNanos"), type.getMethod("hashingNanos"));
    }

    long sequencer() throws ReflectiveOperationException {
      return (long) sequencerNanos.invoke(run);
    }

    long hashing() throws ReflectiveOperationException {
      return (long) hashingNanos.invoke(run);
    }
  }

  private HashingCost() {}

  public static Result measure(String mix, int commands, int warmups, int rounds)
      throws ReflectiveOperationException {
    Mode off = Mode.load(mix, commands, "off");
    Mode recording = Mode.load(mix, commands, "recording");
    Mode background = Mode.load(mix, commands, "background");
    for (int i = 0; i < warmups; i++) {
      off.sequencer();
      recording.sequencer();
      background.sequencer();
      off.hashing();
    }
    double[] recordingRatios = new double[rounds];
    double[] backgroundRatios = new double[rounds];
    long[] offNanos = new long[rounds];
    long[] hashing = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long rec;
      long bg;
      if (i % 2 == 0) {
        offNanos[i] = off.sequencer();
        rec = recording.sequencer();
        bg = background.sequencer();
      } else {
        bg = background.sequencer();
        rec = recording.sequencer();
        offNanos[i] = off.sequencer();
      }
      recordingRatios[i] = (double) offNanos[i] / rec;
      backgroundRatios[i] = (double) offNanos[i] / bg;
      hashing[i] = off.hashing();
    }
    return new Result(
        mix,
        Medians.of(recordingRatios),
        Medians.of(backgroundRatios),
        Medians.of(offNanos) / commands,
        Medians.of(hashing) / commands);
  }

  /** The jars or class folders of the bench, the engine and the node's hashing thread. */
  private static URL[] classPath() {
    return Stream.of(HashingRun.class, Sequencer.class, BackgroundStateHasher.class)
        .map(HashingCost::location)
        .distinct()
        .toArray(URL[]::new);
  }

  private static URL location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toUri()
          .toURL();
    } catch (URISyntaxException | MalformedURLException e) {
      throw new IllegalStateException("no class path entry for " + type.getName(), e);
    }
  }
}

package dev.sable.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** What the bench commands share: JMH settings, the report header, the results file. */
final class BenchReport {
  private BenchReport() {}

  /** One fork; --quick: 2 warm-up and 3 measured iterations of 2 s, else 5 and 5 of 5 s. */
  static Options jmhOptions(Class<?> benchmark, boolean quick) {
    return new OptionsBuilder()
        .include(benchmark.getName() + ".*")
        .forks(1)
        .warmupIterations(quick ? 2 : 5)
        .warmupTime(TimeValue.seconds(quick ? 2 : 5))
        .measurementIterations(quick ? 3 : 5)
        .measurementTime(TimeValue.seconds(quick ? 2 : 5))
        .jvmArgsAppend("-Xmx2g")
        .build();
  }

  /**
   * The command line ({@code ./sable bench NAME} with its flags, {@code extraFlags} after the
   * common ones), date, JVM and CPU lines every JMH report starts with (a mutable list).
   */
  static List<String> header(
      String name, boolean quick, ResultsOption results, String... extraFlags) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "command: ./sable bench "
            + name
            + (quick ? " --quick" : "")
            + (results.save ? " --save" : "")
            + String.join(
                "",
                Arrays.stream(extraFlags).filter(f -> !f.isEmpty()).map(f -> " " + f).toList()));
    lines.add("date: " + Instant.now());
    lines.add(
        "jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    lines.add(
        "cpus: " + Runtime.getRuntime().availableProcessors() + " (shared; figures are noisy)");
    return lines;
  }

  /**
   * Other builds share this machine's cores: the figures depend on them, so say how busy it was.
   */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Writes NAME-TIME.txt into {@code dir} (already checked writable) and prints it. */
  static Path save(Path dir, String name, List<String> lines) throws IOException {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    Path file = dir.resolve(name + "-" + stamp + ".txt");
    Files.write(file, lines);
    System.out.println();
    System.out.println("results: " + file);
    lines.forEach(System.out::println);
    return file;
  }
}

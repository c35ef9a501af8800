package dev.sable.node;

import java.nio.file.Path;

/**
 * A node in a child process for the kill test: no L1, any free port, the settings of the second
 * argument (YAML, optional); prints its progress lines, then "PORT n" when ready, and runs until
 * killed.
 */
public final class KillTarget {
  private KillTarget() {}

  public static void main(String[] args) throws InterruptedException {
    String settings = args.length > 1 ? args[1] : "";
    Node node =
        Node.start(
            TestNodes.config(Path.of(args[0]), "schedule: {tickMs: 50}\n" + settings),
            null,
            line -> System.out.println("PROGRESS " + line));
    System.out.println("PORT " + node.httpPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}

package dev.sable.node;

import java.nio.file.Path;

/**
 * A node in a child process for the kill test: no L1, any free port; prints "PORT n" when ready and
 * runs until killed.
 */
public final class KillTarget {
  private KillTarget() {}

  public static void main(String[] args) throws InterruptedException {
    Node node = TestNodes.start(Path.of(args[0]), "schedule: {tickMs: 50}\n");
    System.out.println("PORT " + node.httpPort());
    System.out.flush();
    Thread.currentThread().join();
  }
}

package dev.sable.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A burst of writes posted to an event loop runs in one of its tasks, in the order posted, at most
 * {@link LoopOutbox#RUN} to a task, and none is left behind.
 */
class LoopOutboxTest {
  /** A loop that runs its tasks only when told, so the test sees each hand-over. */
  private static final class ManualLoop implements java.util.concurrent.Executor {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runOne() {
      tasks.remove().run();
    }
  }

  @Test
  void aBurstIsOneTaskOfTheLoopInOrder() {
    ManualLoop loop = new ManualLoop();
    LoopOutbox outbox = new LoopOutbox(loop);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      outbox.execute(() -> ran.add(n));
    }
    assertThat(loop.tasks).hasSize(1);
    assertThat(ran).isEmpty();
    loop.runOne();
    assertThat(ran).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    assertThat(loop.tasks).isEmpty();

    outbox.execute(() -> ran.add(100));
    assertThat(loop.tasks).as("a write after the drain is handed over again").hasSize(1);
    loop.runOne();
    assertThat(ran).hasSize(101).endsWith(100);
  }

  @Test
  void aTaskRunsAtMostOneRunThenYieldsTheLoop() {
    ManualLoop loop = new ManualLoop();
    LoopOutbox outbox = new LoopOutbox(loop);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < LoopOutbox.RUN + 5; i++) {
      int n = i;
      outbox.execute(() -> ran.add(n));
    }
    loop.runOne();
    assertThat(ran).hasSize(LoopOutbox.RUN);
    assertThat(loop.tasks).hasSize(1);
    loop.runOne();
    assertThat(ran).hasSize(LoopOutbox.RUN + 5).endsWith(LoopOutbox.RUN + 4);
    assertThat(loop.tasks).isEmpty();
  }

  @Test
  void aWriteThatThrowsLeavesNoneBehind() {
    ManualLoop loop = new ManualLoop();
    LoopOutbox outbox = new LoopOutbox(loop);
    List<Integer> ran = new ArrayList<>();
    outbox.execute(
        () -> {
          throw new IllegalStateException("socket gone");
        });
    outbox.execute(() -> ran.add(1));
    assertThatThrownBy(loop::runOne).isInstanceOf(IllegalStateException.class);
    assertThat(loop.tasks).hasSize(1);
    loop.runOne();
    assertThat(ran).containsExactly(1);
  }

  @Test
  void postsFromManyThreadsAllRunOnTheLoopThread() throws Exception {
    ExecutorService loopThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "loop"));
    ExecutorService posters = Executors.newFixedThreadPool(4);
    try {
      LoopOutbox outbox = new LoopOutbox(loopThread);
      int perThread = 20_000;
      CountDownLatch done = new CountDownLatch(4 * perThread);
      List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 4; t++) {
        posters.execute(
            () -> {
              for (int i = 0; i < perThread; i++) {
                outbox.execute(
                    () -> {
                      if (!Thread.currentThread().getName().equals("loop")) {
                        threads.add(Thread.currentThread().getName());
                      }
                      done.countDown();
                    });
              }
            });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).as("every write ran").isTrue();
      assertThat(threads).as("writes run off the loop").isEmpty();
    } finally {
      posters.shutdownNow();
      loopThread.shutdownNow();
    }
  }
}

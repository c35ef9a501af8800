package dev.sable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.devnet.DevnetException;
import dev.sable.devnet.MissingToolException;
import dev.sable.l1.BatchRejectedException;
import dev.sable.prover.NativeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class FailureReportTest {

  /** A command that fails with the exception it is given. */
  @Command(name = "fail")
  static final class Failing implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    private final Exception failure;

    Failing(Exception failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      throw failure;
    }
  }

  record Outcome(int code, String err) {}

  static Outcome run(Exception failure, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cmd = CommandLines.create(new Failing(failure));
    cmd.setErr(new PrintWriter(err, true));
    return new Outcome(cmd.execute(args), err.toString());
  }

  @Test
  void eachKindOfFailureHasItsExitCodeAndOneLine() {
    Object[][] cases = {
      {new UsageException("--x must be 1"), 2},
      {new MissingToolException("anvil is missing: run scripts/setup.sh"), 3},
      {new NativeException("prove state-update-d24: constraint not satisfied"), 4},
      {new DevnetException("anvil exited with code 3; its last output: boom"), 5},
      {new BatchRejectedException("InvalidProof()", "0xab"), 5},
      {new UncheckedIOException("writing x", new IOException("disk full")), 6},
      {new IOException("disk full"), 6},
      {new IllegalStateException("unexpected\nsecond line"), 70},
    };
    for (Object[] c : cases) {
      Exception e = (Exception) c[0];
      Outcome o = run(e);
      assertThat(o.code()).as(e.toString()).isEqualTo(c[1]);
      assertThat(o.err().lines()).as(o.err()).hasSize(1);
      assertThat(o.err()).startsWith("fail: ").doesNotContain("\tat ");
    }
  }

  @Test
  void anInternalErrorNamesItselfAndAsksForTheVerboseTrace() {
    Outcome o = run(new IllegalStateException("unexpected\nsecond line"));
    assertThat(o.err().strip())
        .isEqualTo(
            "fail: internal error: IllegalStateException: unexpected / second line (a bug: rerun"
                + " with --verbose and report the stack trace)");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Outcome o = run(new DevnetException("anvil died"), "--verbose");
    assertThat(o.code()).isEqualTo(5);
    assertThat(o.err().lines().findFirst()).contains("fail: anvil died");
    assertThat(o.err()).contains("\tat ").contains(DevnetException.class.getName());
  }
}

package dev.sable.cli;

import dev.sable.l1.L1Rpc;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Option;

/**
 * How long a command's L1 client waits for each answer of L1's RPC, as the node's {@code
 * l1.rpcTimeoutSeconds} (same default and range): a picocli mixin of every command that talks to L1
 * ({@code sable trader ...}, {@code sable verify}). web3j's own 10 s was seen to expire under load.
 */
final class L1RpcTimeout {
  static final String OPTION = "--l1-rpc-timeout";

  @Option(
      names = OPTION,
      defaultValue = "60",
      paramLabel = "SECONDS",
      description =
          "How long to wait for each answer of L1's RPC, 1 to 3600 (the node's"
              + " l1.rpcTimeoutSeconds; default: ${DEFAULT-VALUE}).")
  int seconds;

  /** The timeout; a usage error outside 1 to 3600 seconds. */
  Duration timeout() {
    if (seconds < 1 || seconds > 3_600) {
      throw new UsageException(OPTION + " must be 1 to 3600 seconds, not " + seconds);
    }
    return Duration.ofSeconds(seconds);
  }

  /** A web3j client of {@code rpc} that waits {@link #timeout} for each read or write. */
  Web3j connect(URI rpc) {
    return L1Rpc.connect(rpc.toString(), timeout());
  }

  /**
   * L1 did not answer at {@code rpc} while doing {@code what}: one line, naming this option when
   * the wait ran out.
   */
  L1Exception unreachable(URI rpc, String what, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return new L1Exception(
            "L1 at "
                + rpc
                + " did not answer within "
                + seconds
                + " s "
                + what
                + " ("
                + OPTION
                + ")",
            e);
      }
    }
    return L1Exception.unreachable(rpc, what, e);
  }
}

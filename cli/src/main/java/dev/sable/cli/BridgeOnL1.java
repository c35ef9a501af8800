package dev.sable.cli;

import java.net.URI;
import java.util.HexFormat;
import org.web3j.protocol.Web3j;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The L1 RPC and settlement bridge of a command that works from L1 data alone ({@code sable
 * verify}, {@code sable trader exit}): a picocli mixin.
 */
final class BridgeOnL1 {
  @Option(names = "--l1-rpc", required = true, paramLabel = "URL", description = "L1's RPC.")
  URI l1Rpc;

  @Option(
      names = "--bridge",
      required = true,
      paramLabel = "ADDRESS",
      description = "The settlement bridge's address.")
  String bridge;

  @Mixin L1RpcTimeout timeout;

  /** A client of --l1-rpc that waits --l1-rpc-timeout for each answer. */
  Web3j connect() {
    return timeout.connect(l1Rpc);
  }

  /** --l1-rpc did not answer while doing {@code what}. */
  L1Exception unreachable(String what, Exception e) {
    return timeout.unreachable(l1Rpc, what, e);
  }

  /** The bridge's address as 0x and 40 hex digits; a usage error naming --bridge otherwise. */
  String bridgeAddress() {
    return "0x" + HexFormat.of().formatHex(TraderTransfers.address(bridge, "--bridge"));
  }
}

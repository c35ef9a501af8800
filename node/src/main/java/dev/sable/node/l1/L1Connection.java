package dev.sable.node.l1;

import dev.sable.l1.SettlementBridgeClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/**
 * An open L1: the settlement bridge the node posts to (used by the operator), the chain, and the
 * operator account that posts.
 */
public interface L1Connection extends AutoCloseable {
  SettlementBridgeClient bridge();

  long chainId();

  Credentials operator();

  Web3j web3j();

  String rpcUrl();

  @Override
  void close();
}

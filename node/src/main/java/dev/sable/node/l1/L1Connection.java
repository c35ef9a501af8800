package dev.sable.node.l1;

import dev.sable.l1.BridgeClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;

/** An open L1: the bridge the node posts to, the chain, and the operator account that posts. */
public interface L1Connection extends AutoCloseable {
  BridgeClient bridge();

  long chainId();

  Credentials operator();

  Web3j web3j();

  String rpcUrl();

  @Override
  void close();
}

package dev.sable.node.demo;

import dev.sable.prover.NativePoseidon2;
import java.math.BigInteger;

/**
 * The demo's account leaf: Poseidon2 compress of (account index, collateral). A stand-in until the
 * account leaf layout of docs/state.md is wired into the node; the circuit treats leaves as opaque
 * field elements, so only this encoding changes then.
 */
final class DemoLeaf {
  private DemoLeaf() {}

  static BigInteger of(long account, BigInteger collateral) {
    return NativePoseidon2.compress(BigInteger.valueOf(account), collateral);
  }
}

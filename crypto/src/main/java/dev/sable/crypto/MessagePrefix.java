package dev.sable.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Merkle-Damgard state after a signed message's constant prefix, H(tag, chainId, contract),
 * kept per kind and deployment: every message of a deployment starts with it, so hashing a message
 * costs three compressions less. The values do not depend on which {@link FieldHasher} implements
 * Poseidon2.
 */
final class MessagePrefix {
  private record Key(Fr tag, Deployment deployment) {}

  private static final Map<Key, Fr> PREFIXES = new ConcurrentHashMap<>();

  private MessagePrefix() {}

  static Fr of(Fr tag, Deployment d) {
    return PREFIXES.computeIfAbsent(
        new Key(tag, d), k -> Poseidon2.INSTANCE.hash(tag, Fr.ofLong(d.chainId()), d.contract()));
  }
}

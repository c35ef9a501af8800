package dev.sable.state.settlement;

import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.InvalidEncodingException;
import java.util.Optional;

/**
 * An EdDSA public key as leaves and deposits hold it: affine coordinates, both circuit inputs. (0,
 * 0) is no key: the keyless insurance fund, an unused oracle source; it can never sign.
 */
public record KeyPoint(Fr x, Fr y) {
  public static final KeyPoint NONE = new KeyPoint(Fr.ZERO, Fr.ZERO);

  public static KeyPoint of(EdDsaPublicKey key) {
    return new KeyPoint(key.x(), key.y());
  }

  /**
   * The key, if this point is a valid one (on the curve, not the identity, in the prime-order
   * subgroup: docs/state.md, section 6); empty otherwise, (0, 0) included.
   */
  public Optional<EdDsaPublicKey> validated() {
    try {
      return Optional.of(EdDsaPublicKey.fromAffine(x, y));
    } catch (InvalidEncodingException e) {
      return Optional.empty();
    }
  }
}

package dev.sable.node.intake;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.FieldHasher;
import dev.sable.crypto.sealed.SignedRequest;

/**
 * How intake checks a request's signature: the message hash with a Poseidon2 implementation and the
 * EdDSA equation with a verifier. The node passes the native ones where the library loads (the
 * pure-Java ones otherwise, and in tests): both accept exactly the same signatures. The native
 * verifier hashes the message and checks the signature in one call.
 */
public record SignatureCheck(FieldHasher hasher, EdDsaVerifier verifier) {
  /** Whether the request is signed by key for the deployment. */
  boolean verifies(EdDsaPublicKey key, SignedRequest request, Deployment deployment) {
    return verifier.verifySigned(key, request.message(), deployment, request.signature(), hasher);
  }
}

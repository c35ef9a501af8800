package dev.sable.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The prefix kept for the last lookup never stands in for another tag or deployment: lookups that
 * alternate between tags and deployments, by equal but distinct objects too, each give the prefix
 * computed from scratch.
 */
class MessagePrefixTest {
  static Fr direct(Fr tag, Deployment d) {
    return Poseidon2.INSTANCE.hash(tag, Fr.ofLong(d.chainId()), d.contract());
  }

  @Test
  void everyLookupGivesItsOwnTagsAndDeploymentsPrefix() {
    Deployment a = new Deployment(1, Fr.ofLong(0xabcdef));
    Deployment sameAsA = new Deployment(1, Fr.ofLong(0xabcdef));
    Deployment otherChain = new Deployment(2, Fr.ofLong(0xabcdef));
    Deployment otherContract = new Deployment(1, Fr.ofLong(0xabcdee));
    Fr[] tags = {DomainTag.ORDER2, DomainTag.FILL, DomainTag.ORDER2};
    for (int round = 0; round < 3; round++) {
      for (Fr tag : tags) {
        for (Deployment d : new Deployment[] {a, otherChain, a, sameAsA, otherContract, a}) {
          assertThat(MessagePrefix.of(tag, d)).isEqualTo(direct(tag, d));
        }
      }
    }
    assertThat(MessagePrefix.of(DomainTag.ORDER2, a))
        .isNotEqualTo(MessagePrefix.of(DomainTag.ORDER2, otherChain))
        .isNotEqualTo(MessagePrefix.of(DomainTag.ORDER2, otherContract));
  }
}

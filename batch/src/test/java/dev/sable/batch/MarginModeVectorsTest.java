package dev.sable.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPublicKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.state.FillSlotLeaf;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * testdata/vectors/modeswitch.txt, made by Go (circuits/ledger modeswitch.go, the message the
 * settlement circuit's switch slots verify; docs/settlement.md "The margin-mode switch"): Java's
 * {@link MarginModeMessage} hashes to Go's, Go's signature verifies under the account's key in Java
 * and not for the other mode, and the fill slot a switch leaves is {@link FillSlotLeaf#CLOSED}'s.
 */
class MarginModeVectorsTest {

  @Test
  void everySwitchMatchesGo() throws IOException {
    int switches = 0;
    for (VectorRecord r : VectorFiles.read("modeswitch.txt")) {
      assertThat(r.kind()).isEqualTo("mode.switch");
      Deployment d = new Deployment(r.longValue("chain"), r.fr("contract"));
      long mode = r.longValue("mode");
      MarginModeMessage m =
          new MarginModeMessage(r.longValue("account"), mode, r.longValue("request"));
      Fr hash = m.hash(d);
      assertThat(hash).as("hash of %s", r).isEqualTo(r.fr("hash"));
      EdDsaPublicKey key = EdDsaPublicKey.fromAffine(r.fr("keyx"), r.fr("keyy"));
      assertThat(key.verify(hash, r.bytes("sig"))).as("signature of %s", r).isTrue();
      MarginModeMessage other = new MarginModeMessage(m.accountIndex(), 1 - mode, m.requestId());
      assertThat(key.verify(other.hash(d), r.bytes("sig"))).as("the other mode").isFalse();
      assertThat(new FillSlotLeaf(m.requestId(), FillSlotLeaf.CLOSED).hash())
          .isEqualTo(r.fr("fill"));
      switches++;
    }
    assertThat(switches).isEqualTo(3);
  }
}

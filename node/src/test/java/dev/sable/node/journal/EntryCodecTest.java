package dev.sable.node.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaPrivateKey;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.sequencer.codec.CommandCodec;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journal's entry format (docs/node.md, "The journal"): the command in the sequencer's
 * canonical encoding, and beside it the trader's signed request, byte for byte as it was sealed.
 */
class EntryCodecTest {
  private static final Deployment D = new Deployment(31337, Fr.ofLong(0xb41d9e));
  private static final EdDsaPrivateKey KEY = EdDsaPrivateKey.fromSeed(new byte[32]);
  private static final OrderMessage ORDER = new OrderMessage(3, 0, 7, 1, 0, 1000, 20, 0, 0, 0);

  private static List<SignedRequest> requests() {
    CancelMessage cancel = new CancelMessage(3, 7);
    OrderMessage amend = ORDER.amend(1005, 10);
    WithdrawalMessage w = new WithdrawalMessage(3, 500, Fr.ofLong(0xE0A1), 0);
    MarginModeMessage mode = new MarginModeMessage(3, 1, 8);
    return List.of(
        new SignedRequest.MarginMode(mode, KEY.sign(mode.hash(D))),
        new SignedRequest.Order(ORDER, KEY.sign(ORDER.hashV2(D))),
        new SignedRequest.Amend(amend, ORDER.clientOrderId(), KEY.sign(amend.hashV2(D))),
        new SignedRequest.Cancel(cancel, KEY.sign(cancel.hash(D))),
        new SignedRequest.Withdrawal(w, KEY.sign(w.hashV2(D))));
  }

  static byte[] bytes(int n, int first) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  @Test
  void everyProvenanceRoundTripsWithItsCommand() {
    for (SignedRequest r : requests()) {
      Command c = new Command.CancelOrder(3, 7);
      JournalEntry back =
          EntryCodec.decode(9, EntryCodec.encode(new JournalEntry(9, c, new Provenance.Signed(r))));
      assertThat(back.sequence()).isEqualTo(9);
      assertThat(back.command()).isEqualTo(c);
      assertThat(((Provenance.Signed) back.provenance()).request()).isEqualTo(r);
    }
    byte[] key = KEY.publicKey().encode();
    JournalEntry deposit =
        new JournalEntry(
            2, new Command.Deposit(3, 100, AccountKey.of(key)), new Provenance.Registration(key));
    assertThat(EntryCodec.decode(2, EntryCodec.encode(deposit)))
        .usingRecursiveComparison()
        .isEqualTo(deposit);
    JournalEntry tick = new JournalEntry(4, new Command.TimeTick(5), Provenance.NODE);
    assertThat(EntryCodec.decode(4, EntryCodec.encode(tick))).isEqualTo(tick);
    JournalEntry l1 =
        new JournalEntry(
            5,
            new Command.Deposit(3, 1_000, AccountKey.INVALID),
            new Provenance.L1Deposit(
                3, 5, bytes(20, 1), bytes(32, 2), bytes(32, 3), bytes(32, 4), 99, bytes(32, 5)));
    assertThat(EntryCodec.decode(5, EntryCodec.encode(l1)))
        .usingRecursiveComparison()
        .isEqualTo(l1);
    JournalEntry price =
        new JournalEntry(
            6,
            new Command.OraclePrice(0, 0, 3000, 77),
            new Provenance.OracleSignature(bytes(96, 9)));
    byte[] value = EntryCodec.encode(price);
    assertThat(value[1]).isEqualTo((byte) 4); // an oracle's signature
    assertThat(Arrays.copyOfRange(value, 2, 98)).isEqualTo(bytes(96, 9));
    assertThat(EntryCodec.decode(6, value)).usingRecursiveComparison().isEqualTo(price);
    assertThatThrownBy(
            () ->
                EntryCodec.encode(
                    new JournalEntry(
                        6,
                        new Command.OraclePrice(0, 0, 3000, 77),
                        new Provenance.OracleSignature(bytes(64, 9)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anL1RequestRoundTripsInItsDocumentedLayoutAndATruncatedOneIsRefused() {
    JournalEntry forced =
        new JournalEntry(
            7,
            new Command.ForcedWithdrawal(3, 5_000, 2, false),
            new Provenance.L1Request(
                4, bytes(20, 1), bytes(32, 2), bytes(32, 3), bytes(32, 4), 99, bytes(32, 5)));
    byte[] value = EntryCodec.encode(forced);
    ByteBuffer in = ByteBuffer.wrap(value);
    assertThat(in.get()).isEqualTo((byte) 2); // format
    assertThat(in.get()).isEqualTo((byte) 5); // an L1 request
    assertThat(in.getLong()).isEqualTo(4); // its queue index
    assertThat(Arrays.copyOfRange(value, 10, 30)).isEqualTo(bytes(20, 1)); // the recipient
    assertThat(Arrays.copyOfRange(value, 30 + 96, 30 + 96 + 8))
        .isEqualTo(ByteBuffer.allocate(8).putLong(99).array()); // the block
    assertThat(Arrays.copyOfRange(value, 30 + 96 + 8 + 32, value.length))
        .isEqualTo(CommandCodec.INSTANCE.toBytes(forced.command()));
    assertThat(EntryCodec.decode(7, value)).usingRecursiveComparison().isEqualTo(forced);
    assertThatThrownBy(() -> EntryCodec.decode(7, Arrays.copyOf(value, 60)))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("journal entry 7");
    assertThatThrownBy(
            () ->
                EntryCodec.encode(
                    new JournalEntry(
                        7,
                        forced.command(),
                        new Provenance.L1Request(
                            4,
                            bytes(32, 1),
                            bytes(32, 2),
                            bytes(32, 3),
                            bytes(32, 4),
                            99,
                            bytes(32, 5)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    assertThat(
            HexFormat.of()
                .formatHex(
                    EntryCodec.encode(
                        new JournalEntry(1, new Command.TimeTick(5), Provenance.NODE))))
        .isEqualTo("0200" + "0b0000000000000005");
    SignedRequest order = requests().get(0);
    Command place =
        Command.PlaceOrder.limit(3, 0, 7, dev.sable.sequencer.command.Side.SELL, 1000, 20);
    byte[] value = EntryCodec.encode(new JournalEntry(1, place, new Provenance.Signed(order)));
    byte[] request = RequestCodec.encode(order);
    ByteBuffer in = ByteBuffer.wrap(value);
    assertThat(in.get()).isEqualTo((byte) 2); // format
    assertThat(in.get()).isEqualTo((byte) 1); // a signed request
    assertThat(in.getShort()).isEqualTo((short) request.length);
    byte[] kept = new byte[request.length];
    in.get(kept);
    assertThat(kept).isEqualTo(request); // the bytes the trader sealed
    byte[] rest = Arrays.copyOfRange(value, in.position(), value.length);
    assertThat(rest).isEqualTo(CommandCodec.INSTANCE.toBytes(place)); // the canonical command
  }

  @Test
  void aValueThatIsNotExactlyOneEntryIsRefusedNamingTheEntry() {
    byte[] good =
        EntryCodec.encode(
            new JournalEntry(
                1, new Command.CancelOrder(3, 7), new Provenance.Signed(requests().get(2))));
    byte[] otherFormat = good.clone();
    otherFormat[0] = 1; // before a margin-mode switch carried its request id
    byte[] otherKind = good.clone();
    otherKind[1] = 7;
    byte[] corruptRequest = good.clone();
    corruptRequest[4] = 1; // the request's version
    byte[] corruptCommand = good.clone();
    corruptCommand[good.length - 13] = 0x7f; // the command's tag
    for (byte[] bad :
        List.of(
            otherFormat,
            otherKind,
            corruptRequest,
            corruptCommand,
            Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length + 1),
            Arrays.copyOf(good, 3),
            new byte[0])) {
      assertThatThrownBy(() -> EntryCodec.decode(42, bad))
          .isInstanceOf(JournalException.class)
          .hasMessageContaining("journal entry 42");
    }
  }
}

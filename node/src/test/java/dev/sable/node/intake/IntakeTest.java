package dev.sable.node.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sable.crypto.CancelMessage;
import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaVerifier;
import dev.sable.crypto.Fr;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.Poseidon2;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.crypto.sealed.NodeIntakeKey;
import dev.sable.crypto.sealed.RequestCodec;
import dev.sable.crypto.sealed.SealedMessage;
import dev.sable.crypto.sealed.SignedRequest;
import dev.sable.node.TestMarkets;
import dev.sable.node.error.ErrorCode;
import dev.sable.node.error.NodeError;
import dev.sable.node.journal.GroupCommitter;
import dev.sable.node.journal.Journal;
import dev.sable.node.journal.JournalEntry;
import dev.sable.node.journal.NodeDatabase;
import dev.sable.node.journal.Provenance;
import dev.sable.sdk.RequestSealer;
import dev.sable.sdk.RequestSigner;
import dev.sable.sdk.TraderKey;
import dev.sable.sequencer.command.AccountKey;
import dev.sable.sequencer.command.Command;
import dev.sable.sequencer.market.MarketSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake under attack: each refusal below is an attempt that must fail with its code. */
class IntakeTest {
  static final Deployment DEPLOYMENT = new Deployment(31337, Fr.ofLong(0xb41d9e));
  static final long NOW = 1_000_000;
  static final MarketSpec SPEC = TestMarkets.SPEC;

  @TempDir Path dir;
  private final NodeIntakeKey nodeKey = NodeIntakeKey.generate(new SecureRandom());
  private final TraderKey alice = TraderKey.fromSeed(seed(1));
  private final TraderKey mallory = TraderKey.fromSeed(seed(2));
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private NodeDatabase db;
  private Journal journal;
  private GroupCommitter committer;
  private AccountKeys keys;
  private Intake intake;
  private long aliceIndex;

  @BeforeEach
  void start() throws Exception {
    db = NodeDatabase.open(dir);
    journal = new Journal(db);
    keys = new AccountKeys();
    committer = new GroupCommitter(journal, new IntakeGate(keys), e -> {}, 1024, metrics);
    committer.start();
    MarketCatalog markets = new MarketCatalog();
    markets.listed(0, SPEC);
    intake =
        new Intake(
            nodeKey,
            DEPLOYMENT,
            keys,
            markets,
            committer,
            Runnable::run,
            () -> NOW,
            new SignatureCheck(Poseidon2.INSTANCE, EdDsaVerifier.JAVA),
            100,
            metrics);
    long seq = register(alice);
    aliceIndex = ((Command.Deposit) journal.entry(seq).command()).account();
  }

  @AfterEach
  void stop() {
    committer.close();
    db.close();
  }

  private long register(TraderKey key) throws Exception {
    return committer
        .submit(
            new Command.Deposit(
                IntakeGate.NEW_ACCOUNT, 1_000_000, AccountKey.of(key.publicKey().encode())),
            new Provenance.Registration(key.publicKey().encode()))
        .get(5, TimeUnit.SECONDS);
  }

  private static byte[] seed(int n) {
    byte[] s = new byte[32];
    s[0] = (byte) n;
    return s;
  }

  private OrderMessage order(long clientOrderId) {
    return new OrderMessage(aliceIndex, 0, clientOrderId, 0, 0, 1000, 20, 0, 0, 0);
  }

  private SealedMessage sealed(SignedRequest r) {
    return new RequestSealer(nodeKey.publicKey(), DEPLOYMENT).seal(r);
  }

  private SealedMessage signedBy(TraderKey key, OrderMessage m) {
    return sealed(new RequestSigner(key.privateKey(), DEPLOYMENT).order(m));
  }

  private long submit(RequestKind kind, SealedMessage m) {
    try {
      return intake.submit(kind, m).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause() instanceof CompletionException ce ? ce.getCause() : e.getCause();
      throw (RuntimeException) c;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void refused(RequestKind kind, SealedMessage m, ErrorCode code) {
    long before = journal.lastSequence();
    assertThatThrownBy(() -> submit(kind, m))
        .isInstanceOf(NodeError.class)
        .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo(code));
    assertThat(journal.lastSequence()).as("nothing journaled").isEqualTo(before);
  }

  @Test
  void aValidOrderIsJournaledWithItsSignedVersionTwoMessage() {
    SignedRequest.Order signed = signer().order(order(7));
    long seq = submit(RequestKind.ORDER, sealed(signed));
    JournalEntry e = journal.entry(seq);
    assertThat(e.command()).isEqualTo(SignedCommands.command(signed));
    assertThat(((Command.PlaceOrder) e.command()).clientOrderId()).isEqualTo(7);
    SignedRequest kept = ((Provenance.Signed) e.provenance()).request();
    assertThat(kept).isEqualTo(signed);
    // the journal keeps the plaintext the trader sealed, as it was opened
    assertThat(((Provenance.Signed) e.provenance()).bytes()).isEqualTo(RequestCodec.encode(signed));
    // what the settlement circuit checks: the key over the v2 hash of the journaled message
    assertThat(alice.publicKey().verify(order(7).hashV2(DEPLOYMENT), kept.signature())).isTrue();
  }

  @Test
  void anOrderSignedOverTheRetiredVersionOneHashIsRefused() {
    OrderMessage m = order(7);
    SignedRequest.Order v1 =
        new SignedRequest.Order(m, alice.privateKey().sign(m.hash(DEPLOYMENT)));
    refused(RequestKind.ORDER, sealed(v1), ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void aReplayedOrderIsRefusedWhetherResentOrResealed() {
    SignedRequest.Order signed = new RequestSigner(alice.privateKey(), DEPLOYMENT).order(order(7));
    SealedMessage m = sealed(signed);
    submit(RequestKind.ORDER, m);
    refused(RequestKind.ORDER, m, ErrorCode.REPLAYED);
    refused(RequestKind.ORDER, sealed(signed), ErrorCode.REPLAYED);
  }

  @Test
  void anOlderOrderOfTheSameSlotIsRefused() {
    submit(RequestKind.ORDER, signedBy(alice, order(7 + 1024)));
    refused(RequestKind.ORDER, signedBy(alice, order(7)), ErrorCode.REPLAYED);
    submit(RequestKind.ORDER, signedBy(alice, order(8))); // another slot is fine
  }

  @Test
  void aTamperedCiphertextIsRefused() {
    SealedMessage m = signedBy(alice, order(7));
    byte[] ct = m.ciphertext();
    ct[10] ^= 1;
    refused(
        RequestKind.ORDER, new SealedMessage(m.enc(), m.seq(), ct), ErrorCode.DECRYPTION_FAILED);
  }

  @Test
  void anOrderSealedForAnotherChainIsRefused() {
    SignedRequest.Order signed = new RequestSigner(alice.privateKey(), DEPLOYMENT).order(order(7));
    SealedMessage other =
        new RequestSealer(nodeKey.publicKey(), new Deployment(1, DEPLOYMENT.contract()))
            .seal(signed);
    refused(RequestKind.ORDER, other, ErrorCode.DECRYPTION_FAILED);
  }

  @Test
  void anOrderSignedByAnotherKeyIsRefused() {
    refused(RequestKind.ORDER, signedBy(mallory, order(7)), ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void anOrderSignedForAnotherDeploymentIsRefused() {
    SignedRequest.Order elsewhere =
        new RequestSigner(alice.privateKey(), new Deployment(31337, Fr.ofLong(1))).order(order(7));
    refused(RequestKind.ORDER, sealed(elsewhere), ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void aSignatureOfOneOrderDoesNotCarryAnother() {
    SignedRequest.Order signed = new RequestSigner(alice.privateKey(), DEPLOYMENT).order(order(7));
    OrderMessage bigger = new OrderMessage(aliceIndex, 0, 7, 0, 0, 1000, 30, 0, 0, 0);
    refused(
        RequestKind.ORDER,
        sealed(new SignedRequest.Order(bigger, signed.signature())),
        ErrorCode.BAD_SIGNATURE);
  }

  @Test
  void unknownAccountsAndMarketsAreRefused() {
    OrderMessage stranger = new OrderMessage(999, 0, 1, 0, 0, 1000, 20, 0, 0, 0);
    refused(RequestKind.ORDER, signedBy(alice, stranger), ErrorCode.UNKNOWN_ACCOUNT);
    OrderMessage noMarket = new OrderMessage(aliceIndex, 3, 1, 0, 0, 1000, 20, 0, 0, 0);
    refused(RequestKind.ORDER, signedBy(alice, noMarket), ErrorCode.UNKNOWN_MARKET);
  }

  @Test
  void valuesAtAndPastTheMarketsBoundsAreCheckedEarly() {
    submit(RequestKind.ORDER, signedBy(alice, withPriceQty(1, 1_000_000, 10_000))); // at bounds
    refused(
        RequestKind.ORDER,
        signedBy(alice, withPriceQty(2, 1_000_005, 10)),
        ErrorCode.PRICE_ABOVE_MAX);
    refused(RequestKind.ORDER, signedBy(alice, withPriceQty(3, 1001, 10)), ErrorCode.BAD_TICK);
    refused(RequestKind.ORDER, signedBy(alice, withPriceQty(4, 1000, 15)), ErrorCode.BAD_LOT);
    refused(
        RequestKind.ORDER,
        signedBy(alice, withPriceQty(5, 1000, 10_010)),
        ErrorCode.QUANTITY_ABOVE_MAX);
  }

  private OrderMessage withPriceQty(long id, long price, long qty) {
    return new OrderMessage(aliceIndex, 0, id, 0, 0, price, qty, 0, 0, 0);
  }

  @Test
  void anExpiredOrderIsRefused() {
    OrderMessage expired = new OrderMessage(aliceIndex, 0, 1, 0, 0, 1000, 20, 0, NOW, 0);
    refused(RequestKind.ORDER, signedBy(alice, expired), ErrorCode.EXPIRED);
    OrderMessage live = new OrderMessage(aliceIndex, 0, 2, 0, 0, 1000, 20, 0, NOW + 1, 0);
    submit(RequestKind.ORDER, signedBy(alice, live));
  }

  @Test
  void aCancelPostedAsAnOrderIsRefused() {
    SignedRequest.Cancel c =
        new RequestSigner(alice.privateKey(), DEPLOYMENT).cancel(new CancelMessage(aliceIndex, 7));
    refused(RequestKind.ORDER, sealed(c), ErrorCode.WRONG_REQUEST_KIND);
    submit(RequestKind.CANCEL, sealed(c));
  }

  @Test
  void anAmendIsANewOrderOfAnOccupiedSlotAndRetiresTheOrderItReplaces() {
    OrderMessage resting = order(7);
    OrderMessage amended = resting.amend(1005, 10);
    refused(
        RequestKind.AMEND, sealed(signer().amend(resting, amended)), ErrorCode.NOTHING_TO_AMEND);
    submit(RequestKind.ORDER, sealed(signer().order(resting)));
    SignedRequest.Amend signed = signer().amend(resting, amended);
    long seq = submit(RequestKind.AMEND, sealed(signed));
    JournalEntry e = journal.entry(seq);
    assertThat(e.command())
        .isEqualTo(new Command.AmendOrder((int) aliceIndex, 7, amended.clientOrderId(), 1005, 10));
    assertThat(((Provenance.Signed) e.provenance()).request()).isEqualTo(signed);
    // the amend cannot be replayed, and the order it replaced can never come back
    refused(RequestKind.AMEND, sealed(signed), ErrorCode.REPLAYED);
    refused(RequestKind.ORDER, sealed(signer().order(resting)), ErrorCode.REPLAYED);
    // an amend signed as an order is the wrong kind for the amend endpoint
    OrderMessage again = amended.amend(1010, 10);
    refused(RequestKind.AMEND, sealed(signer().order(again)), ErrorCode.WRONG_REQUEST_KIND);
    submit(RequestKind.AMEND, sealed(signer().amend(amended, again)));
  }

  @Test
  void anAmendSignedByAnotherKeyOrWithOtherTermsIsRefused() {
    submit(RequestKind.ORDER, sealed(signer().order(order(7))));
    OrderMessage amended = order(7).amend(1005, 10);
    refused(
        RequestKind.AMEND,
        sealed(new RequestSigner(mallory.privateKey(), DEPLOYMENT).amend(order(7), amended)),
        ErrorCode.BAD_SIGNATURE);
    SignedRequest.Amend signed = signer().amend(order(7), amended);
    refused(
        RequestKind.AMEND,
        sealed(new SignedRequest.Amend(order(7).amend(1005, 20), 7, signed.signature())),
        ErrorCode.BAD_SIGNATURE);
  }

  private WithdrawalMessage withdrawal(long amount, long nonce) {
    return new WithdrawalMessage(aliceIndex, amount, Fr.ofLong(0xE0A1), nonce);
  }

  @Test
  void aWithdrawalIsJournaledWithItsSignedMessageAndItsNonceIsNeverReused() {
    SignedRequest.Withdrawal first = signer().withdrawal(withdrawal(500, 0));
    long seq = submit(RequestKind.WITHDRAWAL, sealed(first));
    JournalEntry e = journal.entry(seq);
    assertThat(e.command()).isEqualTo(new Command.Withdraw((int) aliceIndex, 500, 0));
    assertThat(((Provenance.Signed) e.provenance()).request()).isEqualTo(first);
    refused(RequestKind.WITHDRAWAL, sealed(first), ErrorCode.REPLAYED);
    refused(
        RequestKind.WITHDRAWAL,
        sealed(signer().withdrawal(withdrawal(900, 0))),
        ErrorCode.REPLAYED); // another amount under a used nonce
    submit(RequestKind.WITHDRAWAL, sealed(signer().withdrawal(withdrawal(500, 1))));
  }

  @Test
  void aForgedOrRedirectedWithdrawalIsRefused() {
    refused(
        RequestKind.WITHDRAWAL,
        sealed(new RequestSigner(mallory.privateKey(), DEPLOYMENT).withdrawal(withdrawal(500, 0))),
        ErrorCode.BAD_SIGNATURE);
    SignedRequest.Withdrawal honest = signer().withdrawal(withdrawal(500, 0));
    WithdrawalMessage redirected =
        new WithdrawalMessage(aliceIndex, 500, Fr.ofLong(0xBAD), 0); // another recipient
    refused(
        RequestKind.WITHDRAWAL,
        sealed(new SignedRequest.Withdrawal(redirected, honest.signature())),
        ErrorCode.BAD_SIGNATURE);
    WithdrawalMessage m = withdrawal(500, 0);
    SignedRequest.Withdrawal v1 =
        new SignedRequest.Withdrawal(m, alice.privateKey().sign(m.hash(DEPLOYMENT)));
    refused(RequestKind.WITHDRAWAL, sealed(v1), ErrorCode.BAD_SIGNATURE);
    refused(RequestKind.ORDER, sealed(honest), ErrorCode.WRONG_REQUEST_KIND);
  }

  private RequestSigner signer() {
    return new RequestSigner(alice.privateKey(), DEPLOYMENT);
  }

  @Test
  void aRegisteredKeyKeepsItsAccountAndARestartRebuildsTheGuard() throws Exception {
    long again = register(alice);
    assertThat(((Command.Deposit) journal.entry(again).command()).account()).isEqualTo(aliceIndex);
    long malloryIndex = ((Command.Deposit) journal.entry(register(mallory)).command()).account();
    assertThat(malloryIndex).isEqualTo(aliceIndex + 1);
    SignedRequest.Order placed = signer().order(order(7));
    SignedRequest.Amend amend = signer().amend(order(8), order(8).amend(1005, 10));
    SignedRequest.Withdrawal withdrawal = signer().withdrawal(withdrawal(500, 3));
    submit(RequestKind.ORDER, sealed(placed));
    submit(RequestKind.ORDER, sealed(signer().order(order(8))));
    submit(RequestKind.AMEND, sealed(amend));
    submit(RequestKind.WITHDRAWAL, sealed(withdrawal));

    AccountKeys rebuiltKeys = new AccountKeys();
    IntakeGate rebuilt = new IntakeGate(rebuiltKeys);
    journal.replay(0, rebuilt::observe);
    assertThat(rebuiltKeys.key(malloryIndex)).isEqualTo(mallory.publicKey());
    for (SignedRequest replayed :
        java.util.List.of(placed, signer().order(order(8)), amend, withdrawal)) {
      assertThatThrownBy(
              () ->
                  rebuilt.admit(SignedCommands.command(replayed), new Provenance.Signed(replayed)))
          .isInstanceOf(NodeError.class)
          .satisfies(ex -> assertThat(((NodeError) ex).code()).isEqualTo(ErrorCode.REPLAYED));
    }
  }

  @Test
  void aBatchIsJournaledInTheOrderGivenAndEachRequestStandsAlone() throws Exception {
    submit(RequestKind.ORDER, sealed(signer().order(order(7))));
    List<SealedMessage> batch =
        List.of(
            sealed(signer().cancel(new CancelMessage(aliceIndex, 7))),
            sealed(new RequestSigner(mallory.privateKey(), DEPLOYMENT).order(order(8))),
            sealed(signer().order(order(9))),
            sealed(signer().withdrawal(withdrawal(5, 0))),
            sealed(signer().amend(order(9), order(9).amend(1005, 10))));
    List<CompletableFuture<Long>> acks =
        intake.submit(EnumSet.of(RequestKind.ORDER, RequestKind.AMEND, RequestKind.CANCEL), batch);
    long cancel = acks.get(0).get(5, TimeUnit.SECONDS);
    long order = acks.get(2).get(5, TimeUnit.SECONDS);
    long amend = acks.get(4).get(5, TimeUnit.SECONDS); // its order came first, in the same batch
    assertThat(List.of(cancel, order, amend)).isSorted();
    assertThat(journal.entry(cancel).command()).isInstanceOf(Command.CancelOrder.class);
    for (int i : new int[] {1, 3}) {
      assertThatThrownBy(() -> acks.get(i).join())
          .hasCauseInstanceOf(NodeError.class)
          .satisfies(
              e ->
                  assertThat(((NodeError) e.getCause()).code())
                      .isEqualTo(i == 1 ? ErrorCode.BAD_SIGNATURE : ErrorCode.WRONG_REQUEST_KIND));
    }
    assertThat(journal.lastSequence()).isEqualTo(amend);
  }

  @Test
  void refusalsAreCountedByCode() {
    refused(RequestKind.ORDER, signedBy(mallory, order(7)), ErrorCode.BAD_SIGNATURE);
    submit(RequestKind.ORDER, signedBy(alice, order(7)));
    assertThat(
            metrics.get("sable.intake.requests").tag("result", "BAD_SIGNATURE").counter().count())
        .isEqualTo(1);
    assertThat(metrics.get("sable.intake.requests").tag("result", "accepted").counter().count())
        .isEqualTo(1);
  }
}

package dev.sable.l1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One account's handle on a deployed SettlementBridge (docs/bridge.md): the operator submits
 * settlement batches; traders deposit and anyone claims credited withdrawals and refunds; all read
 * the bridge's state. {@link #as} gives the same bridge to another account. Every transaction
 * carries an explicit gas limit (no estimation: a reverting transaction must still reach the chain
 * and be rejected there, visibly); a reverted one throws {@link BridgeRevertedException} (for a
 * batch, {@link BatchRejectedException}) with the contract's custom error decoded.
 */
public final class SettlementBridgeClient implements RollupBridge {
  /** Gas of a batch besides the verifier's: calldata, the checks, storage, events (~70k). */
  static final long SUBMIT_BASE_GAS = 150_000;

  /** Gas per deposit and withdrawal slot (a credit to a fresh address is ~25k). */
  static final long SUBMIT_GAS_PER_SLOT = 30_000;

  static final long SUBMIT_GAS_PER_ELEMENT = 1_000;
  static final BigInteger DEPOSIT_GAS_LIMIT = BigInteger.valueOf(250_000);
  static final BigInteger CLAIM_GAS_LIMIT = BigInteger.valueOf(200_000);
  static final BigInteger REQUEST_GAS_LIMIT = BigInteger.valueOf(200_000);
  static final BigInteger FREEZE_GAS_LIMIT = BigInteger.valueOf(100_000);
  static final BigInteger REFUND_GAS_LIMIT = BigInteger.valueOf(200_000);

  /** Gas of an exit besides the verifier's: calldata, the checks, the credit, the event. */
  static final long EXIT_BASE_GAS = 150_000;

  /** Gas of a blob batch's opening: the point-evaluation precompile's 50,000 and the call. */
  static final long BLOB_OPENING_GAS = 60_000;

  private final Web3j web3j;
  private final long chainId;
  private final Credentials sender;
  private final ContractCalls bridge;

  private SettlementBridgeClient(
      Web3j web3j, long chainId, Credentials sender, ContractCalls bridge) {
    this.web3j = web3j;
    this.chainId = chainId;
    this.sender = sender;
    this.bridge = bridge;
  }

  /** Deploys a bridge from {@code deployer} (who then holds the handle). */
  public static SettlementBridgeClient deploy(
      Web3j web3j, Credentials deployer, long chainId, SettlementDeployment d) {
    return deploy(web3j, deployer, chainId, d, "SettlementBridge", "");
  }

  /**
   * Deploys a SettlementBlobBridge (docs/bridge.md, "Owner data in a blob"): batches of a {@code
   * -owner-blob} circuit, each posted with its blobs ({@link SettlementBatch#blobs()}); the layout
   * must have account rows and no risk commitment; {@code blobs} is the circuit's blob count (its
   * {@code -owner-blob<k>}, 1 for {@code -owner-blob}).
   */
  public static SettlementBridgeClient deployBlob(
      Web3j web3j, Credentials deployer, long chainId, SettlementDeployment d, int blobs) {
    String blobCount = FunctionEncoder.encodeConstructor(List.of(new Uint256(blobs)));
    return deploy(web3j, deployer, chainId, d, "SettlementBlobBridge", blobCount);
  }

  /**
   * Deploys {@code contract} with SettlementBridge's constructor arguments, then the ABI-encoded
   * {@code moreArgs} (hex, static words).
   */
  private static SettlementBridgeClient deploy(
      Web3j web3j,
      Credentials deployer,
      long chainId,
      SettlementDeployment d,
      String contract,
      String moreArgs) {
    RawTransactionManager tx = new RawTransactionManager(web3j, deployer, chainId);
    PublicDataLayout layout = d.layout();
    // The layout is a static tuple: its ABI encoding is its seven words in place.
    String args =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Address(d.token()),
                new Address(d.verifier()),
                new Uint256(layout.depositSlots()),
                new Uint256(layout.withdrawalSlots()),
                new Uint256(layout.marketRows()),
                new Uint256(layout.stepSlots()),
                new Uint256(layout.requestSlots()),
                new Uint256(layout.accountRows()),
                new Bool(layout.riskCommitment()),
                new Address(d.exitVerifier()),
                new Uint256(d.exitDeadline()),
                new Address(d.operator()),
                new Address(d.governance()),
                new Address(d.guardian()),
                new Uint256(d.genesisRoot()),
                new Uint256(d.genesisMarkets()),
                new Uint64(d.verifyGas())));
    String address =
        Transactions.deploy(web3j, tx, Artifacts.creationCode(contract) + args + moreArgs);
    return new SettlementBridgeClient(
        web3j, chainId, deployer, new ContractCalls(web3j, tx, address));
  }

  /**
   * Deploys a gnark-exported settlement verifier from its creation code (compiled for the keys in
   * use); returns its address, for {@link SettlementDeployment#verifier()}.
   */
  public static String deployVerifier(
      Web3j web3j, Credentials deployer, long chainId, String creationCode) {
    return Transactions.deploy(
        web3j, new RawTransactionManager(web3j, deployer, chainId), creationCode);
  }

  /** Attaches {@code sender} to the bridge at {@code address}. */
  public static SettlementBridgeClient attach(
      Web3j web3j, Credentials sender, long chainId, String address) {
    return new SettlementBridgeClient(
        web3j,
        chainId,
        sender,
        new ContractCalls(web3j, new RawTransactionManager(web3j, sender, chainId), address));
  }

  /** The same bridge, used by another account. */
  public SettlementBridgeClient as(Credentials sender) {
    return attach(web3j, sender, chainId, address());
  }

  @Override
  public String address() {
    return bridge.address();
  }

  /** The bridge's events, from L1's logs. */
  public SettlementEvents events() {
    return new SettlementEvents(web3j, address());
  }

  /**
   * Operator only: submits a settlement batch (a batch with a blob as a type-3 transaction calling
   * {@code submitBlobBatch}, see {@link #sendSubmit}). Returns the receipt if the bridge accepted
   * it; throws {@link BatchRejectedException} if the transaction was mined and reverted, and any
   * other exception when the outcome is unknown (no receipt: it may or may not have landed).
   */
  public SubmitReceipt submitBatch(SettlementBatch batch) {
    return submit(Posting.of(batch));
  }

  /**
   * Operator only, once governance installed an aggregate verifier for its k: submits k batches
   * under one aggregate proof, as {@link #submitBatch} submits one ({@code submitBatches}, or with
   * the batches' blobs {@code submitBlobBatches} as a type-3 transaction).
   */
  public SubmitReceipt submitAggregate(AggregateBatch aggregate) {
    return submit(Posting.of(aggregate));
  }

  private SubmitReceipt submit(Posting posting) {
    if (posting.blobs().isEmpty()) {
      return SubmitReceipt.of(
          bridge.send(posting.call(), submitGasLimit(posting), BatchRejectedException::new));
    }
    String tx = send(posting, nonce(true), fees(true));
    try {
      TransactionReceipt mined =
          new PollingTransactionReceiptProcessor(web3j, 100, 600).waitForTransactionReceipt(tx);
      return receipt(mined.getTransactionHash(), posting).orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException("waiting for blob transaction " + tx, e);
    } catch (TransactionException e) {
      throw new IllegalStateException("no receipt for blob transaction " + tx, e);
    }
  }

  @Override
  public Optional<String> simulate(SettlementBatch batch) {
    return simulate(Posting.of(batch));
  }

  /** What the bridge would answer to this aggregate now ({@link #simulate(SettlementBatch)}). */
  public Optional<String> simulate(AggregateBatch aggregate) {
    return simulate(Posting.of(aggregate));
  }

  private Optional<String> simulate(Posting posting) {
    return posting.blobs().isEmpty()
        ? bridge.simulate(posting.call(), submitGasLimit(posting))
        : bridge.simulateWithBlobs(
            posting.call(), submitGasLimit(posting), posting.versionedHashes());
  }

  /**
   * Sends the batch with this nonce and these fee caps and returns the transaction's hash at once.
   * A batch without a blob goes as a legacy transaction at {@code fees.gasPrice()}. A batch with
   * blobs goes as a type-3 transaction carrying them (its sidecar: the blobs, their commitments and
   * cell proofs) that calls {@code submitBlobBatch} with its first blob at index 0, with {@code
   * fees.gasPrice()} as its priority fee and fee cap per gas and {@code fees.blobGasPrice()} as its
   * fee cap per blob gas (a replacement must double them all, and resend the blobs).
   */
  @Override
  public String sendSubmit(SettlementBatch batch, BigInteger nonce, FeeCaps fees) {
    return send(Posting.of(batch), nonce, fees);
  }

  /**
   * Sends the aggregate as {@link #sendSubmit(SettlementBatch, BigInteger, FeeCaps)} sends a batch:
   * {@code submitBatches}, or {@code submitBlobBatches} carrying every segment's blobs in order.
   */
  public String sendSubmit(AggregateBatch aggregate, BigInteger nonce, FeeCaps fees) {
    return send(Posting.of(aggregate), nonce, fees);
  }

  private String send(Posting posting, BigInteger nonce, FeeCaps fees) {
    if (posting.blobs().isEmpty()) {
      return bridge.sendWithNonce(posting.call(), submitGasLimit(posting), nonce, fees.gasPrice());
    }
    if (!fees.carriesBlob()) {
      throw new IllegalArgumentException("a blob transaction needs a blob fee cap, not " + fees);
    }
    return bridge.sendWithBlob(
        posting.call(), submitGasLimit(posting), nonce, fees, posting.blobs(), sender, chainId);
  }

  @Override
  public Optional<SubmitReceipt> receipt(String transactionHash, SettlementBatch batch) {
    return receipt(transactionHash, Posting.of(batch));
  }

  /** A sent aggregate's outcome ({@link #receipt(String, SettlementBatch)}). */
  public Optional<SubmitReceipt> receipt(String transactionHash, AggregateBatch aggregate) {
    return receipt(transactionHash, Posting.of(aggregate));
  }

  private Optional<SubmitReceipt> receipt(String transactionHash, Posting posting) {
    Optional<TransactionReceipt> mined = bridge.receipt(transactionHash);
    if (mined.isEmpty()) {
      return Optional.empty();
    }
    TransactionReceipt receipt = mined.get();
    if (!receipt.isStatusOK()) {
      String data = FunctionEncoder.encode(posting.call());
      throw new BatchRejectedException(
          posting.blobs().isEmpty()
              ? bridge.revertReason(data, receipt.getBlockNumber())
              : bridge.revertReason(data, receipt.getBlockNumber(), posting.versionedHashes()),
          receipt.getTransactionHash());
    }
    return Optional.of(SubmitReceipt.of(receipt));
  }

  @Override
  public BigInteger nonce(boolean pending) {
    return bridge.nonce(pending);
  }

  @Override
  public FeeCaps fees(boolean carriesBlob) {
    BigInteger gasPrice = bridge.gasPrice();
    return carriesBlob ? FeeCaps.blob(gasPrice, bridge.blobBaseFee()) : FeeCaps.calldata(gasPrice);
  }

  @Override
  public List<SettlementEvents.AcceptedBatch> acceptedBatches() {
    SettlementEvents events = events();
    return events.batches(0, events.head());
  }

  /**
   * The risk commitment of every accepted {@code -pm} batch ({@code RiskCommitted}), by batch
   * number; empty for a bridge whose layout has none.
   */
  public Map<Long, BigInteger> riskCommitments() {
    SettlementEvents events = events();
    Map<Long, BigInteger> out = new HashMap<>();
    events.riskCommitments(0, events.head()).forEach(r -> out.put(r.batchNumber(), r.commitment()));
    return out;
  }

  /**
   * The public data an accepted batch was submitted with ({@link #submitted}'s): with the node
   * gone, an exit rebuilds the state from these.
   */
  public List<BigInteger> publicData(SettlementEvents.AcceptedBatch batch) {
    return submitted(batch).publicData();
  }

  /** What an accepted batch was submitted with: {@link #transaction}'s {@code batch(batch)}. */
  public SubmittedBatch submitted(SettlementEvents.AcceptedBatch batch) {
    return transaction(batch).batch(batch);
  }

  /**
   * The submission that carried an accepted batch, with everything L1 holds of it for the batches
   * it accepted, read once (the transaction and its receipt): the {@code submitBatch} or {@code
   * submitBlobBatch} calldata of the transaction that emitted the batch's {@code BatchSubmitted}
   * event, or the {@code submitBatches} or {@code submitBlobBatches} calldata of an aggregate,
   * which {@link SubmittedTransaction#batch} cuts by the number of {@code BatchSubmitted} events
   * its receipt holds (the k the bridge accepted: {@link SubmittedBatch#batch}). Refuses a batch
   * whose transaction is not a direct call of one of them to this bridge (sent through another
   * contract: reading it needs a trace); {@link SubmittedTransaction#batch} refuses calldata that
   * holds no batch with the event's number and new root.
   */
  public SubmittedTransaction transaction(SettlementEvents.AcceptedBatch batch) {
    String hash = batch.at().transactionHash();
    org.web3j.protocol.core.methods.response.Transaction tx;
    try {
      tx =
          web3j
              .ethGetTransactionByHash(hash)
              .send()
              .getTransaction()
              .orElseThrow(() -> new IllegalStateException("L1 has no transaction " + hash));
    } catch (IOException e) {
      throw new UncheckedIOException("reading transaction " + hash + " from L1", e);
    }
    String input = tx.getInput();
    if (tx.getTo() == null
        || !tx.getTo().equalsIgnoreCase(address())
        || !SubmittedBatch.isSubmit(input)) {
      throw new IllegalStateException(
          "batch "
              + batch.batchNumber()
              + "'s transaction "
              + hash
              + " is not a batch submission (submitBatch, submitBlobBatch, submitBatches,"
              + " submitBlobBatches) to the bridge: its data cannot be read from calldata");
    }
    TransactionReceipt receipt = receiptOf(hash);
    SettlementEvents events = events();
    SubmittedBatch call;
    try {
      call = SubmittedBatch.decode(input);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the calldata of " + hash + " is not batch " + batch.batchNumber() + "'s public data", e);
    }
    return new SubmittedTransaction(
        hash, call, events.batches(receipt).size(), events.ownerDataBlobs(receipt));
  }

  /**
   * The versioned hash (0x and 64 hex digits) of the blob holding a blob batch's owner rows: the
   * {@code OwnerDataBlob} event its transaction logged for it ({@link SettlementEvents#blobOf}).
   */
  public String ownerDataBlob(SettlementEvents.AcceptedBatch batch) {
    return ownerDataBlobs(batch, 1).getFirst();
  }

  /**
   * The versioned hashes of the {@code count} blobs holding a blob batch's owner rows, in blob
   * order: the {@code OwnerDataBlob} events its transaction logged ({@link
   * SettlementEvents#blobsOf}).
   */
  public List<String> ownerDataBlobs(SettlementEvents.AcceptedBatch batch, int count) {
    TransactionReceipt receipt = receiptOf(batch.at().transactionHash());
    return SettlementEvents.blobsOf(batch, events().ownerDataBlobs(receipt), count);
  }

  private TransactionReceipt receiptOf(String hash) {
    return bridge
        .receipt(hash)
        .orElseThrow(() -> new IllegalStateException("L1 has no receipt of " + hash));
  }

  /**
   * One submission (package-private for its tests): a batch ({@code submitBatch}, {@code
   * submitBlobBatch}) or an aggregate of {@code batches} batches ({@code submitBatches}, {@code
   * submitBlobBatches}), which take the same arguments: the public data, its commitment, the proof
   * and, with blobs, where they are and their openings.
   */
  record Posting(
      boolean aggregate,
      List<BigInteger> publicData,
      BigInteger commitment,
      byte[] proof,
      List<BatchBlob> blobs,
      int batches) {
    static Posting of(SettlementBatch b) {
      return new Posting(false, b.publicData(), b.commitment(), b.proof(), b.blobs(), 1);
    }

    static Posting of(AggregateBatch a) {
      return new Posting(true, a.publicData(), a.commitment(), a.proof(), a.blobs(), a.k());
    }

    List<byte[]> versionedHashes() {
      return blobs.stream().map(BatchBlob::versionedHash).toList();
    }

    /**
     * The call: (d, c, proof), and with blobs (0, commitments, openings), the blobs' KZG
     * commitments and opening proofs concatenated in blob order.
     */
    @SuppressWarnings("rawtypes")
    Function call() {
      List<Uint256> d = new ArrayList<>();
      for (BigInteger e : publicData) {
        d.add(new Uint256(e));
      }
      List<Type> args = new ArrayList<>();
      args.add(new DynamicArray<>(Uint256.class, d));
      args.add(new Uint256(commitment));
      args.add(new DynamicBytes(proof));
      if (!blobs.isEmpty()) {
        args.add(
            new BlobOpening(
                0, concat(blobs, BatchBlob::commitment), concat(blobs, BatchBlob::openingProof)));
      }
      String method =
          (aggregate ? "submit%sBatches" : "submit%sBatch")
              .formatted(blobs.isEmpty() ? "" : "Blob");
      return new Function(method, args, List.of());
    }
  }

  /**
   * Room for the verifier's gas (forwarded in full only if the transaction has it: the bridge
   * refuses with InsufficientGas otherwise) and everything else the batches may cost.
   */
  private BigInteger submitGasLimit(Posting posting) {
    PublicDataLayout layout = layout();
    long slots = layout.depositSlots() + layout.withdrawalSlots();
    return BigInteger.valueOf(
        verifyGas() * 64 / 63
            + (SUBMIT_BASE_GAS + SUBMIT_GAS_PER_SLOT * slots) * posting.batches()
            + SUBMIT_GAS_PER_ELEMENT * posting.publicData().size()
            + BLOB_OPENING_GAS * posting.blobs().size());
  }

  private static byte[] concat(
      List<BatchBlob> blobs, java.util.function.Function<BatchBlob, byte[]> field) {
    byte[] out = new byte[BatchBlob.POINT * blobs.size()];
    for (int j = 0; j < blobs.size(); j++) {
      System.arraycopy(field.apply(blobs.get(j)), 0, out, BatchBlob.POINT * j, BatchBlob.POINT);
    }
    return out;
  }

  /**
   * Deposits {@code amount} of the collateral token for {@code account} under the key ({@code
   * keyX}, {@code keyY}), approving the bridge for the amount first if its allowance is short. A
   * later batch credits the account or refunds the amount to this sender.
   */
  public DepositReceipt deposit(long account, BigInteger keyX, BigInteger keyY, BigInteger amount) {
    CollateralToken token = new CollateralToken(bridge.at(token()));
    if (token.allowance(bridge.sender(), address()).compareTo(amount) < 0) {
      token.approve(address(), amount);
    }
    Function deposit =
        new Function(
            "deposit",
            List.of(
                new Uint256(account), new Uint256(keyX), new Uint256(keyY), new Uint256(amount)),
            List.of());
    TransactionReceipt receipt =
        bridge.send(
            deposit,
            DEPOSIT_GAS_LIMIT,
            (reason, tx) -> new BridgeRevertedException("deposit refused", reason, tx));
    return new DepositReceipt(
        events().deposits(receipt).get(0).index(),
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact());
  }

  /** Pays {@code recipient} everything it can claim (anyone may send this). */
  public ClaimReceipt claim(String recipient) {
    Function claim = new Function("claim", List.of(new Address(recipient)), List.of());
    TransactionReceipt receipt =
        bridge.send(
            claim,
            CLAIM_GAS_LIMIT,
            (reason, tx) -> new BridgeRevertedException("claim refused", reason, tx));
    return new ClaimReceipt(
        events().claims(receipt).get(0).amount(),
        receipt.getTransactionHash(),
        receipt.getBlockNumber().longValueExact(),
        receipt.getGasUsed().longValueExact());
  }

  /**
   * Registers the owner's signed forced withdrawal request (anyone may send it): up to {@code
   * maxAmount} to {@code recipient}, signed (R, S) over the request message with the account's
   * withdrawal {@code nonce} (docs/bridge.md, "Forced withdrawal requests"). Returns its queue
   * index.
   */
  public long forceWithdrawal(
      long account,
      long nonce,
      BigInteger maxAmount,
      String recipient,
      BigInteger rX,
      BigInteger rY,
      BigInteger s) {
    Function force =
        new Function(
            "forceWithdrawal",
            List.of(
                new Uint256(account),
                new Uint256(nonce),
                new Uint256(maxAmount),
                new Address(recipient),
                new Uint256(rX),
                new Uint256(rY),
                new Uint256(s)),
            List.of());
    TransactionReceipt receipt =
        bridge.send(
            force,
            REQUEST_GAS_LIMIT,
            (reason, tx) -> new BridgeRevertedException("forced request refused", reason, tx));
    return events().forcedRequests(receipt).get(0).index();
  }

  /** Freezes the bridge (anyone may, once the oldest unserved request is overdue). */
  public SubmitReceipt freeze() {
    TransactionReceipt receipt =
        bridge.send(
            new Function("freeze", List.of(), List.of()),
            FREEZE_GAS_LIMIT,
            (reason, tx) -> new BridgeRevertedException("freeze refused", reason, tx));
    return SubmitReceipt.of(receipt);
  }

  /**
   * On a frozen bridge: an account's exit, proven by the exit circuit for exit data {@code d}
   * (ExitData.sol) and its commitment; credits the account's equity to the recipient it signed.
   */
  public SubmitReceipt exit(List<BigInteger> d, BigInteger commitment, byte[] proof) {
    Function exit =
        new Function(
            "exit",
            List.of(
                new DynamicArray<>(Uint256.class, d.stream().map(Uint256::new).toList()),
                new Uint256(commitment),
                new DynamicBytes(proof)),
            List.of());
    BigInteger gas = BigInteger.valueOf(verifyGas() * 64 / 63 + EXIT_BASE_GAS);
    TransactionReceipt receipt =
        bridge.send(
            exit, gas, (reason, tx) -> new BridgeRevertedException("exit refused", reason, tx));
    return SubmitReceipt.of(receipt);
  }

  /**
   * On a frozen bridge: credits the deposit at queue {@code index}, which no batch consumed, back
   * to its sender; {@code record} is account + 2^24 amount + 2^88 sender.
   */
  public SubmitReceipt refundPendingDeposit(
      long index, BigInteger record, BigInteger keyX, BigInteger keyY) {
    Function refund =
        new Function(
            "refundPendingDeposit",
            List.of(new Uint256(index), new Uint256(record), new Uint256(keyX), new Uint256(keyY)),
            List.of());
    TransactionReceipt receipt =
        bridge.send(
            refund,
            REFUND_GAS_LIMIT,
            (reason, tx) -> new BridgeRevertedException("refund refused", reason, tx));
    return SubmitReceipt.of(receipt);
  }

  /**
   * Whether the bridge takes batches with their owner rows in a blob (a SettlementBlobBridge) or in
   * calldata (a SettlementBridge): the two kinds' layouts read the same.
   */
  public boolean blobBatches() {
    return (Boolean) bridge.read("blobBatches", new TypeReference<Bool>() {});
  }

  /** The blobs each batch of a SettlementBlobBridge carries ({@link #blobBatches} must be true). */
  public int blobCount() {
    return ((BigInteger) bridge.read("blobCount", new TypeReference<Uint256>() {})).intValueExact();
  }

  /** Whether a request went unserved past the deadline and the bridge was frozen. */
  public boolean frozen() {
    return (Boolean) bridge.read("frozen", new TypeReference<Bool>() {});
  }

  /** Whether {@code account} has exited. */
  public boolean exited(long account) {
    return (Boolean) bridge.read("exited", new TypeReference<Bool>() {}, new Uint256(account));
  }

  /** The market row the bridge stores for {@code market} (0 if no batch published it). */
  public BigInteger marketRow(long market) {
    return (BigInteger)
        bridge.read("marketRow", new TypeReference<Uint256>() {}, new Uint256(market));
  }

  /** How many markets the bridge's genesis lists (fixed at deployment: the capacity rule's). */
  public int genesisMarkets() {
    return uint("genesisMarkets").intValueExact();
  }

  /** Forced withdrawal requests ever registered. */
  public long requestsQueued() {
    return uint("requestsQueued").longValueExact();
  }

  /** Requests the accepted batches served. */
  public long requestsServed() {
    return uint("requestsServed").longValueExact();
  }

  /** Seconds the operator has to serve a request. */
  public long exitDeadline() {
    return uint("exitDeadline").longValueExact();
  }

  /** The hash of the verifying key the bridge checks exit proofs with. */
  public String exitVerifyingKeyHash() {
    String exitVerifier = (String) bridge.read("exitVerifier", new TypeReference<Address>() {});
    return hex(
        (byte[]) bridge.at(exitVerifier).read("verifyingKeyHash", new TypeReference<Bytes32>() {}));
  }

  @Override
  public BigInteger stateRoot() {
    return uint("stateRoot");
  }

  @Override
  public long batchCount() {
    return uint("batchCount").longValueExact();
  }

  public long lastBatchTime() {
    return uint("lastBatchTime").longValueExact();
  }

  /** Deposits ever queued. */
  public long depositsQueued() {
    return uint("depositsQueued").longValueExact();
  }

  /** Deposits the accepted batches consumed. */
  public long depositsConsumed() {
    return uint("depositsConsumed").longValueExact();
  }

  /** The queue's running hash over its first {@code count} deposits (0x00.. for none). */
  public String depositChain(long count) {
    return hex(
        (byte[]) bridge.read("depositChain", new TypeReference<Bytes32>() {}, new Uint256(count)));
  }

  /** What {@code account} can claim. */
  public BigInteger claimable(String account) {
    return (BigInteger)
        bridge.read("claimable", new TypeReference<Uint256>() {}, new Address(account));
  }

  /** The governance timelock's address (it alone installs verifiers). */
  public String governance() {
    return (String) bridge.read("governance", new TypeReference<Address>() {});
  }

  /** The batches each aggregate proof covers (0: no aggregate verifier installed). */
  public int aggregateSegments() {
    return uint("aggregateSegments").intValueExact();
  }

  /** The collateral token's address. */
  public String token() {
    return (String) bridge.read("token", new TypeReference<Address>() {});
  }

  public long verifyGas() {
    return uint("verifyGas").longValueExact();
  }

  /** The hash of the verifying key the bridge checks proofs with, as 0x and 64 hex digits. */
  @Override
  public String verifyingKeyHash() {
    return hex((byte[]) bridge.read("verifyingKeyHash", new TypeReference<Bytes32>() {}));
  }

  /** The capacities of the circuit the bridge verifies. */
  @SuppressWarnings("rawtypes")
  public PublicDataLayout layout() {
    Function f =
        new Function(
            "layout",
            List.of(),
            List.of(
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Bool>() {}));
    List<Type> words = bridge.read(f);
    int[] n = new int[6];
    for (int i = 0; i < n.length; i++) {
      n[i] = ((BigInteger) words.get(i).getValue()).intValueExact();
    }
    boolean risk = (Boolean) words.get(6).getValue();
    return new PublicDataLayout(n[0], n[1], n[2], n[3], n[4], n[5], risk);
  }

  private BigInteger uint(String getter) {
    return (BigInteger) bridge.read(getter, new TypeReference<Uint256>() {});
  }

  private static String hex(byte[] word) {
    return "0x" + HexFormat.of().formatHex(word);
  }
}

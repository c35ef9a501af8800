package dev.sable.l1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.EventValues;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

/**
 * The SettlementBridge's events, read from L1's logs and decoded: the deposits with their queue
 * index, the accepted batches with their markets, the credited withdrawals and refunds, the claims,
 * the forced withdrawal requests, the exits and the blobs of blob batches. Each carries where it
 * was logged, so a watcher can tell a log that a reorg removed.
 */
public final class SettlementEvents {
  /** Where a log is: its block (number and hash), transaction and index in the block. */
  public record LogPosition(
      long blockNumber, String blockHash, String transactionHash, long logIndex) {}

  /** A deposit joined the queue at {@code index} (0-based). */
  public record QueuedDeposit(
      long index,
      long account,
      String sender,
      BigInteger amount,
      BigInteger keyX,
      BigInteger keyY,
      LogPosition at) {}

  /** A batch was accepted; {@code markets} are its market rows as the public data has them. */
  public record AcceptedBatch(
      long batchNumber,
      BigInteger oldRoot,
      BigInteger newRoot,
      long batchTime,
      long depositsConsumed,
      List<BigInteger> markets,
      LogPosition at) {
    public AcceptedBatch {
      markets = List.copyOf(markets);
    }
  }

  /**
   * A batch of a {@code -pm} circuit was accepted: {@code commitment} is its public data's risk
   * commitment ({@link PublicDataLayout#riskCommitmentAt}).
   */
  public record RiskCommitment(long batchNumber, BigInteger commitment, LogPosition at) {}

  /** A batch credited a withdrawal to {@code recipient}. */
  public record CreditedWithdrawal(
      long batchNumber, String recipient, BigInteger amount, LogPosition at) {}

  /** A batch refused the deposit at queue index {@code index}; its sender can claim it back. */
  public record RefundedDeposit(long index, String sender, BigInteger amount, LogPosition at) {}

  /** The bridge paid {@code recipient} everything it had to claim. */
  public record Claim(String recipient, BigInteger amount, LogPosition at) {}

  /** A forced withdrawal request joined the queue at {@code index}. */
  public record ForcedRequest(
      long index,
      long account,
      String recipient,
      long nonce,
      BigInteger maxAmount,
      BigInteger rX,
      BigInteger rY,
      BigInteger s,
      LogPosition at) {}

  /** {@code account} exited: {@code recipient} can claim {@code amount}. */
  public record Exit(long account, String recipient, BigInteger amount, LogPosition at) {}

  /**
   * A blob batch's owner rows were published in the blob with {@code versionedHash} (0x and 64 hex
   * digits; SettlementBlobBridge's {@code OwnerDataBlob}).
   */
  public record OwnerDataBlob(long batchNumber, String versionedHash, LogPosition at) {}

  static final Event DEPOSIT_QUEUED =
      new Event(
          "DepositQueued",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Uint256>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {}));
  static final Event BATCH_SUBMITTED =
      new Event(
          "BatchSubmitted",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<DynamicArray<Uint256>>() {}));
  static final Event RISK_COMMITTED =
      new Event(
          "RiskCommitted",
          List.of(new TypeReference<Uint256>(true) {}, new TypeReference<Uint256>() {}));
  static final Event WITHDRAWAL_CREDITED =
      new Event(
          "WithdrawalCredited",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Uint256>() {}));
  static final Event DEPOSIT_REFUNDED =
      new Event(
          "DepositRefunded",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Uint256>() {}));
  static final Event CLAIMED =
      new Event(
          "Claimed", List.of(new TypeReference<Address>(true) {}, new TypeReference<Uint256>() {}));

  static final Event WITHDRAWAL_FORCED =
      new Event(
          "WithdrawalForced",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Uint256>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {},
              new TypeReference<Uint256>() {}));
  static final Event EXITED =
      new Event(
          "Exited",
          List.of(
              new TypeReference<Uint256>(true) {},
              new TypeReference<Address>(true) {},
              new TypeReference<Uint256>() {}));

  static final Event OWNER_DATA_BLOB =
      new Event(
          "OwnerDataBlob",
          List.of(new TypeReference<Uint256>(true) {}, new TypeReference<Bytes32>() {}));

  private final Web3j web3j;
  private final String bridge;

  public SettlementEvents(Web3j web3j, String bridge) {
    this.web3j = web3j;
    this.bridge = bridge;
  }

  /** L1's latest block number. */
  public long head() {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_blockNumber", e);
    }
  }

  /** The hash of L1's block {@code number} as L1 has it now, empty past its head. */
  public Optional<String> blockHash(long number) {
    EthBlock block;
    try {
      block =
          web3j
              .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
              .send();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_getBlockByNumber", e);
    }
    return Optional.ofNullable(block.getBlock()).map(EthBlock.Block::getHash);
  }

  /** Deposits queued in blocks [fromBlock, toBlock], in log order. */
  public List<QueuedDeposit> deposits(long fromBlock, long toBlock) {
    return query(DEPOSIT_QUEUED, fromBlock, toBlock, SettlementEvents::deposit);
  }

  /** Batches accepted in blocks [fromBlock, toBlock]. */
  public List<AcceptedBatch> batches(long fromBlock, long toBlock) {
    return query(BATCH_SUBMITTED, fromBlock, toBlock, SettlementEvents::batch);
  }

  /**
   * The batches this bridge accepted in a transaction (from its receipt): one for submitBatch and
   * submitBlobBatch, the aggregate's k for submitBatches and submitBlobBatches, in segment order.
   */
  public List<AcceptedBatch> batches(TransactionReceipt receipt) {
    return fromReceipt(receipt, BATCH_SUBMITTED, SettlementEvents::batch);
  }

  /** Risk commitments of the {@code -pm} batches accepted in blocks [fromBlock, toBlock]. */
  public List<RiskCommitment> riskCommitments(long fromBlock, long toBlock) {
    return query(
        RISK_COMMITTED,
        fromBlock,
        toBlock,
        d ->
            new RiskCommitment(
                Decoded.uint(d.indexed, 0).longValueExact(), Decoded.uint(d.data, 0), d.at));
  }

  /** Withdrawals credited in blocks [fromBlock, toBlock]. */
  public List<CreditedWithdrawal> withdrawals(long fromBlock, long toBlock) {
    return query(WITHDRAWAL_CREDITED, fromBlock, toBlock, SettlementEvents::withdrawal);
  }

  /** Deposits refunded in blocks [fromBlock, toBlock]. */
  public List<RefundedDeposit> refunds(long fromBlock, long toBlock) {
    return query(DEPOSIT_REFUNDED, fromBlock, toBlock, SettlementEvents::refund);
  }

  /** Claims paid in blocks [fromBlock, toBlock]. */
  public List<Claim> claims(long fromBlock, long toBlock) {
    return query(CLAIMED, fromBlock, toBlock, SettlementEvents::claim);
  }

  /** Forced withdrawal requests registered in blocks [fromBlock, toBlock]. */
  public List<ForcedRequest> forcedRequests(long fromBlock, long toBlock) {
    return query(WITHDRAWAL_FORCED, fromBlock, toBlock, SettlementEvents::forced);
  }

  /** Exits paid in blocks [fromBlock, toBlock]. */
  public List<Exit> exits(long fromBlock, long toBlock) {
    return query(EXITED, fromBlock, toBlock, SettlementEvents::exit);
  }

  /** The blobs the blob batches accepted in blocks [fromBlock, toBlock] published rows in. */
  public List<OwnerDataBlob> ownerDataBlobs(long fromBlock, long toBlock) {
    return query(OWNER_DATA_BLOB, fromBlock, toBlock, SettlementEvents::ownerDataBlob);
  }

  /** The {@code OwnerDataBlob} events this bridge logged in a transaction (from its receipt). */
  public List<OwnerDataBlob> ownerDataBlobs(TransactionReceipt receipt) {
    return fromReceipt(receipt, OWNER_DATA_BLOB, SettlementEvents::ownerDataBlob);
  }

  /**
   * The versioned hash of the blob holding {@code batch}'s owner rows, from the {@code
   * OwnerDataBlob} events its transaction logged ({@code logged}): events naming another batch are
   * ignored; none, or several, for this batch is refused.
   */
  public static String blobOf(AcceptedBatch batch, List<OwnerDataBlob> logged) {
    return blobsOf(batch, logged, 1).getFirst();
  }

  /**
   * The versioned hashes of the {@code count} blobs holding {@code batch}'s owner rows, in blob
   * order (the bridge logs one event per blob, in order): events naming another batch are ignored;
   * another number of them for this batch is refused.
   */
  public static List<String> blobsOf(AcceptedBatch batch, List<OwnerDataBlob> logged, int count) {
    List<OwnerDataBlob> mine =
        logged.stream().filter(e -> e.batchNumber() == batch.batchNumber()).toList();
    if (mine.size() != count) {
      throw new IllegalStateException(
          "batch "
              + batch.batchNumber()
              + "'s transaction "
              + batch.at().transactionHash()
              + " logged "
              + mine.size()
              + " OwnerDataBlob events for it ("
              + count
              + " expected): its blobs are not known");
    }
    return mine.stream().map(OwnerDataBlob::versionedHash).toList();
  }

  /** The requests a transaction registered at this bridge (from its receipt). */
  List<ForcedRequest> forcedRequests(TransactionReceipt receipt) {
    return fromReceipt(receipt, WITHDRAWAL_FORCED, SettlementEvents::forced);
  }

  /** The deposits a transaction queued at this bridge (from its receipt). */
  List<QueuedDeposit> deposits(TransactionReceipt receipt) {
    return fromReceipt(receipt, DEPOSIT_QUEUED, SettlementEvents::deposit);
  }

  /** The claims this bridge paid in a transaction (from its receipt). */
  List<Claim> claims(TransactionReceipt receipt) {
    return fromReceipt(receipt, CLAIMED, SettlementEvents::claim);
  }

  /** A decoded log: its indexed and non-indexed values, and where it is. */
  private record Decoded(List<?> indexed, List<?> data, LogPosition at) {
    static BigInteger uint(List<?> values, int i) {
      return (BigInteger) ((Type<?>) values.get(i)).getValue();
    }

    static String address(List<?> values, int i) {
      return (String) ((Type<?>) values.get(i)).getValue();
    }
  }

  private static QueuedDeposit deposit(Decoded d) {
    return new QueuedDeposit(
        Decoded.uint(d.indexed, 0).longValueExact(),
        Decoded.uint(d.indexed, 1).longValueExact(),
        Decoded.address(d.indexed, 2),
        Decoded.uint(d.data, 0),
        Decoded.uint(d.data, 1),
        Decoded.uint(d.data, 2),
        d.at);
  }

  @SuppressWarnings("unchecked")
  private static AcceptedBatch batch(Decoded d) {
    List<BigInteger> markets = new ArrayList<>();
    for (Uint256 m : ((DynamicArray<Uint256>) d.data.get(4)).getValue()) {
      markets.add(m.getValue());
    }
    return new AcceptedBatch(
        Decoded.uint(d.indexed, 0).longValueExact(),
        Decoded.uint(d.data, 0),
        Decoded.uint(d.data, 1),
        Decoded.uint(d.data, 2).longValueExact(),
        Decoded.uint(d.data, 3).longValueExact(),
        markets,
        d.at);
  }

  private static CreditedWithdrawal withdrawal(Decoded d) {
    return new CreditedWithdrawal(
        Decoded.uint(d.indexed, 0).longValueExact(),
        Decoded.address(d.indexed, 1),
        Decoded.uint(d.data, 0),
        d.at);
  }

  private static RefundedDeposit refund(Decoded d) {
    return new RefundedDeposit(
        Decoded.uint(d.indexed, 0).longValueExact(),
        Decoded.address(d.indexed, 1),
        Decoded.uint(d.data, 0),
        d.at);
  }

  private static Claim claim(Decoded d) {
    return new Claim(Decoded.address(d.indexed, 0), Decoded.uint(d.data, 0), d.at);
  }

  private static ForcedRequest forced(Decoded d) {
    return new ForcedRequest(
        Decoded.uint(d.indexed, 0).longValueExact(),
        Decoded.uint(d.indexed, 1).longValueExact(),
        Decoded.address(d.indexed, 2),
        Decoded.uint(d.data, 0).longValueExact(),
        Decoded.uint(d.data, 1),
        Decoded.uint(d.data, 2),
        Decoded.uint(d.data, 3),
        Decoded.uint(d.data, 4),
        d.at);
  }

  private static OwnerDataBlob ownerDataBlob(Decoded d) {
    return new OwnerDataBlob(
        Decoded.uint(d.indexed, 0).longValueExact(),
        "0x" + HexFormat.of().formatHex((byte[]) ((Type<?>) d.data.get(0)).getValue()),
        d.at);
  }

  private static Exit exit(Decoded d) {
    return new Exit(
        Decoded.uint(d.indexed, 0).longValueExact(),
        Decoded.address(d.indexed, 1),
        Decoded.uint(d.data, 0),
        d.at);
  }

  private <T> List<T> query(
      Event event, long fromBlock, long toBlock, Function<Decoded, T> decoder) {
    EthFilter filter =
        new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)),
                bridge)
            .addSingleTopic(EventEncoder.encode(event));
    EthLog logs;
    try {
      logs = web3j.ethGetLogs(filter).send();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_getLogs of " + event.getName(), e);
    }
    if (logs.hasError()) {
      throw new IllegalStateException(
          "eth_getLogs of " + event.getName() + ": " + logs.getError().getMessage());
    }
    List<T> out = new ArrayList<>();
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      out.add(decoder.apply(decode(event, (Log) result.get())));
    }
    return out;
  }

  /** The receipt's logs of {@code event} emitted by this bridge (not by the token it called). */
  private <T> List<T> fromReceipt(
      TransactionReceipt receipt, Event event, Function<Decoded, T> decoder) {
    String topic = EventEncoder.encode(event);
    List<T> out = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (log.getAddress().equalsIgnoreCase(bridge)
          && !log.getTopics().isEmpty()
          && log.getTopics().get(0).equals(topic)) {
        out.add(decoder.apply(decode(event, log)));
      }
    }
    return out;
  }

  private static Decoded decode(Event event, Log log) {
    EventValues values = Contract.staticExtractEventParameters(event, log);
    return new Decoded(
        values.getIndexedValues(),
        values.getNonIndexedValues(),
        new LogPosition(
            log.getBlockNumber().longValueExact(),
            log.getBlockHash(),
            log.getTransactionHash(),
            log.getLogIndex().longValueExact()));
  }
}

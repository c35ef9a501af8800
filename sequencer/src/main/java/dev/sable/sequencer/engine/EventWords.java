package dev.sable.sequencer.engine;

import dev.sable.sequencer.event.Event;
import java.util.Arrays;

/**
 * The words of a command's byte string {@code B(n)} as the state hash reads it (docs/sequencer.md,
 * "State hash"): the command's recorded words, then each event as 64-bit words, built on the
 * hashing thread with no byte encoding. An event's first word holds its tag (bits 56-63, the
 * event's place in {@link Event}'s declaration from 1), its enum ordinal or boolean if it has one
 * (bits 48-55) and its first int field (bits 0-31); further int fields go two to a word ({@code a
 * << 32 | b}), a lone one in a word of its own, and each long is a word, in declaration order. The
 * tag gives the layout and its length (a {@code MarketListed}'s symbol carries its own length), so
 * the events of a command, whose count the recorded words give, read back one way only.
 */
final class EventWords {
  /** The most words of an event other than {@code MarketListed} (a {@code Fill}). */
  private static final int MAX_FIXED = 10;

  private long[] words = new long[64];
  private int count;

  long[] words() {
    return words;
  }

  int count() {
    return count;
  }

  /** Starts a command with its recorded words {@code from[start, end)}. */
  void begin(long[] from, int start, int end) {
    count = 0;
    room(end - start);
    System.arraycopy(from, start, words, 0, end - start);
    count = end - start;
  }

  void add(Event event) {
    room(MAX_FIXED);
    long[] w = words;
    int i = count;
    switch (event) {
      // The commonest first: a type switch tests the cases in order.
      case Event.OrderAmended x -> {
        w[i++] = head(7, x.keptPriority() ? 1 : 0, x.account());
        w[i++] = x.orderId();
        w[i++] = x.clientOrderId();
        w[i++] = x.price();
        w[i++] = x.quantity();
      }
      case Event.OrderAccepted x -> {
        w[i++] = head(6, x.side().ordinal(), x.account());
        w[i++] = x.market();
        w[i++] = x.clientOrderId();
        w[i++] = x.orderId();
        w[i++] = x.price();
        w[i++] = x.quantity();
      }
      case Event.Fill x -> {
        w[i++] = head(9, x.takerSide().ordinal(), x.market());
        w[i++] = pair(x.taker(), x.maker());
        w[i++] = x.takerOrderId();
        w[i++] = x.makerOrderId();
        w[i++] = x.price();
        w[i++] = x.quantity();
        w[i++] = x.takerFee();
        w[i++] = x.makerFee();
        w[i++] = x.takerRealized();
        w[i++] = x.makerRealized();
      }
      case Event.OrderCancelled x -> {
        w[i++] = head(8, x.reason().ordinal(), x.account());
        w[i++] = x.market();
        w[i++] = x.orderId();
        w[i++] = x.clientOrderId();
        w[i++] = x.remaining();
      }
      case Event.Rejected x -> w[i++] = head(1, x.reason().ordinal(), 0);
      case Event.MarketListed x -> {
        count = i;
        symbol(x.market(), x.symbol());
        return;
      }
      case Event.MarketStatusChanged x -> w[i++] = head(3, x.status().ordinal(), x.market());
      case Event.Deposited x -> i = amount(w, i, 4, x.account(), x.amount());
      case Event.Withdrawn x -> i = amount(w, i, 5, x.account(), x.amount());
      case Event.MarkPrice x -> {
        w[i++] = head(10, x.valid() ? 1 : 0, x.market());
        w[i++] = x.mark();
      }
      case Event.FundingRate x -> {
        w[i++] = head(11, 0, x.market());
        w[i++] = x.ratePpm();
        w[i++] = x.fundingIndex();
      }
      case Event.FundingPaid x -> {
        w[i++] = head(12, 0, x.account());
        w[i++] = x.market();
        w[i++] = x.amount();
      }
      case Event.Liquidated x -> {
        w[i++] = head(13, 0, x.account());
        w[i++] = x.equity();
        w[i++] = x.maintenanceRequirement();
      }
      case Event.PositionTakeover x ->
          i = closed(w, i, 14, x.account(), x.market(), x.size(), x.price(), x.realized());
      case Event.InsuranceSurplus x -> i = amount(w, i, 15, x.account(), x.amount());
      case Event.DeficitCovered x -> i = amount(w, i, 16, x.account(), x.amount());
      case Event.UncoveredDeficit x -> i = amount(w, i, 17, x.account(), x.amount());
      case Event.AdlFill x -> {
        w[i++] = head(18, 0, x.market());
        w[i++] = pair(x.bankrupt(), x.counterparty());
        w[i++] = x.bankruptSize();
        w[i++] = x.price();
        w[i++] = x.quantity();
        w[i++] = x.bankruptRealized();
        w[i++] = x.counterpartyRealized();
      }
      case Event.PositionSettled x ->
          i = closed(w, i, 19, x.account(), x.market(), x.size(), x.price(), x.realized());
      case Event.TimeAdvanced x -> {
        w[i++] = head(20, 0, 0);
        w[i++] = x.now();
      }
      case Event.MarginModeChanged x -> {
        w[i++] = head(21, x.portfolio() ? 1 : 0, x.account());
        w[i++] = x.requestId();
      }
      case Event.RiskRange x -> {
        w[i++] = head(22, 0, x.market());
        w[i++] = x.realizedVolPpm();
        w[i++] = x.priceRangePpm();
      }
    }
    count = i;
  }

  private static long head(int tag, int small, int first) {
    return (long) tag << 56 | (long) small << 48 | (first & 0xFFFF_FFFFL);
  }

  private static long pair(int a, int b) {
    return (long) a << 32 | (b & 0xFFFF_FFFFL);
  }

  private static int amount(long[] w, int i, int tag, int account, long amount) {
    w[i] = head(tag, 0, account);
    w[i + 1] = amount;
    return i + 2;
  }

  /** A takeover and a settlement close a position alike: the same layout. */
  private static int closed(
      long[] w, int i, int tag, int account, int market, long size, long price, long realized) {
    w[i] = head(tag, 0, account);
    w[i + 1] = market;
    w[i + 2] = size;
    w[i + 3] = price;
    w[i + 4] = realized;
    return i + 5;
  }

  /** A listing: the market, the symbol's length in chars, then its chars four to a word. */
  private void symbol(int market, String symbol) {
    int length = symbol.length();
    room(2 + (length + 3) / 4);
    words[count++] = head(2, 0, market);
    words[count++] = length;
    for (int c = 0; c < length; c += 4) {
      long word = 0;
      for (int k = 0; k < 4; k++) {
        word = word << 16 | (c + k < length ? symbol.charAt(c + k) : 0);
      }
      words[count++] = word;
    }
  }

  private void room(int n) {
    if (count + n > words.length) {
      words = Arrays.copyOf(words, Math.max(words.length * 2, count + n));
    }
  }
}

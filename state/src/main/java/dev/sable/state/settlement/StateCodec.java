package dev.sable.state.settlement;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.Fr;
import dev.sable.state.FillSlotLeaf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The stored form of the leaves' contents and the header (the trees store only hashes). */
final class StateCodec {
  private StateCodec() {}

  static byte[] account(AccountLeafV2 a) {
    ByteBuffer b = ByteBuffer.allocate(6 * Fr.BYTES + 3 * 8 + a.slots().size() * 4 * 8);
    key(b, a.key());
    b.put(a.blinding().toBytes()).put(a.extension().toBytes());
    b.putLong(a.collateral()).putLong(a.nonce()).putLong(a.mode());
    b.put(a.fillsRoot().toBytes());
    for (PositionSlot s : a.slots()) {
      b.putLong(s.market()).putLong(s.size()).putLong(s.cost()).putLong(s.fundingIndex());
    }
    return b.array();
  }

  static AccountLeafV2 account(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    KeyPoint key = key(b);
    Fr blinding = fr(b);
    Fr extension = fr(b);
    long collateral = b.getLong();
    long nonce = b.getLong();
    long mode = b.getLong();
    Fr fillsRoot = fr(b);
    List<PositionSlot> slots = new ArrayList<>();
    for (int p = 0; p < SettlementLayout.POSITION_SLOTS; p++) {
      slots.add(new PositionSlot(b.getLong(), b.getLong(), b.getLong(), b.getLong()));
    }
    return new AccountLeafV2(key, blinding, extension, collateral, nonce, mode, fillsRoot, slots);
  }

  /**
   * A market leaf's contents; an option's terms follow the records (underlying, kind, strike,
   * expiry, contract size: 5 longs), so a perpetual's bytes are those stored before options.
   */
  static byte[] market(MarketLeafV2 m) {
    int sources = SettlementLayout.ORACLE_SOURCES;
    ByteBuffer b =
        ByteBuffer.allocate(
            8
                + MarketParams.COUNT * 8
                + sources * 2 * Fr.BYTES
                + 3 * 8
                + 1
                + sources * 16
                + (m.isOption() ? 5 * 8 : 0));
    b.putLong(m.id());
    for (long v : m.params().values()) {
      b.putLong(v);
    }
    m.oracleKeys().forEach(k -> key(b, k));
    b.putLong(m.mark()).putLong(m.fundingIndex()).putLong(m.lastFundingTime());
    b.put((byte) (m.funded() ? 1 : 0));
    m.records().forEach(r -> b.putLong(r.price()).putLong(r.publishTime()));
    if (m.isOption()) {
      OptionTerms o = m.option();
      b.putLong(o.underlyingMarket()).putLong(o.kind()).putLong(o.strike());
      b.putLong(o.expiry()).putLong(o.contractSize());
    }
    return b.array();
  }

  static MarketLeafV2 market(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long id = b.getLong();
    long[] values = new long[MarketParams.COUNT];
    for (int i = 0; i < values.length; i++) {
      values[i] = b.getLong();
    }
    MarketParams params = MarketParams.of(values);
    List<KeyPoint> keys = new ArrayList<>();
    for (int s = 0; s < SettlementLayout.ORACLE_SOURCES; s++) {
      keys.add(key(b));
    }
    long mark = b.getLong();
    long fundingIndex = b.getLong();
    long lastFundingTime = b.getLong();
    boolean funded = b.get() != 0;
    List<OracleRecord> records = new ArrayList<>();
    for (int s = 0; s < SettlementLayout.ORACLE_SOURCES; s++) {
      records.add(new OracleRecord(b.getLong(), b.getLong()));
    }
    OptionTerms option =
        b.hasRemaining()
            ? new OptionTerms(
                b.getLong(), Math.toIntExact(b.getLong()), b.getLong(), b.getLong(), b.getLong())
            : null;
    return new MarketLeafV2(
        id, params, keys, mark, fundingIndex, lastFundingTime, funded, records, option);
  }

  static byte[] fill(FillSlotLeaf f) {
    return ByteBuffer.allocate(16).putLong(f.clientOrderId()).putLong(f.filled()).array();
  }

  static FillSlotLeaf fill(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    return new FillSlotLeaf(b.getLong(), b.getLong());
  }

  static byte[] header(StateHeader h) {
    ByteBuffer b = ByteBuffer.allocate(8 + Fr.BYTES + 5 * 8 + 4 + 8 * h.marketIds().size());
    b.putLong(h.deployment().chainId()).put(h.deployment().contract().toBytes());
    b.putLong(h.batchNumber()).putLong(h.feePool()).putLong(h.fundingPool());
    b.putLong(h.time()).putLong(h.depositCount());
    b.putInt(h.marketIds().size());
    h.marketIds().forEach(b::putLong);
    return b.array();
  }

  static StateHeader header(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    Deployment d = new Deployment(b.getLong(), fr(b));
    long batchNumber = b.getLong();
    long feePool = b.getLong();
    long fundingPool = b.getLong();
    long time = b.getLong();
    long depositCount = b.getLong();
    List<Long> ids = new ArrayList<>();
    for (int i = b.getInt(); i > 0; i--) {
      ids.add(b.getLong());
    }
    return new StateHeader(d, batchNumber, feePool, fundingPool, time, depositCount, ids);
  }

  private static void key(ByteBuffer b, KeyPoint k) {
    b.put(k.x().toBytes()).put(k.y().toBytes());
  }

  private static KeyPoint key(ByteBuffer b) {
    return new KeyPoint(fr(b), fr(b));
  }

  private static Fr fr(ByteBuffer b) {
    byte[] e = new byte[Fr.BYTES];
    b.get(e);
    return Fr.fromBytes(e);
  }
}

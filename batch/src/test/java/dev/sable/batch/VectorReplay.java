package dev.sable.batch;

import dev.sable.crypto.Deployment;
import dev.sable.crypto.EdDsaSignature;
import dev.sable.crypto.Fr;
import dev.sable.crypto.MarginModeMessage;
import dev.sable.crypto.OraclePriceMessage;
import dev.sable.crypto.OrderMessage;
import dev.sable.crypto.WithdrawalMessage;
import dev.sable.prover.Witness;
import dev.sable.prover.WitnessField;
import dev.sable.state.settlement.AccountLeafV2;
import dev.sable.state.settlement.GlobalState;
import dev.sable.state.settlement.KeyPoint;
import dev.sable.state.settlement.MarketLeafV2;
import dev.sable.state.settlement.MarketParams;
import dev.sable.state.settlement.OptionTerms;
import dev.sable.state.settlement.OracleRecord;
import dev.sable.state.settlement.PositionSlot;
import dev.sable.state.settlement.SettlementState;
import dev.sable.state.store.InMemoryKeyValueStore;
import dev.sable.state.vectors.VectorFiles;
import dev.sable.state.vectors.VectorMessages;
import dev.sable.state.vectors.VectorRecord;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Replays a vector file made by Go (circuits/batchvectors): each history from its genesis, then per
 * batch its operations through the builder, comparing every row, result, the public data, the
 * public inputs and the witness (its digest, and element by element where the file lists them).
 * Every mismatch is recorded with the record it contradicts.
 */
final class VectorReplay {
  final List<String> mismatches = new ArrayList<>();
  int batches;
  int witnessElementsChecked;
  int stepsChecked;
  int requestsChecked;
  int expiriesChecked;
  int modesSet;
  int riskRows;
  int switchesRead;
  private long requestsServed;
  private Capacities caps;
  private byte[] ownerSecret; // the history's owner-data secret (null without the section)
  private Deployment deployment;
  private List<MarketLeafV2> genesisMarkets = new ArrayList<>();
  private SettlementState state;
  private VectorRecord batchRecord;
  private final List<VectorRecord> ops = new ArrayList<>();
  private final List<VectorRecord> expected = new ArrayList<>();

  /** Where a replay stops: before building batch number of the file's history (from 1). */
  record Pause(int history, long number) {}

  /** What a paused replay leaves: the state before the batch, and the batch as the file has it. */
  record Paused(SettlementState state, Capacities caps, SettlementBatch batch) {}

  private final Pause pause;
  private int history;
  private Paused paused;

  /** A replay of every batch. */
  VectorReplay() {
    this(null);
  }

  /** A replay that stops at pause (null: never). */
  VectorReplay(Pause pause) {
    this.pause = pause;
  }

  /** Replays every batch of a vector file. */
  static VectorReplay of(String file) throws IOException {
    VectorReplay replay = new VectorReplay();
    for (VectorRecord r : VectorFiles.read(file)) {
      replay.accept(r);
    }
    replay.finishBatch();
    return replay;
  }

  /** Replays a vector file up to batch number of its history-th history, and leaves it unbuilt. */
  static Paused pausedAt(String file, int history, long number) throws IOException {
    VectorReplay replay = new VectorReplay(new Pause(history, number));
    for (VectorRecord r : VectorFiles.read(file)) {
      replay.accept(r);
    }
    replay.finishBatch();
    if (replay.paused == null) {
      throw new IllegalArgumentException(
          file + " has no batch " + number + " in history " + history);
    }
    return replay.paused;
  }

  void accept(VectorRecord r) {
    if (paused != null) {
      return;
    }
    switch (r.kind()) {
      case "settlement.caps" -> {
        finishBatch(); // a new history starts from its own genesis
        history++;
        genesisMarkets = new ArrayList<>();
        caps =
            Capacities.slots(
                    (int) r.longValue("markets"),
                    (int) r.longValue("oracles"),
                    (int) r.longValue("accounts"),
                    (int) r.longValue("deposits"),
                    (int) r.longValue("orders"),
                    (int) r.longValue("trades"),
                    (int) r.longValue("withdrawals"))
                .steps((int) r.longValue("steps"))
                .requests(r.fields().containsKey("requests") ? (int) r.longValue("requests") : 0)
                .options(Boolean.parseBoolean(r.fields().getOrDefault("options", "false")))
                .ownerData(r.fields().containsKey("ownerdata"))
                .portfolio(Boolean.parseBoolean(r.fields().getOrDefault("portfolio", "false")))
                .expiries(r.fields().containsKey("expiries") ? (int) r.longValue("expiries") : 0)
                .switches((int) Long.parseLong(r.fields().getOrDefault("switches", "0")))
                .blobs(blobCount(r.fields()))
                .build();
        ownerSecret = caps.ownerData() ? r.bytes("ownersecret") : null;
        requestsServed = 0;
      }
      case "settlement.genesis" ->
          deployment = new Deployment(r.longValue("chain"), r.fr("contract"));
      case "genesis.market" -> genesisMarket(r);
      case "genesis.account" -> {
        state = SettlementState.genesis(new InMemoryKeyValueStore(), deployment, genesisMarkets);
        compareAccount(r, state.account(r.longValue("index")).orElse(null));
      }
      case "genesis.state" -> same(r, "root", r.fr("root"), state.root());
      case "settlement.batch" -> {
        finishBatch();
        batchRecord = r;
      }
      case "state.mode" -> {
        finishBatch(); // a mode set outside any batch, after the one before it
        state.setMarginMode(r.longValue("account"), r.longValue("mode"));
        same(r, "root", r.fr("root"), state.root());
        modesSet++;
      }
      default -> (r.kind().startsWith("op.") ? ops : expected).add(r);
    }
  }

  private void genesisMarket(VectorRecord r) {
    long[] params = Arrays.stream(r.get("params").split(",")).mapToLong(Long::parseLong).toArray();
    List<Fr> keys = r.frList("keys");
    List<KeyPoint> points = new ArrayList<>();
    for (int i = 0; i < keys.size(); i += 2) {
      points.add(new KeyPoint(keys.get(i), keys.get(i + 1)));
    }
    MarketLeafV2 m =
        r.fields().containsKey("option")
            ? MarketLeafV2.listedOption(
                r.longValue("id"), MarketParams.of(params), points, optionTerms(r.get("option")))
            : MarketLeafV2.listed(r.longValue("id"), MarketParams.of(params), points);
    same(r, "leaf", r.fr("leaf"), m.hash());
    genesisMarkets.add(m);
  }

  /** A settlement.caps record's blob count: "blob=true" for one, "blobs=k" for more. */
  private static int blobCount(Map<String, String> fields) {
    if (Boolean.parseBoolean(fields.getOrDefault("blob", "false"))) {
      return 1;
    }
    return Integer.parseInt(fields.getOrDefault("blobs", "0"));
  }

  private static OptionTerms optionTerms(String csv) {
    long[] t = Arrays.stream(csv.split(",")).mapToLong(Long::parseLong).toArray();
    return new OptionTerms(t[0], Math.toIntExact(t[1]), t[2], t[3], t[4]);
  }

  void finishBatch() {
    if (batchRecord == null || paused != null) {
      return;
    }
    if (pause != null
        && pause.history() == history
        && pause.number() == batchRecord.longValue("number")) {
      paused = new Paused(state, caps, batch());
      return;
    }
    BuiltBatch built = new BatchBuilder(caps, ownerSecret).build(state, batch());
    same(batchRecord, "number", batchRecord.longValue("number"), built.number());
    state.commit(built.change());
    requestsServed += built.witness().requests().size();
    for (VectorRecord r : expected) {
      compare(r, built);
    }
    batches++;
    batchRecord = null;
    ops.clear();
    expected.clear();
  }

  private SettlementBatch batch() {
    List<FundingTick> ticks = new ArrayList<>();
    List<SignedPrice> prices = new ArrayList<>();
    List<Deposit> deposits = new ArrayList<>();
    Map<String, SignedOrder> orders = new HashMap<>();
    List<Trade> trades = new ArrayList<>();
    List<Withdrawal> withdrawals = new ArrayList<>();
    List<MarginSwitch> switches = new ArrayList<>();
    List<SweepOps> liquidations = new ArrayList<>();
    List<OptionMark> optionMarks = new ArrayList<>();
    List<Close> unwinds = new ArrayList<>();
    List<ForcedRequest> requests = new ArrayList<>();
    List<RiskRow> risk = new ArrayList<>();
    List<Expiry> expiries = new ArrayList<>();
    for (VectorRecord r : ops) {
      switch (r.kind()) {
        case "op.funding" -> ticks.add(new FundingTick(r.longValue("market"), r.longValue("rate")));
        case "op.oracle" ->
            prices.add(
                new SignedPrice(
                    new OraclePriceMessage(
                        r.longValue("market"),
                        r.longValue("source"),
                        r.longValue("price"),
                        r.longValue("published")),
                    EdDsaSignature.decode(r.bytes("sig"))));
        case "op.deposit" ->
            deposits.add(
                new Deposit(
                    r.longValue("account"),
                    r.longValue("amount"),
                    r.fr("sender"),
                    new KeyPoint(r.fr("keyx"), r.fr("keyy")),
                    r.fr("blinding"),
                    Boolean.parseBoolean(r.get("refund"))));
        case "op.order" -> {
          OrderMessage o = VectorMessages.order(r);
          same(r, "hash", r.fr("hash"), o.hashV2(deployment));
          orders.put(r.get("label"), new SignedOrder(o, EdDsaSignature.decode(r.bytes("sig"))));
        }
        case "op.trade" ->
            trades.add(
                new Trade(
                    orders.get(r.get("maker")),
                    orders.get(r.get("taker")),
                    r.longValue("quantity"),
                    r.longValue("price"),
                    r.longValue("makerfee"),
                    r.longValue("takerfee")));
        case "op.withdraw" -> {
          WithdrawalMessage m =
              new WithdrawalMessage(
                  r.longValue("account"),
                  r.longValue("amount"),
                  r.fr("recipient"),
                  r.longValue("nonce"));
          same(r, "hash", r.fr("hash"), m.hashV2(deployment));
          withdrawals.add(new Withdrawal(m, EdDsaSignature.decode(r.bytes("sig"))));
        }
        case "op.expiry" -> // the sequencer's payoff: Go's, from the step's row
            expiries.add(
                new Expiry(
                    r.longValue("account"),
                    r.longValue("market"),
                    expected.stream()
                        .filter(x -> x.kind().equals("row.expiry"))
                        .skip(expiries.size())
                        .findFirst()
                        .orElseThrow()
                        .longValue("payoff")));
        case "op.switch" -> {
          MarginModeMessage m =
              new MarginModeMessage(
                  r.longValue("account"), r.longValue("mode"), r.longValue("request"));
          same(r, "hash", r.fr("hash"), m.hash(deployment));
          switches.add(new MarginSwitch(m, EdDsaSignature.decode(r.bytes("sig"))));
          switchesRead++;
        }
        case "op.liquidation" -> liquidations.add(new SweepOps(r));
        case "op.close" -> liquidations.getLast().closes.add(close(r, orders));
        case "op.takeover" ->
            liquidations
                .getLast()
                .takeovers
                .add(
                    new Takeover(
                        r.longValue("market"), r.longValue("quantity"), r.longValue("price")));
        case "op.adl" -> liquidations.getLast().adlCovered = r.longValue("covered");
        case "op.adlfill" ->
            liquidations
                .getLast()
                .fills
                .add(
                    new AdlFill(
                        r.longValue("counterparty"),
                        r.longValue("market"),
                        r.longValue("quantity"),
                        r.longValue("price")));
        case "op.unwind" -> unwinds.add(close(r, orders));
        case "op.optionmark" ->
            optionMarks.add(
                new OptionMark(
                    r.longValue("market"),
                    r.longValue("mark"),
                    Boolean.parseBoolean(r.get("valid")),
                    r.longValue("vol")));
        case "op.request" -> {
          WithdrawalMessage m =
              new WithdrawalMessage(
                  r.longValue("account"),
                  r.longValue("maxamount"),
                  r.fr("recipient"),
                  r.longValue("nonce"));
          same(r, "hash", r.fr("hash"), m.forcedHash(deployment));
          requests.add(new ForcedRequest(m, r.fr("rx"), r.fr("ry"), r.fr("s").toBigInteger()));
        }
        case "op.risk" -> {
          risk.add(
              new RiskRow(
                  r.longValue("market"),
                  r.longValue("underlying"),
                  r.longValue("range"),
                  r.longValue("shortminimum"),
                  Arrays.stream(r.get("pnl").split(",")).mapToLong(Long::parseLong).toArray()));
          riskRows++;
        }
        default -> mismatches.add("unknown operation " + r.line());
      }
    }
    return new SettlementBatch(
        batchRecord.longValue("time"),
        ticks,
        prices,
        deposits,
        trades,
        withdrawals,
        liquidations.stream().map(SweepOps::liquidation).toList(),
        unwinds,
        requestsServed,
        requests,
        optionMarks,
        risk,
        expiries,
        switches);
  }

  private static Close close(VectorRecord r, Map<String, SignedOrder> orders) {
    return new Close(
        orders.get(r.get("maker")),
        r.longValue("quantity"),
        r.longValue("price"),
        r.longValue("makerfee"),
        r.longValue("takerfee"));
  }

  /** One liquidation's op records as they are read. */
  private static final class SweepOps {
    final VectorRecord start;
    final List<Close> closes = new ArrayList<>();
    final List<Takeover> takeovers = new ArrayList<>();
    final List<AdlFill> fills = new ArrayList<>();
    Long adlCovered; // set by op.adl

    SweepOps(VectorRecord start) {
      this.start = start;
    }

    Liquidation liquidation() {
      return new Liquidation(
          start.longValue("account"),
          closes,
          takeovers,
          Optional.ofNullable(adlCovered).map(c -> new Deleveraging(c, fills)),
          start.longValue("surplus"),
          start.longValue("covered"),
          start.longValue("uncovered"));
    }
  }

  private void compare(VectorRecord r, BuiltBatch built) {
    SettlementWitness w = built.witness();
    switch (r.kind()) {
      case "row.market" -> {
        MarketRow m = w.markets().get((int) r.longValue("row"));
        same(r, "id", r.longValue("id"), m.before().id());
        same(r, "tick", Boolean.parseBoolean(r.get("tick")), m.tick());
        same(r, "rate", r.longValue("rate"), m.rate());
        if (r.fields().containsKey("underlyingrow")) {
          same(r, "underlyingrow", r.longValue("underlyingrow"), (long) m.underlyingRow());
          same(r, "optionmark", r.longValue("optionmark"), m.optionMark());
          same(r, "optionvalid", Boolean.parseBoolean(r.get("optionvalid")), m.optionValid());
          same(r, "optionvol", r.longValue("optionvol"), m.optionVol());
        }
        same(r, "leaf", r.fr("leaf"), m.before().hash());
      }
      case "row.account" -> {
        AccountRow a = w.accounts().get((int) r.longValue("row"));
        same(r, "index", r.longValue("index"), a.index());
        same(r, "exists", Boolean.parseBoolean(r.get("exists")), a.exists());
        same(r, "slotmarkets", r.get("slotmarkets"), join(a.slotMarkets()));
      }
      case "row.order" -> {
        OrderRow o = w.orders().get((int) r.longValue("row"));
        same(r, "accountrow", r.longValue("accountrow"), (long) o.accountRow());
        same(r, "marketrow", r.longValue("marketrow"), (long) o.marketRow());
        same(r, "id", r.longValue("id"), o.order().clientOrderId());
        same(r, "fillempty", Boolean.parseBoolean(r.get("fillempty")), o.fillEmpty());
        same(r, "fillid", r.longValue("fillid"), o.fill().clientOrderId());
        same(r, "fillfilled", r.longValue("fillfilled"), o.fill().filled());
      }
      case "row.trade" -> {
        TradeRow t = w.trades().get((int) r.longValue("slot"));
        same(r, "makerrow", r.longValue("makerrow"), (long) t.makerRow());
        same(r, "takerrow", r.longValue("takerrow"), (long) t.takerRow());
        same(r, "makerslot", r.longValue("makerslot"), (long) t.makerSlot());
        same(r, "takerslot", r.longValue("takerslot"), (long) t.takerSlot());
      }
      case "row.deposit" ->
          same(
              r,
              "accountrow",
              r.longValue("accountrow"),
              (long) w.deposits().get((int) r.longValue("slot")).accountRow());
      case "row.withdrawal" ->
          same(
              r,
              "accountrow",
              r.longValue("accountrow"),
              (long) w.withdrawals().get((int) r.longValue("slot")).accountRow());
      case "row.step" -> compareStep(r, w);
      case "result.account" -> {
        long index = r.longValue("index");
        int row = rowOf(w, index);
        boolean absent = state.account(index).isEmpty(); // a row read only to serve a request
        compareAccount(r, row < 0 || absent ? null : built.accountsAfter().get(row));
        compareAccount(r, state.account(index).orElse(null));
      }
      case "result.market" -> compareMarket(r, built);
      case "row.expiry" -> {
        ExpiryRow e = w.expiries().get((int) r.longValue("step"));
        same(r, "accountrow", r.longValue("accountrow"), (long) e.accountRow());
        same(r, "slot", r.longValue("slot"), (long) e.slot());
        same(r, "settlement", r.longValue("settlement"), e.settlement());
        same(r, "payoff", r.longValue("payoff"), e.payoff());
        expiriesChecked++;
      }
      case "row.request" -> {
        RequestRow q = w.requests().get((int) r.longValue("slot"));
        same(r, "accountrow", r.longValue("accountrow"), (long) q.accountRow());
        same(r, "paid", r.longValue("paid"), q.paid());
        requestsChecked++;
      }
      case "result.requests" -> {
        same(r, "start", r.longValue("start"), w.requestStart());
        same(r, "served", r.longValue("served"), requestsServed);
      }
      case "result.rowroot" ->
          same(r, "root", r.fr("root"), w.rowRoots().get((int) r.longValue("row")));
      case "result.state" -> {
        GlobalState g = built.after();
        same(r, "accounts", r.fr("accounts"), g.accountsRoot());
        same(r, "markets", r.fr("markets"), g.marketsRoot());
        same(r, "feepool", r.longValue("feepool"), g.feePool());
        same(r, "fundingpool", r.longValue("fundingpool"), g.fundingPool());
        same(r, "time", r.longValue("time"), g.time());
        same(r, "deposits", r.longValue("deposits"), g.depositCount());
        same(r, "root", r.fr("root"), g.root());
        same(r, "root", r.fr("root"), state.root());
      }
      case "result.pubdata" -> same(r, "d", r.frList("d"), w.publicData());
      case "result.public" -> {
        same(r, "c", r.fr("c"), w.publicInputs().commitment());
        same(r, "z", r.fr("z"), w.publicInputs().challenge());
        same(r, "y", r.fr("y"), w.publicInputs().evaluation());
      }
      case "result.witness" -> {
        Witness g = built.gnarkWitness();
        same(r, "public", r.longValue("public"), (long) g.publicInputs().size());
        same(
            r,
            "elements",
            r.longValue("elements"),
            (long) (g.publicInputs().size() + g.secretInputs().size()));
        same(r, "sha256", r.get("sha256"), "0x" + HexFormat.of().formatHex(sha256(g.fullBytes())));
      }
      case "w" -> compareElement(r, built);
      default -> mismatches.add("unknown record " + r.line());
    }
  }

  private void compareStep(VectorRecord r, SettlementWitness w) {
    int i = (int) r.longValue("step");
    if (i >= w.steps().size()) {
      mismatches.add(r.line() + ": Java has " + w.steps().size() + " steps");
      return;
    }
    StepRow s = w.steps().get(i);
    same(r, "kind", r.longValue("kind"), (long) s.kind().code());
    same(r, "end", Boolean.parseBoolean(r.get("end")), s.end());
    same(r, "accountrow", r.longValue("accountrow"), (long) s.accountRow());
    same(r, "slot", r.longValue("slot"), (long) s.slot());
    same(r, "otherrow", r.longValue("otherrow"), (long) s.otherRow());
    same(r, "otherslot", r.longValue("otherslot"), (long) s.otherSlot());
    same(r, "order", r.longValue("order"), (long) s.order());
    same(r, "quantity", r.longValue("quantity"), s.quantity());
    same(r, "price", r.longValue("price"), s.price());
    same(r, "makerfee", r.longValue("makerfee"), s.makerFee());
    same(r, "takerfee", r.longValue("takerfee"), s.takerFee());
    same(r, "first", Boolean.parseBoolean(r.get("first")), s.first());
    same(r, "hold", r.longValue("hold"), (long) s.hold().code());
    same(r, "holdslot", r.longValue("holdslot"), (long) s.holdSlot());
    same(r, "holdfundslot", r.longValue("holdfundslot"), (long) s.holdFundSlot());
    same(r, "covered", r.longValue("covered"), s.covered());
    same(r, "surplus", r.longValue("surplus"), s.surplus());
    same(r, "uncovered", r.longValue("uncovered"), s.uncovered());
    stepsChecked++;
  }

  private void compareElement(VectorRecord r, BuiltBatch built) {
    int i = (int) r.longValue("i");
    Witness g = built.gnarkWitness();
    List<Fr> all = new ArrayList<>(g.publicInputs());
    all.addAll(g.secretInputs());
    same(r, "name", r.get("name"), elementNames(built.witness().capacities()).get(i));
    same(r, "value", r.fr("value"), all.get(i));
    witnessElementsChecked++;
  }

  private static int rowOf(SettlementWitness w, long index) {
    for (int i = 0; i < w.accounts().size(); i++) {
      if (w.accounts().get(i).index() == index) {
        return i;
      }
    }
    return -1;
  }

  private void compareAccount(VectorRecord r, AccountLeafV2 a) {
    boolean exists = Boolean.parseBoolean(r.get("exists"));
    same(r, "exists", exists, a != null);
    if (!exists || a == null) {
      return;
    }
    same(r, "keyx", r.fr("keyx"), a.key().x());
    same(r, "keyy", r.fr("keyy"), a.key().y());
    same(r, "blinding", r.fr("blinding"), a.blinding());
    same(r, "collateral", r.longValue("collateral"), a.collateral());
    same(r, "nonce", r.longValue("nonce"), a.nonce());
    same(r, "mode", Long.parseLong(r.fields().getOrDefault("mode", "0")), a.mode());
    same(r, "fills", r.fr("fills"), a.fillsRoot());
    same(
        r,
        "slots",
        r.get("slots"),
        a.slots().stream().map(VectorReplay::slot).collect(Collectors.joining(";")));
    same(r, "leaf", r.fr("leaf"), a.hash());
  }

  private void compareMarket(VectorRecord r, BuiltBatch built) {
    MarketLeafV2 m =
        built.marketsAfter().stream()
            .filter(x -> x.id() == r.longValue("id"))
            .findFirst()
            .orElse(null);
    if (m == null) {
      mismatches.add(r.line() + ": no such market row");
      return;
    }
    same(r, "mark", r.longValue("mark"), m.mark());
    same(r, "fundingindex", r.longValue("fundingindex"), m.fundingIndex());
    same(r, "lastfunding", r.longValue("lastfunding"), m.lastFundingTime());
    same(r, "funded", Boolean.parseBoolean(r.get("funded")), m.funded());
    same(
        r,
        "records",
        r.get("records"),
        m.records().stream().map(VectorReplay::record).collect(Collectors.joining(";")));
    same(r, "leaf", r.fr("leaf"), m.hash());
    same(r, "leaf", r.fr("leaf"), state.market(m.id()).map(MarketLeafV2::hash).orElse(null));
  }

  private void same(VectorRecord r, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      mismatches.add(
          String.format(
              "%s%s: %s is %s in Go, %s in Java",
              batchRecord == null ? "" : "batch " + batchRecord.get("number") + ", ",
              r.line().length() > 160 ? r.line().substring(0, 160) + "..." : r.line(),
              field,
              expected,
              actual));
    }
  }

  /** gnark's element names, in witness order: a field of n > 1 elements is name_0 .. name_n-1. */
  static List<String> elementNames(Capacities caps) {
    List<String> names = new ArrayList<>();
    for (WitnessField f : SettlementCircuit.layout(caps).fields()) {
      if (f.length() == 1) {
        names.add(f.name());
      } else {
        for (int i = 0; i < f.length(); i++) {
          names.add(f.name() + "_" + i);
        }
      }
    }
    return names;
  }

  /** A slot as the vectors write it: market:size:cost:fundingIndex. */
  static String slot(PositionSlot s) {
    return s.market() + ":" + s.size() + ":" + s.cost() + ":" + s.fundingIndex();
  }

  /** An oracle record as the vectors write it: price:time. */
  static String record(OracleRecord r) {
    return r.price() + ":" + r.publishTime();
  }

  private static String join(List<Integer> xs) {
    return xs.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

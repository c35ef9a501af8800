package dev.sable.sequencer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every field of the engine's state classes is known to the snapshot: kept in the {@link
 * EngineImage}, rebuilt from it on restore, wiring set at construction, or scratch that lives
 * within one command. A field added to the engine fails this test until it is classified here and,
 * if it is state, added to the image (EngineImages, SnapshotCodec, docs/sequencer.md): otherwise a
 * restored sequencer would silently lose it. The books' internals are not listed: a book is imaged
 * through the {@code OrderBook} interface, order by order in priority.
 */
class SnapshotCoverageTest {
  private static final String IMAGED = "in the image";
  private static final String REBUILT = "rebuilt on restore by booking the resting orders again";
  private static final String COPIED =
      "a copy of imaged state (the pools and time, for the state hash), taken on restore";
  private static final String WIRING = "a collaborator, set at construction";
  private static final String SCRATCH = "scratch within one command";
  private static final String CACHE = "a cache keyed on all of its inputs, refilled on demand";
  private static final String HANDED_OVER =
      "the commands' effects not yet hashed: handed over by stateHash(), which a snapshot takes"
          + " before the image";

  private static final Map<String, String> KNOWN =
      Stream.of(
              imaged(
                  "Account.id",
                  "Account.key",
                  "Account.collateral",
                  "Account.nonce",
                  "Account.portfolioMargin",
                  "Account.reportedDeficit",
                  "Account.filled",
                  // size, cost and funding index are imaged; the open totals beside them rebuilt
                  "Account.perMarket",
                  "Market.id",
                  "Market.spec",
                  "Market.book",
                  "Market.status",
                  "Market.mark",
                  "Market.markValid",
                  "Market.fundingIndex",
                  "Market.lastFundingTime",
                  "Market.sourcePrice",
                  "Market.sourceTime",
                  "Market.option",
                  "Market.volatility",
                  "Market.volatilityValid",
                  "Market.realizedTime",
                  "Market.realizedPrice",
                  "Market.realizedVariance",
                  "ExchangeState.markets",
                  "ExchangeState.accounts",
                  "ExchangeState.accountBound",
                  "ExchangeState.now",
                  "ExchangeState.feePool",
                  "ExchangeState.fundingPool",
                  "ExchangeState.netDeposits",
                  "ExchangeState.orderSequence",
                  // the chained hash: kept beside the image (Sequencer.restore takes it)
                  "LaneDigest.s"),
              of(
                  REBUILT,
                  "Account.activeMarkets",
                  "Account.resting",
                  "Account.restingMask",
                  "Account.restingOrders",
                  "ExchangeState.marketsView",
                  "ExchangeState.byId",
                  "OrderRegistry.expiries"),
              of(
                  COPIED,
                  "EffectsRecorder.feePool",
                  "EffectsRecorder.fundingPool",
                  "EffectsRecorder.now"),
              of(
                  CACHE,
                  // the fill check's sums over an account's other markets, kept per account and
                  // keyed on the markets' epoch (a restored state starts with none kept)
                  "Account.sumsMarket",
                  "Account.sumsEpoch",
                  "Account.sumsExposure",
                  "Account.sumsExcess",
                  "ExchangeState.marketEpoch",
                  "PortfolioRequirements.rangeVariance",
                  "PortfolioRequirements.rangeRate",
                  "PortfolioRequirements.range"),
              of(
                  SCRATCH,
                  "ExchangeState.changed",
                  "ExchangeState.changedCount",
                  "ExchangeState.changedMark",
                  "ExchangeState.commandNumber",
                  "Market.scratch",
                  // the words of the command being hashed
                  "StateHasher.words",
                  "EventWords.words",
                  "EventWords.count",
                  // the run last hashed, kept only to be handed back for refilling
                  "StateHasher.last",
                  "Matcher.stopReason",
                  // the fill check's terms and sums
                  "Margin.traded",
                  "Margin.others",
                  "Margin.term",
                  "TermSums.exposure",
                  "TermSums.excess",
                  "TermSums.fits",
                  // one sweep's count of the fund's position slots, created by each sweep
                  "FundSlots.counted"),
              of(
                  HANDED_OVER,
                  "EffectsRecorder.commands",
                  "EffectsRecorder.events",
                  "EffectsRecorder.eventCount",
                  "EffectsRecorder.eventsBefore",
                  "EffectsRecorder.lastStart",
                  "EffectsRecorder.wordCount",
                  "EffectsRecorder.words"),
              of(
                  WIRING,
                  "EffectsRecorder.feed",
                  "ExchangeCore.state",
                  "ExchangeCore.ledger",
                  "ExchangeCore.orders",
                  "ExchangeCore.markets",
                  "Ledger.state",
                  "Ledger.events",
                  "MarketControl.state",
                  "MarketControl.events",
                  "MarketControl.books",
                  "OrderRegistry.state",
                  "OrderRegistry.events",
                  "MarketAdmin.core",
                  "MarketAdmin.state",
                  "MarketAdmin.events",
                  "MarketAdmin.volatility",
                  "VolatilitySampler.state",
                  "VolatilitySampler.markets",
                  "MarketAdmin.options",
                  "OptionMarks.state",
                  "OptionMarks.markets",
                  "Sequencer.optionMarks",
                  "Sequencer.core",
                  "Sequencer.events",
                  "Sequencer.hashing",
                  "Sequencer.margin",
                  "Sequencer.entry",
                  "Sequencer.transfers",
                  "Sequencer.admin",
                  "Sequencer.prices",
                  "Sequencer.liquidator",
                  "StateHasher.lanes",
                  "Transfers.state",
                  "Transfers.events",
                  "Transfers.margin",
                  "Transfers.ledger",
                  "OrderEntry.state",
                  "OrderEntry.events",
                  "OrderEntry.margin",
                  "OrderEntry.orders",
                  "OrderEntry.matcher",
                  "Matcher.state",
                  "Matcher.ledger",
                  "Matcher.orders",
                  "Matcher.margin",
                  "Account.state",
                  "Margin.state",
                  "Margin.portfolio",
                  "PortfolioRequirements.state",
                  "PortfolioRequirements.calculator",
                  "Sequencer.marginModes",
                  "MarginModes.state",
                  "MarginModes.events",
                  "MarginModes.margin",
                  "MarginModes.ledger",
                  "PriceFeed.state",
                  "PriceFeed.events",
                  "PriceFeed.markets",
                  "Liquidator.state",
                  "Liquidator.events",
                  "Liquidator.margin",
                  "Liquidator.ledger",
                  "Liquidator.orders",
                  "Liquidator.matcher"))
          .flatMap(m -> m.entrySet().stream())
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  private static Map<String, String> imaged(String... fields) {
    return of(IMAGED, fields);
  }

  private static Map<String, String> of(String reason, String... fields) {
    return Stream.of(fields).collect(Collectors.toMap(f -> f, f -> reason));
  }

  private static TreeSet<String> engineFields() {
    TreeSet<String> out = new TreeSet<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                "dev.sable.sequencer.core",
                "dev.sable.sequencer.engine",
                "dev.sable.sequencer.trading",
                "dev.sable.sequencer.matching",
                "dev.sable.sequencer.margin",
                "dev.sable.sequencer.funding",
                "dev.sable.sequencer.liquidation",
                "dev.sable.sequencer.optionmarket")) {
      if (c.isRecord() || c.isEnum() || c.getName().contains("ArrayOrderBook")) {
        continue; // records are values; the book is imaged through its interface
      }
      for (JavaField f : c.getFields()) {
        if (!f.getModifiers().contains(JavaModifier.STATIC)
            && !f.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          out.add(c.getSimpleName() + "." + f.getName());
        }
      }
    }
    return out;
  }

  @Test
  void everyFieldOfTheEngineIsKnownToTheSnapshot() {
    TreeSet<String> unknown = engineFields();
    unknown.removeAll(KNOWN.keySet());
    assertThat(unknown)
        .as(
            "fields the snapshot does not know: add each to EngineImage (if it is state) and"
                + " classify it in SnapshotCoverageTest")
        .isEmpty();
  }

  @Test
  void everyListedFieldStillExists() {
    TreeSet<String> gone = new TreeSet<>(KNOWN.keySet());
    gone.removeAll(engineFields());
    assertThat(gone).as("listed fields the engine no longer has").isEmpty();
  }
}
